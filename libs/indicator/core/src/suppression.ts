import type { AreaHierarchy, CountValue } from './aggregation';
import { IndicatorError } from './indicator-error';

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
 * Secondary rules, repeated until nothing changes (one suppression can expose another level):
 * - a *published* parent with exactly one suppressed child: the child would be parent minus
 *   the published siblings, so the smallest published sibling (by numerator, then
 *   denominator, then id) is suppressed too; if there is no published sibling left, the parent
 *   is suppressed instead;
 * - a *suppressed* parent whose children are all published: it would be their sum, so the
 *   smallest child is suppressed.
 * Missing children are treated as known (conservatively): a gap in the data is not a secret
 * an intruder lacks, so it protects nothing.
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

  const children = new Map<string, string[]>();
  for (const [child, parent] of hierarchy) {
    if (!state.has(child)) continue;
    const list = children.get(parent) ?? [];
    list.push(child);
    children.set(parent, list);
  }

  const suppress = (area: string) => {
    const current = state.get(area);
    if (current?.kind === 'published')
      state.set(area, { kind: 'suppressed', reason: 'secondary', cell: current.cell });
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const [parent, members] of children) {
      const parentState = state.get(parent);
      if (parentState === undefined || parentState.kind === 'missing') continue;
      const published = members
        .filter((m) => state.get(m)!.kind === 'published')
        .sort((a, b) => compareSize(state.get(a)!, state.get(b)!, a, b));
      const suppressedCount = members.filter((m) => state.get(m)!.kind === 'suppressed').length;
      if (parentState.kind === 'published' && suppressedCount === 1) {
        suppress(published.length > 0 ? published[0] : parent);
        changed = true;
      } else if (parentState.kind === 'suppressed' && suppressedCount === 0 && published.length > 0) {
        suppress(published[0]);
        changed = true;
      }
    }
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

function compareSize(a: Working, b: Working, areaA: string, areaB: string): number {
  const ca = a.kind === 'missing' ? undefined : a.cell;
  const cb = b.kind === 'missing' ? undefined : b.cell;
  return (
    (ca?.numerator ?? 0) - (cb?.numerator ?? 0) ||
    (ca?.denominator ?? 0) - (cb?.denominator ?? 0) ||
    (areaA < areaB ? -1 : areaA > areaB ? 1 : 0)
  );
}
