import type { AreaHierarchy, CountValue } from './aggregation';
import { IndicatorError } from './indicator-error';
import { hierarchySums, type HierarchySum } from './suppression-sums';

// Statistical confidentiality before publishing small-area counts. Official statistics
// suppress small counts (primary suppression) and then further cells so the first ones cannot
// be recovered by subtraction from a published total (secondary suppression).
//
// Suppressed, missing and zero are different facts and stay different all the way to the
// table: "0 unemployed" is a published value, "no data" is a gap, "suppressed" is a value we
// have but may not show. Conflating any two of them misleads the reader.

export type ValueStatus = 'reported' | 'zero' | 'suppressed' | 'missing';

export type SuppressionReason = 'primary-numerator' | 'primary-denominator' | 'secondary';

export type PublishedCell =
  | { area: string; status: 'reported'; value: number; numerator: number; denominator: number }
  | { area: string; status: 'zero'; value: 0; numerator: 0; denominator: number }
  | { area: string; status: 'suppressed'; reason: SuppressionReason }
  | { area: string; status: 'missing'; reason: 'no-data' | 'zero-denominator' };

export interface SuppressionRules {
  /** Numerators below this are suppressed (typically 3). */
  minNumerator: number;
  /** Denominators below this are suppressed (a rate over 12 residents identifies people). Default 0. */
  minDenominator?: number;
  /**
   * Publish a numerator of exactly 0 although it is below `minNumerator` (status `zero`).
   * Off by default: "nobody in this block receives benefits" is itself a disclosure where the
   * denominator is small, so statistical offices decide this per table.
   */
  publishZeros?: boolean;
  /** Multiplier for the published rate (100 for percent). Default 1. */
  scale?: number;
}

type Working =
  | { kind: 'published'; cell: CountValue & { numerator: number; denominator: number } }
  | { kind: 'suppressed'; reason: SuppressionReason; cell: CountValue }
  | { kind: 'missing'; reason: 'no-data' | 'zero-denominator' };

/**
 * Applies primary and secondary suppression to cells at every level of a hierarchy (planning
 * areas, regions, districts, city — all in `cells`, linked by `hierarchy` child → parent).
 *
 * Secondary suppression follows the survey service's rule, over every sum the hierarchy
 * publishes (an area = Σ its children = Σ its grandchildren …, see `hierarchySums`), repeated
 * until nothing changes (one suppression can expose another sum):
 * - a *published* aggregate with suppressed members: the suppressed members together must
 *   reach the thresholds (Σ numerators ≥ minNumerator, Σ denominators ≥ minDenominator),
 *   otherwise their sum — aggregate minus the published members — discloses a small count
 *   (children 1, 1 and 100 under 102 would give away 1 + 1 = 2). Further members are
 *   suppressed, smallest first (by numerator, then denominator, then id), until they do; if
 *   the members run out, the aggregate is suppressed instead;
 * - a *suppressed* aggregate whose members are all known: it would be their sum, so the
 *   smallest published member is suppressed.
 * Missing members are treated as known (conservatively): a gap in the data is not a secret an
 * intruder lacks, so it protects nothing.
 * @returns one cell per input cell, in input order.
 */
export function suppressForPublication(
  cells: readonly CountValue[],
  hierarchy: AreaHierarchy,
  rules: SuppressionRules,
): PublishedCell[] {
  const minDenominator = rules.minDenominator ?? 0;
  const scale = rules.scale ?? 1;
  const state = new Map<string, Working>();
  for (const cell of cells) {
    if (state.has(cell.area))
      throw new IndicatorError('InvalidInput', `area "${cell.area}" occurs more than once`);
    state.set(cell.area, primary(cell, rules.minNumerator, minDenominator, rules.publishZeros ?? false));
  }
  const thresholds = { numerator: rules.minNumerator, denominator: minDenominator };
  const sums = hierarchySums(state.keys(), hierarchy);
  for (let changed = true; changed;) {
    changed = false;
    for (const sum of sums) changed = protectSum(state, sum, thresholds) || changed;
  }

  return cells.map((cell): PublishedCell => {
    const s = state.get(cell.area)!;
    switch (s.kind) {
      case 'missing':
        return { area: cell.area, status: 'missing', reason: s.reason };
      case 'suppressed':
        return { area: cell.area, status: 'suppressed', reason: s.reason };
      case 'published':
        return s.cell.numerator === 0
          ? { area: cell.area, status: 'zero', value: 0, numerator: 0, denominator: s.cell.denominator }
          : {
              area: cell.area,
              status: 'reported',
              value: (s.cell.numerator / s.cell.denominator) * scale,
              numerator: s.cell.numerator,
              denominator: s.cell.denominator,
            };
    }
  });
}

function primary(
  cell: CountValue,
  minNumerator: number,
  minDenominator: number,
  publishZeros: boolean,
): Working {
  const { numerator, denominator } = cell;
  if (
    typeof numerator !== 'number' ||
    typeof denominator !== 'number' ||
    !Number.isFinite(numerator) ||
    !Number.isFinite(denominator)
  ) {
    return { kind: 'missing', reason: 'no-data' };
  }
  if (numerator < 0 || denominator < 0)
    throw new IndicatorError('InvalidInput', `area "${cell.area}": counts must not be negative`);
  if (denominator < minDenominator) return { kind: 'suppressed', reason: 'primary-denominator', cell };
  if (numerator < minNumerator && !(numerator === 0 && publishZeros))
    return { kind: 'suppressed', reason: 'primary-numerator', cell };
  if (denominator === 0) return { kind: 'missing', reason: 'zero-denominator' };
  return { kind: 'published', cell: { area: cell.area, numerator, denominator } };
}

/** Applies the secondary rule to one sum; true when it suppressed something. */
function protectSum(
  state: Map<string, Working>,
  sum: HierarchySum,
  thresholds: { numerator: number; denominator: number },
): boolean {
  const aggregate = state.get(sum.aggregate) as Working;
  if (aggregate.kind === 'missing') return false;
  const kinds = sum.members.map((m) => (state.get(m) as Working).kind);
  const smallestFirst = sum.members
    .filter((_, i) => kinds[i] === 'published')
    .sort((a, b) => compareSize(state.get(a)!, state.get(b)!, a, b));
  const suppress = (area: string) => {
    const current = state.get(area) as Working;
    if (current.kind === 'published')
      state.set(area, { kind: 'suppressed', reason: 'secondary', cell: current.cell });
  };
  if (aggregate.kind === 'suppressed') {
    if (kinds.includes('suppressed') || smallestFirst.length === 0) return false;
    suppress(smallestFirst[0]);
    return true;
  }
  const hidden = { numerator: 0, denominator: 0, count: 0 };
  const hide = (area: string) => {
    const cell = (state.get(area) as Exclude<Working, { kind: 'missing' }>).cell;
    hidden.numerator += cell.numerator ?? 0;
    hidden.denominator += cell.denominator ?? 0;
    hidden.count += 1;
  };
  sum.members.forEach((m, i) => kinds[i] === 'suppressed' && hide(m));
  const protectedEnough = () =>
    hidden.numerator >= thresholds.numerator && hidden.denominator >= thresholds.denominator;
  if (hidden.count === 0 || protectedEnough()) return false;
  for (const candidate of smallestFirst) {
    suppress(candidate);
    hide(candidate);
    if (protectedEnough()) return true;
  }
  suppress(sum.aggregate);
  return true;
}

function compareSize(a: Working, b: Working, areaA: string, areaB: string): number {
  const ca = a.kind === 'missing' ? undefined : a.cell;
  const cb = b.kind === 'missing' ? undefined : b.cell;
  return (
    (ca?.numerator ?? 0) - (cb?.numerator ?? 0) ||
    (ca?.denominator ?? 0) - (cb?.denominator ?? 0) ||
    (areaA < areaB ? -1 : areaA > areaB ? 1 : 0)
  );
}
