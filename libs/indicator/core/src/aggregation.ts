import { IndicatorError } from './indicator-error';
import { compensatedSum } from './standardise';

// Aggregation of indicator values to larger areas (planning area → district region →
// district) and across area versions (Berlin's 2021 LOR reform). Rates are aggregated as
// Σ numerators / Σ denominators — never as an average of the children's rates, which would
// give a 50-resident area the same say as a 5,000-resident one. Values without counts can
// only be population-weighted means; those results are flagged `approximate`.

/** An area's counts, e.g. unemployed (numerator) and residents 15–65 (denominator). */
export interface CountValue {
  area: string;
  numerator: number | null;
  denominator: number | null;
}

/** An area's value without counts, with the weight (usually the population) to average it by. */
export interface WeightedValue {
  area: string;
  value: number | null;
  weight: number | null;
}

export type AggregationMethod = 'ratio-of-sums' | 'population-weighted-mean';

export interface AggregatedValue {
  area: string;
  /** numerator / denominator × scale, or the weighted mean; null when it cannot be computed. */
  value: number | null;
  method: AggregationMethod;
  /**
   * True when the value is an estimate: always for weighted means (a mean of rates is not the
   * rate of the whole), and for crosswalked counts when an old area is split by weight.
   */
  approximate: boolean;
  /** Summed counts (ratio-of-sums) — they feed the next level up. */
  numerator?: number;
  denominator?: number;
  /** Summed weights (weighted mean). */
  weight?: number;
  /** Source areas that contributed / that lacked a usable value. */
  contributing: string[];
  missing: string[];
  /** Why `value` is null (or, with `onMissing: 'partial'`, why it is incomplete). */
  reason?: 'incomplete' | 'zero-denominator' | 'zero-weight';
}

export interface AggregationOptions {
  /** Multiplier for the ratio, e.g. 100 for percent, 1000 for per mille. Default 1. */
  scale?: number;
  /**
   * What a target gets when one of its sources lacks a value: `missing` (default — a sum over
   * part of the children understates counts and biases the rate) or `partial` (computed from
   * the others and marked `reason: 'incomplete'`).
   */
  onMissing?: 'missing' | 'partial';
}

/** child area → parent area. Every child of a parent must be listed: that is how gaps are found. */
export type AreaHierarchy = ReadonlyMap<string, string>;

/**
 * Builds the parent map for hierarchical ids such as Berlin's LOR `BBPPRRLL`, where an area's
 * parent is the first `prefixLength` characters of its id (planning area → district region: 6).
 */
export function hierarchyFromIdPrefix(areaIds: Iterable<string>, prefixLength: number): AreaHierarchy {
  const hierarchy = new Map<string, string>();
  for (const id of areaIds) {
    if (id.length <= prefixLength)
      throw new IndicatorError(
        'InvalidHierarchy',
        `area id "${id}" is not longer than the parent prefix length ${prefixLength}`,
      );
    hierarchy.set(id, id.slice(0, prefixLength));
  }
  return hierarchy;
}

/** old area → new area with the share of the old area's counts (population) that lies in the new one. */
export interface CrosswalkEntry {
  from: string;
  to: string;
  weight: number;
}

interface Link {
  source: string;
  factor: number;
}

type Groups = Map<string, Link[]>;

function groupsFromHierarchy(hierarchy: AreaHierarchy): Groups {
  const groups: Groups = new Map();
  for (const [child, parent] of hierarchy) {
    if (child === parent) throw new IndicatorError('InvalidHierarchy', `area "${child}" is its own parent`);
    const links = groups.get(parent) ?? [];
    links.push({ source: child, factor: 1 });
    groups.set(parent, links);
  }
  return groups;
}

const WEIGHT_TOLERANCE = 1e-6;

/** @throws IndicatorError `InvalidCrosswalk` when weights are not in (0, 1] or an old area's weights do not sum to 1. */
function groupsFromCrosswalk(crosswalk: readonly CrosswalkEntry[]): Groups {
  const totals = new Map<string, number>();
  const groups: Groups = new Map();
  const seen = new Set<string>();
  for (const { from, to, weight } of crosswalk) {
    if (!(weight > 0 && weight <= 1))
      throw new IndicatorError(
        'InvalidCrosswalk',
        `crosswalk ${from} → ${to}: weight ${weight} is not in (0, 1]`,
      );
    const key = `${from}\u0000${to}`;
    if (seen.has(key))
      throw new IndicatorError('InvalidCrosswalk', `crosswalk ${from} → ${to} is listed twice`);
    seen.add(key);
    totals.set(from, (totals.get(from) ?? 0) + weight);
    const links = groups.get(to) ?? [];
    links.push({ source: from, factor: weight });
    groups.set(to, links);
  }
  const unbalanced = [...totals].filter(([, total]) => Math.abs(total - 1) > WEIGHT_TOLERANCE);
  if (unbalanced.length > 0) {
    throw new IndicatorError(
      'InvalidCrosswalk',
      `the weights of each old area must sum to 1; they do not for ${unbalanced.map(([area, total]) => `${area} (${total})`).join(', ')}`,
    );
  }
  return groups;
}

function indexByArea<T extends { area: string }>(
  values: readonly T[],
  known: (area: string) => boolean,
  what: string,
): Map<string, T> {
  const byArea = new Map<string, T>();
  for (const value of values) {
    if (byArea.has(value.area))
      throw new IndicatorError('InvalidInput', `area "${value.area}" occurs more than once`);
    if (!known(value.area))
      throw new IndicatorError(
        what === 'crosswalk' ? 'InvalidCrosswalk' : 'InvalidHierarchy',
        `area "${value.area}" is not in the ${what}`,
      );
    byArea.set(value.area, value);
  }
  return byArea;
}

/** Counts are never negative; a negative one is a data error, not something to sum away. */
function assertCounts(values: readonly CountValue[]): void {
  for (const v of values) {
    for (const [name, count] of [
      ['numerator', v.numerator],
      ['denominator', v.denominator],
    ] as const) {
      if (typeof count === 'number' && count < 0)
        throw new IndicatorError('InvalidInput', `area "${v.area}": ${name} ${count} is negative`);
    }
  }
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A parent's links split into the children whose figures can be used and the missing ones, with
 * what every result for the parent states about them.
 */
function splitLinks<V>(
  target: string,
  links: readonly Link[],
  byArea: ReadonlyMap<string, V>,
  canUse: (value: V) => boolean,
  method: AggregationMethod,
  approximate: boolean,
) {
  const present = links.filter((l) => {
    const v = byArea.get(l.source);
    return v !== undefined && canUse(v);
  });
  const missing = links.filter((l) => !present.includes(l)).map((l) => l.source);
  const base = { area: target, method, approximate, contributing: present.map((l) => l.source), missing };
  return { present, missing, base };
}

/** Whether a missing child leaves the parent without a value (the default) rather than partial. */
const refusesIncomplete = (missing: readonly string[], options: AggregationOptions) =>
  missing.length > 0 && (options.onMissing ?? 'missing') === 'missing';

function sumCounts(
  groups: Groups,
  byArea: ReadonlyMap<string, CountValue>,
  options: AggregationOptions,
  approximate: (links: Link[]) => boolean,
): AggregatedValue[] {
  const scale = options.scale ?? 1;
  return [...groups].map(([target, links]) => {
    const { present, missing, base } = splitLinks(
      target,
      links,
      byArea,
      (v) => usable(v.numerator) && usable(v.denominator),
      'ratio-of-sums',
      approximate(links),
    );
    if (refusesIncomplete(missing, options)) return { ...base, value: null, reason: 'incomplete' as const };
    const numerator = compensatedSum(
      present.map((l) => (byArea.get(l.source)!.numerator as number) * l.factor),
    );
    const denominator = compensatedSum(
      present.map((l) => (byArea.get(l.source)!.denominator as number) * l.factor),
    );
    const result: AggregatedValue = {
      ...base,
      numerator,
      denominator,
      value: denominator === 0 ? null : (numerator / denominator) * scale,
    };
    if (denominator === 0) result.reason = 'zero-denominator';
    else if (missing.length > 0) result.reason = 'incomplete';
    return result;
  });
}

function weightedMeans(
  groups: Groups,
  byArea: ReadonlyMap<string, WeightedValue>,
  options: AggregationOptions,
): AggregatedValue[] {
  return [...groups].map(([target, links]) => {
    const { present, missing, base } = splitLinks(
      target,
      links,
      byArea,
      (v) => usable(v.value) && usable(v.weight) && v.weight >= 0,
      'population-weighted-mean',
      true,
    );
    if (refusesIncomplete(missing, options)) return { ...base, value: null, reason: 'incomplete' as const };
    const weights = present.map((l) => (byArea.get(l.source)!.weight as number) * l.factor);
    const weight = compensatedSum(weights);
    const weighted = compensatedSum(
      present.map((l, i) => (byArea.get(l.source)!.value as number) * weights[i]),
    );
    const result: AggregatedValue = { ...base, weight, value: weight === 0 ? null : weighted / weight };
    if (weight === 0) result.reason = 'zero-weight';
    else if (missing.length > 0) result.reason = 'incomplete';
    return result;
  });
}

/**
 * Aggregates counts one level up: Σ numerators / Σ denominators per parent. Feed the result
 * (it carries `numerator`/`denominator`) in again for the next level.
 * @throws IndicatorError `InvalidHierarchy` for an area the hierarchy does not know.
 */
export function aggregateCounts(
  values: readonly CountValue[],
  hierarchy: AreaHierarchy,
  options: AggregationOptions = {},
): AggregatedValue[] {
  assertCounts(values);
  const byArea = indexByArea(values, (a) => hierarchy.has(a), 'hierarchy');
  return sumCounts(groupsFromHierarchy(hierarchy), byArea, options, () => false);
}

/** Population-weighted mean per parent, for values published without counts (flagged approximate). */
export function aggregateWeightedMean(
  values: readonly WeightedValue[],
  hierarchy: AreaHierarchy,
  options: AggregationOptions = {},
): AggregatedValue[] {
  const byArea = indexByArea(values, (a) => hierarchy.has(a), 'hierarchy');
  return weightedMeans(groupsFromHierarchy(hierarchy), byArea, options);
}

/**
 * Moves counts from old areas to new areas: each new area receives weight × the old area's
 * numerator and denominator. Exact for renames and merges (all weights 1); for splits it
 * assumes the rate is uniform inside the old area, so those results are `approximate`.
 * @throws IndicatorError `InvalidCrosswalk`.
 */
export function crosswalkCounts(
  values: readonly CountValue[],
  crosswalk: readonly CrosswalkEntry[],
  options: AggregationOptions = {},
): AggregatedValue[] {
  assertCounts(values);
  const groups = groupsFromCrosswalk(crosswalk);
  const sources = new Set(crosswalk.map((c) => c.from));
  const byArea = indexByArea(values, (a) => sources.has(a), 'crosswalk');
  return sumCounts(groups, byArea, options, (links) => links.some((l) => l.factor !== 1));
}

/** Moves values without counts to new areas as means weighted by crosswalk weight × population. */
export function crosswalkWeightedMean(
  values: readonly WeightedValue[],
  crosswalk: readonly CrosswalkEntry[],
  options: AggregationOptions = {},
): AggregatedValue[] {
  const groups = groupsFromCrosswalk(crosswalk);
  const sources = new Set(crosswalk.map((c) => c.from));
  const byArea = indexByArea(values, (a) => sources.has(a), 'crosswalk');
  return weightedMeans(groups, byArea, options);
}
