import { EvaluationError } from './evaluation-error';

/** One indicator value of an area in a period, as in the long CSV `area,indicator,period,value`. */
export interface LongValue {
  area: string;
  indicator: string;
  /** Period code; period codes of one calendar sort chronologically as strings (2019 < 2019H2 < 2020). */
  period: string;
  /** null: missing (or suppressed — then not usable either). */
  value: number | null;
}

/** Membership of an area in a difference-in-differences design. */
export type Group = 'treated' | 'comparison';
export const GROUPS: readonly Group[] = ['treated', 'comparison'];

export const quoteList = (names: Iterable<string>): string =>
  [...names].map((name) => `"${name}"`).join(', ');

/** Sorted distinct period codes; throws on duplicates inside one list. */
export function distinctPeriods(periods: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  for (const period of periods) {
    if (typeof period !== 'string' || period === '')
      throw new EvaluationError('InvalidInput', `${what}: empty period`, { field: what });
    if (seen.has(period))
      throw new EvaluationError('InvalidInput', `${what}: period "${period}" is listed twice`, {
        field: what,
        period,
      });
    seen.add(period);
  }
  return [...seen].sort();
}

/** Two values of one indicator for one area and period: a data error, never averaged silently. */
export function duplicateValue(indicator: string, area: string, period: string): EvaluationError {
  return new EvaluationError(
    'InvalidInput',
    `indicator "${indicator}" has two values for area "${area}" in period "${period}"`,
    { area, indicator, period },
  );
}

/**
 * The values of one indicator keyed by area and period, rejecting a second value for the same
 * cell (two values for one cell is a data error, not something to average silently).
 */
export function indexValues(
  values: Iterable<LongValue>,
  indicator: string,
  keep: (area: string, period: string) => boolean,
): Map<string, Map<string, number>> {
  const byArea = new Map<string, Map<string, number>>();
  // Missing cells are rare: their keys alone are remembered to catch a second row for them.
  const missing = new Set<string>();
  for (const { area, indicator: code, period, value } of values) {
    if (code !== indicator || !keep(area, period)) continue;
    let periods = byArea.get(area);
    if (periods?.has(period) || missing.has(`${area}\u0000${period}`))
      throw duplicateValue(indicator, area, period);
    if (value === null) {
      missing.add(`${area}\u0000${period}`);
      continue;
    }
    if (!Number.isFinite(value))
      throw new EvaluationError(
        'InvalidInput',
        `indicator "${indicator}", area "${area}", period "${period}": value ${value} is not a finite number`,
        { area, indicator, period },
      );
    if (!periods) byArea.set(area, (periods = new Map()));
    periods.set(period, value);
  }
  return byArea;
}
