import { compensatedSum } from './standardise';
import { suppressForPublication, type SuppressionRules } from './suppression';

// The values of one indicator and period at every level of an area hierarchy, as the map and
// the tables show them: stored values where an area has one, otherwise aggregated from its
// children (Σ numerators / Σ denominators; a population-weighted mean — flagged approximate —
// when counts are lacking; the sum for counts), then suppressed for publication. Status stays
// one of value / suppressed / missing all the way: a gap is never shown as 0.

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
      /** stored, or aggregated from children (`ratio-of-sums` / `population-weighted-mean` / `sum`). */
      source: 'stored' | 'ratio-of-sums' | 'population-weighted-mean' | 'sum';
      approximate: boolean;
      /**
       * Share of the population living in areas with a value, when an aggregate had to leave
       * children without one out (`minCoverage` < 1); absent when every child counted.
       */
      coverage?: number;
    }
  | {
      area: string;
      status: 'suppressed';
      reason: 'source' | 'primary-numerator' | 'primary-denominator' | 'secondary';
    }
  | { area: string; status: 'missing'; reason: 'no-data' | 'incomplete' | 'zero-denominator' };

export interface ResolveOptions {
  /** Multiplier of numerator/denominator (100 for %). */
  scale: number;
  /**
   * How children add up: `rate` (default) as the ratio of summed counts or the population-
   * weighted mean; `sum` for counts (inhabitants, actors), whose parent is the children's total.
   */
  kind?: 'rate' | 'sum';
  /**
   * Share (0–1] of the children's population that must have values for a rate to be
   * aggregated from those that have one, flagged approximate with its `coverage`. Default 1:
   * every child must have a value. Below 1 a district is not left blank because one planning
   * area of 200 inhabitants is not published (Berlin's MSS leaves areas under 300 out). Sums
   * always need every child: a partial total understates, however small the gap.
   */
  minCoverage?: number;
  /** Publication rules; absent = publish everything that has a value. */
  suppression?: Pick<SuppressionRules, 'minNumerator' | 'minDenominator'> | null;
}

/**
 * The hierarchy prepared once for many resolutions (one per indicator and period): areas in
 * input order, children as index lists, and a processing order from the deepest level up.
 */
export interface PreparedHierarchy {
  areas: readonly HierarchyArea[];
  children: Int32Array[];
  /** Area indices, deepest first: every child comes before its parent. */
  bottomUp: Int32Array;
}

export function prepareHierarchy(areas: readonly HierarchyArea[]): PreparedHierarchy {
  const index = new Map(areas.map((a, i) => [a.id, i]));
  const lists: number[][] = areas.map(() => []);
  for (const [i, a] of areas.entries()) {
    const parent = a.parentId === null ? undefined : index.get(a.parentId);
    if (parent !== undefined && parent !== i) lists[parent].push(i);
  }
  const depth = new Int32Array(areas.length).fill(-1);
  const depthOf = (i: number, guard: number): number => {
    if (depth[i] >= 0) return depth[i];
    const parentId = areas[i].parentId;
    const parent = parentId === null ? undefined : index.get(parentId);
    // A cycle in bad input must not recurse forever: cut it at the area count.
    const d =
      parent === undefined || parent === i || guard > areas.length ? 0 : depthOf(parent, guard + 1) + 1;
    depth[i] = d;
    return d;
  };
  for (let i = 0; i < areas.length; i++) depthOf(i, 0);
  const bottomUp = Int32Array.from(areas.keys()).sort((a, b) => depth[b] - depth[a]);
  return { areas, children: lists.map((l) => Int32Array.from(l)), bottomUp };
}

/**
 * Resolves every area of the hierarchy (all levels). Areas are processed from the deepest up,
 * so a district region aggregated from planning areas feeds the district above it. An area
 * with a stored cell keeps it; one without gets the ratio of its children's summed counts when
 * every child has counts, else their population-weighted mean (approximate) when every child
 * has a value and a population, else `missing: incomplete`. Sums are compensated (Neumaier),
 * as in `aggregateCounts`, which this inlines for speed: the map of a 1,000-area city is
 * resolved per indicator and period, thousands of times in an index over 30 periods.
 * @returns one cell per area, in the order of `areas`.
 */
export function resolveHierarchyValues(
  hierarchy: readonly HierarchyArea[] | PreparedHierarchy,
  stored: ReadonlyMap<string, StoredCell>,
  options: ResolveOptions,
): ResolvedCell[] {
  const prepared = 'bottomUp' in hierarchy ? hierarchy : prepareHierarchy(hierarchy);
  const { areas, children, bottomUp } = prepared;
  const cells: ResolvedCell[] = new Array(areas.length);
  for (let n = 0; n < bottomUp.length; n++) {
    const i = bottomUp[n];
    const id = areas[i].id;
    const cell = stored.get(id);
    if (cell) {
      cells[i] =
        cell.status === 'suppressed'
          ? { area: id, status: 'suppressed', reason: 'source' }
          : cell.status === 'missing' || cell.value === null
            ? { area: id, status: 'missing', reason: 'no-data' }
            : {
                area: id,
                status: 'value',
                value: cell.value,
                numerator: cell.numerator,
                denominator: cell.denominator,
                source: 'stored',
                approximate: false,
              };
      continue;
    }
    const kids = children[i];
    cells[i] =
      kids.length === 0
        ? { area: id, status: 'missing', reason: 'no-data' }
        : options.kind === 'sum'
          ? sumChildren(id, kids, cells)
          : aggregateChildren(id, kids, cells, areas, options.scale, options.minCoverage ?? 1);
  }
  if (options.suppression) {
    const resolved = new Map(cells.map((c) => [c.area, c]));
    applySuppression(areas, resolved, options.suppression, options.scale);
    return areas.map((a) => resolved.get(a.id) as ResolvedCell);
  }
  return cells;
}

function sumChildren(id: string, kids: Int32Array, cells: ResolvedCell[]): ResolvedCell {
  const values: number[] = [];
  let approximate = false;
  for (let k = 0; k < kids.length; k++) {
    const c = cells[kids[k]];
    if (c.status !== 'value') return { area: id, status: 'missing', reason: 'incomplete' };
    values.push(c.value);
    approximate ||= c.approximate;
  }
  return {
    area: id,
    status: 'value',
    value: compensatedSum(values),
    numerator: null,
    denominator: null,
    source: 'sum',
    approximate,
  };
}

/**
 * A rate of a parent from its children. Children without a value are left out only when the
 * others hold at least `minCoverage` of the children's population (every population known);
 * the result is then approximate and says its coverage. A partial child passes its own
 * coverage on: its parent counts only the covered part of its population.
 */
function aggregateChildren(
  id: string,
  kids: Int32Array,
  cells: ResolvedCell[],
  areas: readonly HierarchyArea[],
  scale: number,
  minCoverage: number,
): ResolvedCell {
  let allCounts = true;
  let allWeighted = true;
  let approximate = false;
  let num = 0;
  let numC = 0;
  let den = 0;
  let denC = 0;
  const present: number[] = [];
  const population: number[] = [];
  const covered: number[] = [];
  for (let k = 0; k < kids.length; k++) {
    const c = cells[kids[k]];
    const w = areas[kids[k]].population;
    const weighable = w !== null && Number.isFinite(w) && w >= 0;
    if (!weighable) allWeighted = false;
    else population.push(w);
    if (c.status !== 'value') {
      if (minCoverage >= 1) return { area: id, status: 'missing', reason: 'incomplete' };
      continue;
    }
    present.push(kids[k]);
    approximate ||= c.approximate;
    if (weighable) covered.push(w * (c.coverage ?? 1));
    if (c.numerator === null || c.denominator === null || !(c.numerator >= 0) || !(c.denominator >= 0))
      allCounts = false;
    else {
      // Neumaier summation of numerators and denominators.
      let t = num + c.numerator;
      numC += Math.abs(num) >= Math.abs(c.numerator) ? num - t + c.numerator : c.numerator - t + num;
      num = t;
      t = den + c.denominator;
      denC += Math.abs(den) >= Math.abs(c.denominator) ? den - t + c.denominator : c.denominator - t + den;
      den = t;
    }
  }
  let coverage: number | undefined;
  if (present.length < kids.length || approximate) {
    // Without every child's population the share covered is unknown: nothing to vouch for.
    if (!allWeighted) {
      if (present.length < kids.length) return { area: id, status: 'missing', reason: 'incomplete' };
    } else {
      const total = compensatedSum(population);
      const share = total > 0 ? compensatedSum(covered) / total : 0;
      if (present.length < kids.length && (present.length === 0 || !(share >= minCoverage)))
        return { area: id, status: 'missing', reason: 'incomplete' };
      if (share < 1) coverage = share;
    }
  }
  const partial = present.length < kids.length || coverage !== undefined;
  if (allCounts) {
    const numerator = num + numC;
    const denominator = den + denC;
    if (denominator === 0) return { area: id, status: 'missing', reason: 'zero-denominator' };
    return {
      area: id,
      status: 'value',
      value: (numerator / denominator) * scale,
      numerator,
      denominator,
      source: 'ratio-of-sums',
      approximate: approximate || partial,
      ...(coverage !== undefined ? { coverage } : {}),
    };
  }
  if (!allWeighted) return { area: id, status: 'missing', reason: 'incomplete' };
  const weights: number[] = [];
  const weighted: number[] = [];
  for (const k of present) {
    const c = cells[k] as Extract<ResolvedCell, { status: 'value' }>;
    const w = areas[k].population as number;
    weights.push(w);
    weighted.push(c.value * w);
  }
  const weight = compensatedSum(weights);
  if (weight === 0) return { area: id, status: 'missing', reason: 'incomplete' };
  return {
    area: id,
    status: 'value',
    value: compensatedSum(weighted) / weight,
    numerator: null,
    denominator: null,
    source: 'population-weighted-mean',
    approximate: true,
    ...(coverage !== undefined ? { coverage } : {}),
  };
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
    if (p.status === 'suppressed')
      resolved.set(p.area, { area: p.area, status: 'suppressed', reason: p.reason });
  }
}
