import {
  describePeriodKind,
  normalisePeriod,
  periodFits,
  type PeriodDialect,
  type Periodicity,
} from './period';
import { parseValueCell, type ValueCell } from './value-cell';

// Per-row validation of an import. Every problem of a row is reported (not just the first),
// each naming the line, the column and the reason, so one correction round fixes the file.
// Area and indicator codes are resolved through lookups the caller provides (the service's
// read model and catalogue); duplicates are found later over the whole file.

export type ObservationStatus = 'value' | 'suppressed' | 'missing';

/** A value as read from a file, before validation. `column` names the cell an error points at. */
export interface RawObservation {
  line: number;
  column: string;
  area: string;
  period: string;
  indicator: string;
  value: string | number | null;
  numerator?: string | number | null;
  denominator?: string | number | null;
  /** Set by formats that carry a status next to the value (SDMX OBS_STATUS, JSON-stat status). */
  status?: 'suppressed' | 'missing';
}

export interface RowError {
  line: number;
  column: string;
  reason:
    | 'unknown-area'
    | 'unknown-indicator'
    | 'bad-period'
    | 'non-numeric'
    | 'negative-count'
    | 'duplicate'
    | 'malformed';
  message: string;
  /**
   * The cell's text as read, where the problem is a bad value (an unknown code, a period, a
   * number): the portal shows it beside its own sentence, which cannot quote the English message.
   */
  value?: string;
}

export interface CheckedObservation<A, I> {
  line: number;
  column: string;
  area: A;
  indicator: I;
  period: string;
  status: ObservationStatus;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** What a row check needs of an indicator: its scale and, when known, its periodicity. */
export interface IndicatorTraits {
  scale: number;
  periodicity?: Periodicity;
}

export interface ObservationLookups<A, I extends IndicatorTraits> {
  area(code: string): A | undefined;
  indicator(code: string): I | undefined;
}

export interface CheckOptions {
  dialect?: PeriodDialect;
  decimalComma?: boolean;
  /** Column names for error messages (defaults: area, period, indicator). */
  columns?: { area?: string; period?: string; indicator?: string; numerator?: string; denominator?: string };
}

export type CheckResult<A, I> =
  { ok: true; observation: CheckedObservation<A, I> } | { ok: false; errors: RowError[] };

const DEFAULT_COLUMNS = {
  area: 'area',
  period: 'period',
  indicator: 'indicator',
  numerator: 'numerator',
  denominator: 'denominator',
};

/**
 * Canonical period per raw text and dialect, and whether a period fits a periodicity. Files
 * repeat a handful of periods millions of times, so each distinct text is parsed once (bounded,
 * so a file of junk cannot grow it).
 */
const MEMO_LIMIT = 10_000;
function memoised<K, V>(compute: (kind: K, text: string) => V): (kind: K, text: string) => V {
  const memos = new Map<K, Map<string, V>>();
  return (kind, text) => {
    let memo = memos.get(kind);
    if (!memo) memos.set(kind, (memo = new Map()));
    const hit = memo.get(text);
    if (hit !== undefined) return hit;
    const value = compute(kind, text);
    if (memo.size > MEMO_LIMIT) memo.clear();
    memo.set(text, value);
    return value;
  };
}
const memoPeriod = memoised((dialect: PeriodDialect, raw: string) => normalisePeriod(raw, dialect));
const memoFits = memoised(periodFits);

/**
 * The row's errors with one more (the list is made at the first). A module function rather than
 * a closure over the row: checkObservation runs once per row, mostly unoptimised in a process's
 * first import, and a closure would be allocated for every row to report nothing.
 */
function withError(
  errors: RowError[] | null,
  line: number,
  column: string,
  reason: RowError['reason'],
  message: string,
  value?: string,
): RowError[] {
  const error: RowError = { line, column, reason, message };
  if (value) error.value = value;
  if (errors === null) return [error];
  errors.push(error);
  return errors;
}

/** A numerator's or denominator's problem, if it has one: not a number, or negative. */
function withCountError(
  errors: RowError[] | null,
  line: number,
  name: string,
  cell: ValueCell,
): RowError[] | null {
  if (cell.status === 'invalid')
    return withError(errors, line, name, 'non-numeric', `"${cell.text}" is not a number`, cell.text);
  if (cell.status === 'value' && cell.value < 0)
    return withError(
      errors,
      line,
      name,
      'negative-count',
      `${name} ${cell.value} is negative`,
      String(cell.value),
    );
  return errors;
}

export function checkObservation<A, I extends IndicatorTraits>(
  raw: RawObservation,
  lookups: ObservationLookups<A, I>,
  options: CheckOptions = {},
): CheckResult<A, I> {
  let errors: RowError[] | null = null;
  const col = options.columns ? { ...DEFAULT_COLUMNS, ...options.columns } : DEFAULT_COLUMNS;
  const decimalComma = options.decimalComma ?? false;
  const line = raw.line;

  const area = raw.area === '' ? undefined : lookups.area(raw.area);
  if (area === undefined)
    errors = withError(
      errors,
      line,
      col.area,
      'unknown-area',
      raw.area === '' ? 'area code is empty' : `unknown area code "${raw.area}"`,
      raw.area,
    );
  const indicator = raw.indicator === '' ? undefined : lookups.indicator(raw.indicator);
  if (indicator === undefined)
    errors = withError(
      errors,
      line,
      col.indicator,
      'unknown-indicator',
      raw.indicator === '' ? 'indicator code is empty' : `unknown indicator "${raw.indicator}"`,
      raw.indicator,
    );
  const period = memoPeriod(options.dialect ?? 'quartier', raw.period);
  if (period === null)
    errors = withError(
      errors,
      line,
      col.period,
      'bad-period',
      `"${raw.period}" is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or a DHIS2/SDMX period)`,
      raw.period,
    );
  else if (indicator?.periodicity !== undefined && !memoFits(indicator.periodicity, period))
    errors = withError(
      errors,
      line,
      col.period,
      'bad-period',
      `"${raw.period}" is ${describePeriodKind(period)}, but indicator "${raw.indicator}" has the periodicity ${indicator.periodicity}`,
      raw.period,
    );

  const cell = parseValueCell(raw.value, decimalComma);
  if (cell.status === 'invalid')
    errors = withError(errors, line, raw.column, 'non-numeric', `"${cell.text}" is not a number`, cell.text);
  // The two counts one after the other, not a loop over [name, value] pairs: that made three
  // arrays and an iterator per row.
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (raw.numerator !== undefined || raw.denominator !== undefined) {
    const numeratorCell = parseValueCell(raw.numerator, decimalComma);
    errors = withCountError(errors, line, col.numerator, numeratorCell);
    const denominatorCell = parseValueCell(raw.denominator, decimalComma);
    errors = withCountError(errors, line, col.denominator, denominatorCell);
    if (numeratorCell.status === 'value') numerator = numeratorCell.value;
    if (denominatorCell.status === 'value') denominator = denominatorCell.value;
  }
  if (errors !== null) return { ok: false, errors };

  let status: ObservationStatus;
  let value: number | null = null;
  if (raw.status === 'suppressed' || cell.status === 'suppressed') status = 'suppressed';
  else if (raw.status === 'missing') status = 'missing';
  else if (cell.status === 'value') {
    status = 'value';
    value = cell.value;
  } else if (numerator !== null && denominator !== null && denominator > 0) {
    // No value but both counts: the value is their ratio on the indicator's scale (100 for %).
    status = 'value';
    value = (numerator / denominator) * (indicator as I).scale;
  } else status = 'missing';
  return {
    ok: true,
    observation: {
      line: raw.line,
      column: raw.column,
      area: area as A,
      indicator: indicator as I,
      period: period as string,
      status,
      value,
      // Counts of a suppressed or missing cell are not published either: drop them.
      numerator: status === 'value' ? numerator : null,
      denominator: status === 'value' ? denominator : null,
    },
  };
}
