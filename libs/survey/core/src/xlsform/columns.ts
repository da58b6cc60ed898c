// Column headers as pyxform reads them: split into a column and its language (`label::English`,
// or `label:English` in sheets that never use `::`), old spellings resolved (`list name`,
// `relevance`, `caption`), and the `bind::`/`control::` groups mapped to the columns they mean —
// `bind:relevant` is skip logic, not an extra column to carry along.
import { type FormIssue, type XlsFormSheetName, sheetIssue } from '../errors';
import type { Labels } from '../model';
import type { Sheet, SheetRow } from './sheets';

export const TRANSLATABLE = new Set(['label', 'hint', 'constraint_message', 'required_message']);
export const SURVEY_COLUMNS = new Set([
  'type',
  'name',
  'required',
  'relevant',
  'constraint',
  'calculation',
  'choice_filter',
  'appearance',
  'default',
  'read_only',
  'parameters',
  'repeat_count',
]);
export const CHOICE_COLUMNS = new Set(['list_name', 'name']);
export const SETTINGS_COLUMNS = new Set(['form_id', 'form_title', 'version', 'default_language']);

/** pyxform's alternative names of a column (after snake-casing). */
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  caption: 'label',
  relevance: 'relevant',
  readonly: 'read_only',
  calculate: 'calculation',
  constraining_message: 'constraint_message',
  requiredmsg: 'required_message',
  count: 'repeat_count',
  'jr:count': 'repeat_count',
  command: 'type',
  set_form_title: 'form_title',
  set_form_id: 'form_id',
  // pyxform's internal names of the two settings, which old Ona forms use as headers.
  title: 'form_title',
  id_string: 'form_id',
};

/** What the XForm attributes pyxform accepts under `bind::` and `control::` stand for. */
const GROUPED_COLUMNS: Readonly<Record<string, string>> = {
  'bind::relevant': 'relevant',
  'bind::constraint': 'constraint',
  'bind::required': 'required',
  'bind::calculate': 'calculation',
  'bind::readonly': 'read_only',
  'bind::jr:constraintmsg': 'constraint_message',
  'bind::jr:requiredmsg': 'required_message',
  'control::appearance': 'appearance',
  'control::jr:count': 'repeat_count',
};

export interface HeaderParts {
  /** Lower-cased column name without language (`label`, `relevant`, …), aliases resolved. */
  readonly base: string;
  /** What followed the column name (`English`, `German (de)`), if anything. */
  readonly suffix?: string;
}

/** Whether a sheet groups its headers with `::`: then single colons are part of the name. */
export function usesDoubleColon(header: readonly string[]): boolean {
  return header.some((h) => h.includes('::'));
}

function snakeCase(text: string): string {
  return text.trim().split(/\s+/).join('_').toLowerCase();
}

function headerTokens(header: string, doubleColon: boolean): string[] {
  const grouped = /^\s*(bind|control)\s*:(?!:)(.*)$/i.exec(header);
  // `bind:relevant` among `::` headers is still skip logic, never an extra column (pyxform would
  // drop it silently); otherwise `::` sheets keep single colons inside names.
  if (doubleColon && !grouped) return header.split('::').map((t) => t.trim());
  const tokens = (doubleColon && grouped ? [grouped[1], ...grouped[2].split('::')] : header.split(':')).map(
    (t) => t.trim(),
  );
  // `jr:count`, `bind:jr:constraintMsg:English`: the `jr` namespace is part of the name.
  const jr = tokens.findIndex((t) => t.toLowerCase() === 'jr');
  if (jr >= 0 && jr + 1 < tokens.length) tokens.splice(jr, 2, `${tokens[jr]}:${tokens[jr + 1]}`);
  return tokens;
}

export function headerParts(header: string, doubleColon: boolean): HeaderParts {
  const tokens = headerTokens(header, doubleColon);
  const first = snakeCase(tokens[0]);
  if ((first === 'bind' || first === 'control') && tokens.length >= 2) {
    const grouped = GROUPED_COLUMNS[`${first}::${tokens[1].toLowerCase()}`];
    if (grouped !== undefined) {
      const rest = tokens.slice(2);
      return rest.length > 0 ? { base: grouped, suffix: rest.join('::') } : { base: grouped };
    }
    return { base: `${first}::${tokens.slice(1).join('::')}`.toLowerCase() };
  }
  const base = COLUMN_ALIASES[first] ?? first;
  return tokens.length > 1 ? { base, suffix: tokens.slice(1).join('::') } : { base };
}

/** `label::German (de)` → `de` (KoboToolbox style); `label::de` → `de`; anything else as written. */
export function languageTag(text: string): string {
  const inParens = /\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$/.exec(text);
  return (inParens ? inParens[1] : text).trim();
}

interface Column {
  readonly header: string;
  /** The column it is (`label`, `relevant`, …), or '' for a column Quartier keeps verbatim. */
  readonly base: string;
  readonly language?: string;
}

export interface SheetColumns {
  readonly columns: readonly Column[];
  /** Header of a known (non-translated) column, or of the first column of a translated one. */
  headerOf(base: string): string | undefined;
  value(row: SheetRow, base: string): string | undefined;
  labels(row: SheetRow, base: string): Labels;
  extra(row: SheetRow): Record<string, string>;
}

function hasValues(sheet: Sheet, header: string): boolean {
  return sheet.rows.some((row) => row.cells[header] !== undefined);
}

export function analyseColumns(
  sheetName: XlsFormSheetName,
  sheet: Sheet,
  known: ReadonlySet<string>,
  defaultLanguage: string,
  issues: FormIssue[],
): SheetColumns {
  const doubleColon = usesDoubleColon(sheet.header);
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  for (const header of sheet.header) {
    const { base, suffix } = headerParts(header, doubleColon);
    let column: Column;
    let key: string;
    if (TRANSLATABLE.has(base)) {
      // An empty column without a language says nothing (pyxform ignores it), so it neither
      // decides the default language nor collides with that language's own column.
      if (suffix === undefined && !hasValues(sheet, header)) continue;
      const language = suffix === undefined ? defaultLanguage : languageTag(suffix);
      column = { header, base, language };
      key = `${base}::${language}`;
    } else if (known.has(base) && suffix === undefined) {
      column = { header, base };
      key = base;
    } else {
      column = { header, base: '' };
      key = `extra:${header}`;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(sheetIssue({ sheet: sheetName, row: 1, column: header }, 'column-duplicate', { first }));
      continue;
    }
    seen.set(key, header);
    columns.push(column);
  }
  const byBase = (base: string): Column[] => columns.filter((c) => c.base === base);
  return {
    columns,
    headerOf: (base) => byBase(base)[0]?.header,
    value: (row, base) => {
      const column = byBase(base)[0];
      return column ? row.cells[column.header] : undefined;
    },
    labels: (row, base) => {
      const out: Record<string, string> = {};
      for (const c of byBase(base)) {
        const text = row.cells[c.header];
        if (text !== undefined && c.language !== undefined) out[c.language] = text;
      }
      return out;
    },
    extra: (row) => {
      const out: Record<string, string> = {};
      for (const c of columns) {
        const text = row.cells[c.header];
        if (c.base === '' && text !== undefined) out[c.header] = text;
      }
      return out;
    },
  };
}

/**
 * pyxform's default language: the settings' `default_language`; else the language of the columns
 * without one, when they hold any text (Quartier reads those as German); else the first language
 * the headers name (pyxform marks none as default then, and ODK Collect shows the first).
 */
export function defaultLanguageOf(
  sheets: readonly (Sheet | undefined)[],
  explicit: string | undefined,
  fallback: string,
): string {
  if (explicit !== undefined && explicit.trim() !== '') return languageTag(explicit);
  const languages: string[] = [];
  let plain = false;
  for (const sheet of sheets) {
    if (!sheet) continue;
    const doubleColon = usesDoubleColon(sheet.header);
    for (const header of sheet.header) {
      const { base, suffix } = headerParts(header, doubleColon);
      if (!TRANSLATABLE.has(base)) continue;
      if (suffix === undefined) plain ||= hasValues(sheet, header);
      else languages.push(languageTag(suffix));
    }
  }
  if (plain || languages.length === 0 || languages.includes(fallback)) return fallback;
  return languages[0];
}
