import type { CompositeIndexDefinition, IndexClassDefinition, IndexDefinition } from './index-definition';
import { IndicatorError } from './indicator-error';
import { compensatedSum, zStandardise } from './standardise';

/** The indicator values of one area; `null`/`undefined`/non-finite = no value (missing or suppressed). */
export interface AreaIndicatorValues {
  area: string;
  values: Readonly<Record<string, number | null | undefined>>;
}

export type InvalidAreaReason =
  | { code: 'excluded' }
  | { code: 'population-missing' }
  | { code: 'population-below-minimum'; population: number; minimum: number }
  | { code: 'indicator-missing'; indicators: string[] };

export interface IndexClass {
  code: string;
  label: string;
}

export interface AreaIndexValue {
  /** The index: z-standardised weighted sum, full precision. */
  value: number;
  class: IndexClass;
  /** The weighted sum of the indicator z-values (the official "Statussumme"). */
  sum: number;
  /** z-value per indicator before polarity and weight (as in the official table 3). */
  z: Record<string, number>;
}

export type AreaIndexResult =
  | { area: string; valid: true; indices: Record<string, AreaIndexValue> }
  | { area: string; valid: false; reasons: InvalidAreaReason[] };

export interface IndexStatistics {
  /** Mean and population SD of each indicator over the valid areas. */
  indicators: Record<string, { mean: number; sd: number }>;
  /** Mean and population SD of the weighted sums. */
  sum: { mean: number; sd: number };
  /** Number of valid areas per class code, in class order. */
  classCounts: Record<string, number>;
}

export interface CompositeIndexResult {
  definitionId: string;
  validAreaCount: number;
  /** One entry per input area, in input order. */
  areas: AreaIndexResult[];
  statistics: Record<string, IndexStatistics>;
}

/**
 * Computes every index of the definition (the Berlin MSS method, generalised):
 * 1. an area is valid unless excluded, without population or below `minPopulation`, or
 *    lacking a value for any indicator of *any* index — one common set of valid areas for all
 *    indices, so status and dynamics are standardised over the same reference population;
 * 2. each indicator is z-standardised over the valid areas (unweighted mean, SD dividing by n);
 * 3. z × polarity × weight are summed per area, and the sum is z-standardised again: that is
 *    the index;
 * 4. the index is classified at full precision (rounding first would move areas that sit
 *    within 0.005 of a bound — Berlin has several such areas in every edition).
 * @throws IndicatorError `InvalidInput` for duplicate areas, `NotEnoughValidAreas`, `ZeroVariance`.
 */
export function computeCompositeIndex(
  definition: IndexDefinition,
  areas: readonly AreaIndicatorValues[],
): CompositeIndexResult {
  const seen = new Set<string>();
  for (const { area } of areas) {
    if (seen.has(area)) throw new IndicatorError('InvalidInput', `area "${area}" occurs more than once`);
    seen.add(area);
  }
  const excluded = new Set(definition.excludeAreas ?? []);
  const allIndicators = [...new Set(definition.indices.flatMap((index) => index.indicators))];
  const reasonsByArea = areas.map((entry) => invalidReasons(entry, definition, excluded, allIndicators));
  const validAreas = areas.filter((_, i) => reasonsByArea[i].length === 0);

  const statistics: Record<string, IndexStatistics> = {};
  const perIndex = definition.indices.map((index) => {
    const computed = computeOneIndex(index, validAreas);
    statistics[index.id] = computed.statistics;
    return computed.values;
  });

  let validPosition = 0;
  const results = areas.map((entry, i): AreaIndexResult => {
    if (reasonsByArea[i].length > 0) return { area: entry.area, valid: false, reasons: reasonsByArea[i] };
    const indices: Record<string, AreaIndexValue> = {};
    definition.indices.forEach((index, k) => {
      indices[index.id] = perIndex[k][validPosition];
    });
    validPosition++;
    return { area: entry.area, valid: true, indices };
  });
  return { definitionId: definition.id, validAreaCount: validAreas.length, areas: results, statistics };
}

function computeOneIndex(index: CompositeIndexDefinition, validAreas: readonly AreaIndicatorValues[]) {
  const indicatorStats: IndexStatistics['indicators'] = {};
  const zByIndicator = index.indicators.map((code) => {
    const standardised = zStandardise(
      validAreas.map((a) => a.values[code] as number),
      `indicator "${code}" of index "${index.id}"`,
    );
    indicatorStats[code] = { mean: standardised.mean, sd: standardised.sd };
    return standardised.z;
  });
  const factors = index.indicators.map(
    (code) => [index.polarity?.[code] ?? 1, index.weights?.[code] ?? 1] as const,
  );
  // One row's terms, reused for every row (the same sum as a fresh array per area).
  const terms = new Array<number>(index.indicators.length);
  const sums = validAreas.map((_, row) => {
    for (let k = 0; k < terms.length; k++) terms[k] = zByIndicator[k][row] * factors[k][0] * factors[k][1];
    return compensatedSum(terms);
  });
  const standardisedSum = zStandardise(sums, `the weighted sum of index "${index.id}"`);
  const classCounts: Record<string, number> = Object.fromEntries(index.classes.map((c) => [c.code, 0]));
  // One class object per class, shared by its areas (classify makes one per call).
  const classObjects = new Map<IndexClassDefinition, IndexClass>();
  const values = validAreas.map((_, row): AreaIndexValue => {
    const value = standardisedSum.z[row];
    const definitionClass = classOf(value, index.classes);
    let indexClass = classObjects.get(definitionClass);
    if (!indexClass) {
      indexClass = { code: definitionClass.code, label: definitionClass.label };
      classObjects.set(definitionClass, indexClass);
    }
    classCounts[indexClass.code]++;
    const z: Record<string, number> = {};
    index.indicators.forEach((code, k) => {
      z[code] = zByIndicator[k][row];
    });
    return { value, class: indexClass, sum: sums[row], z };
  });
  return {
    values,
    statistics: {
      indicators: indicatorStats,
      sum: { mean: standardisedSum.mean, sd: standardisedSum.sd },
      classCounts,
    },
  };
}

function invalidReasons(
  entry: AreaIndicatorValues,
  definition: IndexDefinition,
  excluded: ReadonlySet<string>,
  indicators: readonly string[],
): InvalidAreaReason[] {
  const reasons: InvalidAreaReason[] = [];
  if (excluded.has(entry.area)) reasons.push({ code: 'excluded' });
  const population = entry.values[definition.population];
  if (!isPresent(population)) reasons.push({ code: 'population-missing' });
  else if (definition.minPopulation !== undefined && population < definition.minPopulation) {
    reasons.push({ code: 'population-below-minimum', population, minimum: definition.minPopulation });
  }
  let complete = true;
  for (const code of indicators) if (!isPresent(entry.values[code])) complete = false;
  if (!complete)
    reasons.push({
      code: 'indicator-missing',
      indicators: indicators.filter((code) => !isPresent(entry.values[code])),
    });
  return reasons;
}

function isPresent(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The first class whose bound the value is below (or equal to, when `inclusive`); the open
 * top class otherwise. Assumes a layout validated by the definition schema.
 */
export function classify(value: number, classes: readonly IndexClassDefinition[]): IndexClass {
  const c = classOf(value, classes);
  return { code: c.code, label: c.label };
}

/** The class of `classify`, as the layout defines it. */
function classOf(value: number, classes: readonly IndexClassDefinition[]): IndexClassDefinition {
  if (!Number.isFinite(value))
    throw new IndicatorError('InvalidInput', `cannot classify a non-finite value (${value})`);
  for (const c of classes) {
    if (c.upTo === undefined || value < c.upTo || (c.inclusive === true && value === c.upTo)) return c;
  }
  // Unreachable for validated layouts (the last class is open); guards hand-built ones.
  throw new IndicatorError('InvalidIndexDefinition', 'unknown class layout: no open top class');
}
