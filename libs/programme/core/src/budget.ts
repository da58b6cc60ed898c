import { decimalEuros } from './decimal-euros';
import { ProgrammeError, type ProgrammeIssue } from './programme-error';
import type { MeasureStatus } from './workflow';

// A programme's money per year × budget line, in EUR cents (safe integers):
//   planned    the programme's budget for the cell
//   committed  budgets of approved, running and completed measures, plus what cancelled
//              measures had already spent (paid money stays bound)
//   proposed   budgets of proposed measures, shown apart: not yet a commitment
//   spent      every measure's expenditures
//   remaining  planned − committed (what can still be committed; negative = over-committed)
// An expenditure without a line is booked to the measure's only line of that year; when the
// measure has several (or none), it is reported as unassigned rather than guessed.

export interface BudgetAmount {
  readonly year: number;
  /** Budget line, e.g. `Projektfonds`, `Aktionsfonds`, `Baufonds`, `Netzwerkfonds`. */
  readonly line: string;
  /** EUR cents. */
  readonly amount: number;
}

export interface Expenditure {
  readonly year: number;
  readonly line?: string | null;
  /** EUR cents. */
  readonly amount: number;
}

export interface MeasureBudget {
  readonly measureId: string;
  readonly status: MeasureStatus;
  readonly budget: readonly BudgetAmount[];
  readonly expenditures?: readonly Expenditure[];
}

export interface BudgetCell {
  readonly year: number;
  readonly line: string;
  readonly planned: number;
  readonly committed: number;
  readonly proposed: number;
  readonly spent: number;
  readonly remaining: number;
}

export interface UnassignedExpenditure {
  readonly measureId: string;
  readonly year: number;
  readonly amount: number;
}

export interface BudgetSummary {
  /** Every year × line that has a budget, a commitment, a proposal or an expenditure; sorted. */
  readonly cells: readonly BudgetCell[];
  readonly unassigned: readonly UnassignedExpenditure[];
}

const COMMITTING: readonly MeasureStatus[] = ['approved', 'running', 'completed'];

/**
 * Planned, committed, proposed, spent and remaining per year × line.
 * @throws ProgrammeError `InvalidBudget` naming every bad amount, year, line or duplicate cell.
 */
export function summariseBudget(
  programmeBudget: readonly BudgetAmount[],
  measures: readonly MeasureBudget[],
): BudgetSummary {
  validateBudgets(programmeBudget, measures);
  const cells = new Map<
    string,
    { year: number; line: string; planned: number; committed: number; proposed: number; spent: number }
  >();
  const cell = (year: number, line: string) => {
    const key = cellKey({ year, line });
    let entry = cells.get(key);
    if (!entry) {
      entry = { year, line, planned: 0, committed: 0, proposed: 0, spent: 0 };
      cells.set(key, entry);
    }
    return entry;
  };
  for (const b of programmeBudget) cell(b.year, b.line).planned += b.amount;
  const unassigned: UnassignedExpenditure[] = [];
  for (const measure of measures) {
    for (const b of measure.budget) {
      if (COMMITTING.includes(measure.status)) cell(b.year, b.line).committed += b.amount;
      else if (measure.status === 'proposed') cell(b.year, b.line).proposed += b.amount;
    }
    for (const e of measure.expenditures ?? []) {
      const line = expenditureLine(measure, e);
      if (line === null) {
        unassigned.push({ measureId: measure.measureId, year: e.year, amount: e.amount });
        continue;
      }
      cell(e.year, line).spent += e.amount;
      if (measure.status === 'cancelled') cell(e.year, line).committed += e.amount;
    }
  }
  return {
    cells: [...cells.values()]
      .sort((a, b) => a.year - b.year || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0))
      .map((c) => ({ ...c, remaining: c.planned - c.committed })),
    unassigned,
  };
}

function expenditureLine(measure: MeasureBudget, e: Expenditure): string | null {
  if (e.line) return e.line;
  const lines = new Set(measure.budget.filter((b) => b.year === e.year).map((b) => b.line));
  return lines.size === 1 ? [...lines][0] : null;
}

export interface OverCommitment {
  readonly year: number;
  readonly line: string;
  /** The programme's budget for the cell (planned). */
  readonly budget: number;
  /** The commitment with the change applied. */
  readonly committed: number;
  /** The commitment before the change. */
  readonly committedBefore: number;
  readonly excess: number;
}

/** A measure's budget or status after an edit or an approval. */
export interface CommitmentChange {
  readonly measureId: string;
  readonly status: MeasureStatus;
  readonly budget: readonly BudgetAmount[];
}

/**
 * The cells a change over-commits: its measure contributes to them, the commitment exceeds the
 * budget afterwards, and the change increased it (an already over-committed cell that the
 * change leaves alone or relieves is not this change's fault).
 */
export function findOverCommitments(
  programmeBudget: readonly BudgetAmount[],
  measures: readonly MeasureBudget[],
  change: CommitmentChange,
): OverCommitment[] {
  const existing = measures.find((m) => m.measureId === change.measureId);
  const others = measures.filter((m) => m.measureId !== change.measureId);
  const changed: MeasureBudget = { ...change, expenditures: existing?.expenditures ?? [] };
  const before = byCell(summariseBudget(programmeBudget, measures));
  const after = summariseBudget(programmeBudget, [...others, changed]);
  const touched = new Set(change.budget.map(cellKey));
  return after.cells
    .filter((c) => touched.has(cellKey(c)))
    .filter((c) => c.committed > c.planned && c.committed > (before.get(cellKey(c))?.committed ?? 0))
    .map((c) => ({
      year: c.year,
      line: c.line,
      budget: c.planned,
      committed: c.committed,
      committedBefore: before.get(cellKey(c))?.committed ?? 0,
      excess: c.committed - c.planned,
    }));
}

/**
 * Refuses a change that over-commits a budget line unless the manager marked it deliberate;
 * returns the over-commitments either way (a deliberate one belongs in the audit trail).
 * @throws ProgrammeError `OverCommitment` naming line, year, budget and commitment per cell.
 */
export function assertCommitment(
  programmeBudget: readonly BudgetAmount[],
  measures: readonly MeasureBudget[],
  change: CommitmentChange,
  options: { readonly deliberate?: boolean } = {},
): { overCommitments: OverCommitment[]; deliberate: boolean } {
  const overCommitments = findOverCommitments(programmeBudget, measures, change);
  if (overCommitments.length === 0 || options.deliberate)
    return { overCommitments, deliberate: overCommitments.length > 0 };
  const reasons = overCommitments.map(
    (o) =>
      `${o.line} ${o.year}: budget ${euros(o.budget)}, commitment would be ${euros(o.committed)} (${euros(o.excess)} over)`,
  );
  throw new ProgrammeError(
    'OverCommitment',
    `measure ${change.measureId} would over-commit ${reasons.join('; ')}`,
    {
      measureId: change.measureId,
      lines: overCommitments.map((o) => o.line),
      years: overCommitments.map((o) => o.year),
      budgets: overCommitments.map((o) => o.budget),
      commitments: overCommitments.map((o) => o.committed),
      excesses: overCommitments.map((o) => o.excess),
    },
    overCommitments.map((o, i) => ({ path: `budget.${o.year}.${o.line}`, reason: reasons[i] })),
  );
}

/** Cents as "1234.56 EUR" (messages only; the portal formats amounts itself). */
const euros = (cents: number): string => `${decimalEuros(cents)} EUR`;

/** The key of a budget cell, one year of one line. */
function cellKey(cell: { readonly year: number; readonly line: string }): string {
  return `${cell.year}\u0000${cell.line}`;
}

function byCell(summary: BudgetSummary): Map<string, BudgetCell> {
  return new Map(summary.cells.map((c) => [cellKey(c), c]));
}

function validateBudgets(programmeBudget: readonly BudgetAmount[], measures: readonly MeasureBudget[]): void {
  const issues: ProgrammeIssue[] = [];
  const checkCells = (cells: readonly BudgetAmount[], path: string) => {
    const seen = new Set<string>();
    cells.forEach((b, i) => {
      checkAmount(b, `${path}[${i}]`, issues);
      if (typeof b.line !== 'string' || b.line.trim() === '')
        issues.push({ path: `${path}[${i}].line`, reason: 'is empty' });
      const key = cellKey(b);
      if (seen.has(key)) issues.push({ path: `${path}[${i}]`, reason: `${b.line} ${b.year} occurs twice` });
      seen.add(key);
    });
  };
  checkCells(programmeBudget, 'programmeBudget');
  measures.forEach((m, i) => {
    checkCells(m.budget, `measures[${i}].budget`);
    (m.expenditures ?? []).forEach((e, j) => checkAmount(e, `measures[${i}].expenditures[${j}]`, issues));
  });
  if (issues.length > 0)
    throw new ProgrammeError(
      'InvalidBudget',
      `invalid budget:\n${issues.map((i) => `${i.path}: ${i.reason}`).join('\n')}`,
      {},
      issues,
    );
}

/** Why a budget's year is not one (a calendar year 1900–2200), or null. */
export function budgetYearProblem(year: number): string | null {
  return Number.isInteger(year) && year >= 1900 && year <= 2200
    ? null
    : `must be a calendar year (got ${year})`;
}

/** Why an amount of money is not one (whole cents ≥ 0, exact as a double), or null. */
export function centsProblem(amount: number): string | null {
  return Number.isSafeInteger(amount) && amount >= 0
    ? null
    : `must be a whole number of cents ≥ 0 (got ${amount})`;
}

function checkAmount(entry: { year: number; amount: number }, path: string, issues: ProgrammeIssue[]): void {
  const year = budgetYearProblem(entry.year);
  if (year) issues.push({ path: `${path}.year`, reason: year });
  const amount = centsProblem(entry.amount);
  if (amount) issues.push({ path: `${path}.amount`, reason: amount });
}
