import { isIsoDate } from './dates';
import { decimalEuros } from './decimal-euros';
import { ProgrammeError, type ProgrammeIssue } from './programme-error';
import type { MeasureStatus } from './workflow';

// Measures as a table (CSV or a spreadsheet's first sheet), one row per measure, for programme
// offices that plan in spreadsheets. Lists within a cell are separated by semicolons; the budget
// cell holds `year/line=euros` entries, e.g. `2025/projektfonds=12000.50; 2026/projektfonds=8000`.
// Export adds the id, status and spent columns; an import creates new proposals only, so a row
// that still carries an id is refused rather than silently duplicated.

export const MEASURE_TABLE_COLUMNS = [
  'title',
  'description',
  'areas',
  'field_of_action',
  'responsible',
  'target_groups',
  'planned_start',
  'planned_end',
  'budget',
] as const;
export const MEASURE_EXPORT_COLUMNS = ['id', 'status', ...MEASURE_TABLE_COLUMNS, 'spent'] as const;

/** The columns of a measure that a table imports and exports alike. */
export interface MeasureTableFields {
  readonly title: string;
  readonly description: string;
  readonly areaCodes: readonly string[];
  readonly fieldOfAction: string | null;
  readonly responsible: string;
  readonly targetGroups: readonly string[];
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  /** EUR cents per year and line. */
  readonly budget: readonly { year: number; line: string; amountCents: number }[];
}

/** A measure read from an imported table. */
export interface MeasureDraft extends MeasureTableFields {
  /** 1-based line (CSV) or row (spreadsheet) number, for messages. */
  readonly row: number;
}

/** A stored measure as the export writes it. */
export interface MeasureTableRow extends MeasureTableFields {
  readonly id: string;
  readonly status: MeasureStatus;
  readonly spentCents: number;
}

const BUDGET_ENTRY = /^(\d{4})\/([a-z0-9][a-z0-9-]{0,62})=(\d{1,11}(?:\.\d{1,2})?)$/;

/**
 * Reads a measure table: the first row is the header (the import columns in any order; `id`,
 * `status` and `spent` may be present from an export). Every problem is collected.
 * @throws ProgrammeError `InvalidMeasureTable` with one issue per problem (`row 4, budget: …`).
 */
export function parseMeasureTable(rows: readonly (readonly string[])[]): MeasureDraft[] {
  const [header, ...body] = rows;
  const issues: ProgrammeIssue[] = [];
  const columns = (header ?? []).map((c) => c.trim().toLowerCase());
  for (const required of ['title', 'areas', 'responsible'])
    if (!columns.includes(required)) issues.push({ path: 'row 1', reason: `missing column ${required}` });
  const known = new Set<string>(MEASURE_EXPORT_COLUMNS);
  columns.forEach((c, i) => {
    if (!known.has(c))
      issues.push({ path: `row 1, column ${i + 1}`, reason: `unknown column ${c || '(empty)'}` });
  });
  if (issues.length > 0) throw tableError(issues);
  const drafts: MeasureDraft[] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (name: string) => (cells[columns.indexOf(name)] ?? '').trim();
    const problem = (column: string, reason: string) =>
      issues.push({ path: `row ${row}, ${column}`, reason });
    if (cell('id'))
      problem('id', 'this measure exists already: an import creates new measures only (remove the id)');
    const title = cell('title');
    if (!title) problem('title', 'a title is required');
    if (title.length > 200) problem('title', 'at most 200 characters');
    const areaCodes = list(cell('areas'));
    if (areaCodes.length === 0) problem('areas', 'name at least one area code');
    const responsible = cell('responsible');
    if (!responsible) problem('responsible', 'name the responsible body');
    const dates: Record<string, string | null> = {};
    for (const column of ['planned_start', 'planned_end']) {
      const value = cell(column);
      if (value && !isIsoDate(value)) problem(column, `"${value}" is not a date YYYY-MM-DD`);
      dates[column] = value || null;
    }
    if (dates['planned_start'] && dates['planned_end'] && dates['planned_start'] > dates['planned_end'])
      problem('planned_end', 'must not be before planned_start');
    const budget: MeasureDraft['budget'][number][] = [];
    for (const entry of list(cell('budget'))) {
      const match = BUDGET_ENTRY.exec(entry.replace(/\s+/g, ''));
      if (!match) {
        problem('budget', `"${entry}" is not year/line=euros (e.g. 2025/projektfonds=12000.50)`);
        continue;
      }
      const [, year, line, euros] = match;
      if (budget.some((b) => b.year === Number(year) && b.line === line))
        problem('budget', `${year}/${line} is listed twice`);
      budget.push({ year: Number(year), line, amountCents: toCents(euros) });
    }
    drafts.push({
      row,
      title,
      description: cell('description'),
      areaCodes,
      fieldOfAction: cell('field_of_action') || null,
      responsible,
      targetGroups: list(cell('target_groups')),
      plannedStart: dates['planned_start'],
      plannedEnd: dates['planned_end'],
      budget,
    });
  });
  if (issues.length > 0) throw tableError(issues);
  if (drafts.length === 0) throw tableError([{ path: 'row 2', reason: 'the table has no measures' }]);
  return drafts;
}

/** Rows of an export, header first; amounts in euros with two decimals. */
export function measureTable(measures: readonly MeasureTableRow[]): string[][] {
  return [
    [...MEASURE_EXPORT_COLUMNS],
    ...measures.map((m) => [
      m.id,
      m.status,
      m.title,
      m.description,
      m.areaCodes.join('; '),
      m.fieldOfAction ?? '',
      m.responsible,
      m.targetGroups.join('; '),
      m.plannedStart ?? '',
      m.plannedEnd ?? '',
      m.budget.map((b) => `${b.year}/${b.line}=${decimalEuros(b.amountCents)}`).join('; '),
      decimalEuros(m.spentCents),
    ]),
  ];
}

function list(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Exact decimal euros to cents (no binary floating point on the way). */
function toCents(euros: string): number {
  const [whole, fraction = ''] = euros.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function tableError(issues: ProgrammeIssue[]): ProgrammeError {
  return new ProgrammeError(
    'InvalidMeasureTable',
    `the measure table has ${issues.length} problem(s):\n${issues.map((i) => `${i.path}: ${i.reason}`).join('\n')}`,
    { problemCount: issues.length },
    issues,
  );
}
