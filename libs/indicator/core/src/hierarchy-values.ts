import { aggregateCounts, aggregateWeightedMean, type AggregatedValue } from './aggregation';
import { suppressForPublication, type SuppressionRules } from './suppression';

// The values of one indicator and period at every level of an area hierarchy, as the map and
// the tables show them: stored values where an area has one, otherwise aggregated from its
// children (Σ numerators / Σ denominators; a population-weighted mean — flagged approximate —
// when counts are lacking), then suppressed for publication. Status stays one of value /
// suppressed / missing all the way: a gap is never shown as 0.

export interface HierarchyArea {
  id: string;
  parentId: string | null;
  population: number | null;
}

export interface StoredCell {
  status: 'value' | 'suppressed' | 'missing';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export type ResolvedCell =
  | {
      area: string;
      status: 'value';
      value: number;
      numerator: number | null;
      denominator: number | null;
      /** stored, or aggregated from children (`ratio-of-sums` / `population-weighted-mean`). */
      source: 'stored' | 'ratio-of-sums' | 'population-weighted-mean';
      approximate: boolean;
    }
  | { area: string; status: 'suppressed'; reason: 'source' | 'primary-numerator' | 'primary-denominator' | 'secondary' }
  | { area: string; status: 'missing'; reason: 'no-data' | 'incomplete' | 'zero-denominator' };

export interface ResolveOptions {
  /** Multiplier of numerator/denominator (100 for %). */
  scale: number;
  /** Publication rules; absent = publish everything that has a value. */
  suppression?: Pick<SuppressionRules, 'minNumerator' | 'minDenominator'> | null;
}

/**
 * Resolves every area of the hierarchy (all levels). Areas are processed from the deepest up,
 * so a district region aggregated from planning areas feeds the district above it.
 * @returns one cell per area, in the order of `areas`.
 */
export function resolveHierarchyValues(areas: readonly HierarchyArea[], stored: ReadonlyMap<string, StoredCell>, options: ResolveOptions): ResolvedCell[] {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parentId === null || !byId.has(a.parentId)) continue;
    const list = children.get(a.parentId) ?? [];
    list.push(a.id);
    children.set(a.parentId, list);
  }
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parent = byId.get(id)?.parentId;
    const d = parent && byId.has(parent) ? depthOf(parent) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  const maxDepth = Math.max(0, ...areas.map((a) => depthOf(a.id)));
  const resolved = new Map<string, ResolvedCell>();

  const fromStored = (id: string, cell: StoredCell): ResolvedCell => {
    if (cell.status === 'suppressed') return { area: id, status: 'suppressed', reason: 'source' };
    if (cell.status === 'missing' || cell.value === null) return { area: id, status: 'missing', reason: 'no-data' };
    return { area: id, status: 'value', value: cell.value, numerator: cell.numerator, denominator: cell.denominator, source: 'stored', approximate: false };
  };

  for (let d = maxDepth; d >= 0; d--) {
    const parents = areas.filter((a) => depthOf(a.id) === d);
    const toAggregate = parents.filter((a) => !stored.has(a.id) && (children.get(a.id)?.length ?? 0) > 0);
    for (const a of parents) {
      const cell = stored.get(a.id);
      if (cell) resolved.set(a.id, fromStored(a.id, cell));
      else if (!children.has(a.id)) resolved.set(a.id, { area: a.id, status: 'missing', reason: 'no-data' });
    }
    if (toAggregate.length === 0) continue;
    const hierarchy = new Map<string, string>();
    for (const parent of toAggregate) for (const child of children.get(parent.id) ?? []) hierarchy.set(child, parent.id);
    const childCells = [...hierarchy.keys()].map((id) => resolved.get(id) as ResolvedCell);
    const counts = aggregateCounts(
      childCells.map((c) => ({
        area: c.area,
        numerator: c.status === 'value' ? c.numerator : null,
        denominator: c.status === 'value' ? c.denominator : null,
      })),
      hierarchy,
      { scale: options.scale },
    );
    const means = new Map(
      aggregateWeightedMean(
        childCells.map((c) => ({ area: c.area, value: c.status === 'value' ? c.value : null, weight: byId.get(c.area)?.population ?? null })),
        hierarchy,
      ).map((m) => [m.area, m]),
    );
    for (const sum of counts) resolved.set(sum.area, pickAggregate(sum, means.get(sum.area) as AggregatedValue));
  }

  if (options.suppression) applySuppression(areas, resolved, options.suppression, options.scale);
  return areas.map((a) => resolved.get(a.id) as ResolvedCell);
}

function pickAggregate(sum: AggregatedValue, mean: AggregatedValue): ResolvedCell {
  if (sum.value !== null)
    return { area: sum.area, status: 'value', value: sum.value, numerator: sum.numerator ?? null, denominator: sum.denominator ?? null, source: 'ratio-of-sums', approximate: false };
  if (sum.reason === 'zero-denominator') return { area: sum.area, status: 'missing', reason: 'zero-denominator' };
  if (mean.value !== null)
    return { area: sum.area, status: 'value', value: mean.value, numerator: null, denominator: null, source: 'population-weighted-mean', approximate: true };
  return { area: sum.area, status: 'missing', reason: 'incomplete' };
}

/**
 * Primary and secondary suppression over the cells that have counts. Cells shown without
 * counts (weighted means, values imported without counts) cannot be checked against the rule
 * and are published as they are.
 */
function applySuppression(
  areas: readonly HierarchyArea[],
  resolved: Map<string, ResolvedCell>,
  rules: Pick<SuppressionRules, 'minNumerator' | 'minDenominator'>,
  scale: number,
): void {
  const withCounts = areas.filter((a) => {
    const c = resolved.get(a.id);
    return c?.status === 'value' && c.numerator !== null && c.denominator !== null;
  });
  if (withCounts.length === 0) return;
  const ids = new Set(withCounts.map((a) => a.id));
  const hierarchy = new Map<string, string>();
  for (const a of withCounts) if (a.parentId !== null && ids.has(a.parentId)) hierarchy.set(a.id, a.parentId);
  const cells = withCounts.map((a) => {
    const c = resolved.get(a.id) as Extract<ResolvedCell, { status: 'value' }>;
    return { area: a.id, numerator: c.numerator, denominator: c.denominator };
  });
  const published = suppressForPublication(cells, hierarchy, { ...rules, scale, publishZeros: false });
  for (const p of published) {
    if (p.status === 'suppressed') resolved.set(p.area, { area: p.area, status: 'suppressed', reason: p.reason });
  }
}
