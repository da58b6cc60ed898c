import { comparePeriods, parsePeriod } from '@quartier/contracts';
import { EvaluationError } from './evaluation-error';

/** One indicator value of an area in a period, as in the long CSV `area,indicator,period,value`. */
export interface LongValue {
  area: string;
  indicator: string;
  /** Period code in the platform's period grammar (contracts' `parsePeriod`). */
  period: string;
  /** null: missing (or suppressed — then not usable either). */
  value: number | null;
}

/** Membership of an area in a difference-in-differences design. */
export type Group = 'treated' | 'comparison';
export const GROUPS: readonly Group[] = ['treated', 'comparison'];

export const quoteList = (names: Iterable<string>): string =>
  [...names].map((name) => `"${name}"`).join(', ');

/**
 * Distinct period codes in chronological order (contracts' `comparePeriods`: by first day, the
 * longer period first). As text, periods of different kinds interleave wrongly — `2024-12-31`
 * sorted before `2024H1`, `2024-03` before `2024-W10` — and the evaluation service's split at the
 * start period (contracts' `splitAtStart`) mixes kinds whenever the outcomes do.
 * @throws EvaluationError `InvalidInput` on an empty or duplicate period, `InvalidPeriods` on a
 *   text that is no period (it has no place on the time axis).
 */
export function distinctPeriods(periods: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  for (const period of periods) {
    if (typeof period !== 'string' || period === '')
      throw new EvaluationError('InvalidInput', `${what}: empty period`, { field: what });
    if (!parsePeriod(period))
      throw new EvaluationError('InvalidPeriods', `${what}: "${period}" is not a period`, {
        field: what,
        period,
      });
    if (seen.has(period))
      throw new EvaluationError('InvalidInput', `${what}: period "${period}" is listed twice`, {
        field: what,
        period,
      });
    seen.add(period);
  }
  return [...seen].sort(comparePeriods);
}

/**
 * Chronological order (`comparePeriods`) for lists that may hold any text, such as the values of
 * a stored snapshot: a text that is no period comes after every period, by text.
 */
export function byPeriod(a: string, b: string): number {
  const aIsPeriod = parsePeriod(a) !== null;
  const bIsPeriod = parsePeriod(b) !== null;
  if (aIsPeriod && bIsPeriod) return comparePeriods(a, b);
  if (aIsPeriod !== bIsPeriod) return aIsPeriod ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
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
