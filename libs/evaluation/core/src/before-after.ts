import { EvaluationError } from './evaluation-error';
import { distinctPeriods, duplicateValue, quoteList, type LongValue } from './values';

// Before/after comparison of one indicator for the programme areas, next to a reference (the
// city). Areas are aggregated as the indicator service aggregates up the hierarchy: when every
// usable value carries its counts, Σ numerators / Σ denominators × scale — never the mean of the
// areas' rates, which would give a 50-resident area the say of a 5,000-resident one. Without
// counts only the plain mean of the areas' values is possible; it is returned with
// `method: 'mean'` so it is never mistaken for the rate of the whole.
// Several before (or after) periods are pooled the same way: one ratio of sums over all areas
// and periods, or one mean over all values.

/** Publication status, as the indicator service keeps it: suppressed is neither zero nor missing. */
export type ValueStatus = 'reported' | 'zero' | 'suppressed' | 'missing';

export interface CountedValue extends LongValue {
  numerator?: number | null;
  denominator?: number | null;
  /** Default `reported` (or `missing` when value is null). */
  status?: ValueStatus;
}

export type AggregationMethod = 'ratio-of-sums' | 'mean';

export interface AggregateValue {
  /** null when no area has a usable value, or the summed denominator is 0. */
  value: number | null;
  method: AggregationMethod;
  /** Summed counts, for ratio-of-sums. */
  numerator?: number;
  denominator?: number;
  /** Area × period values that went into the value. */
  contributing: number;
  /** Areas of the set lacking a usable value in at least one of the periods (missing or suppressed). */
  missing: string[];
  suppressed: string[];
}

export interface SeriesPoint extends AggregateValue {
  period: string;
  phase: 'before' | 'after';
}

export interface BeforeAfterSeries {
  label: string;
  areas: string[];
  /** One point per before and after period: the before periods, then the after ones, each in time order. */
  series: SeriesPoint[];
  before: AggregateValue;
  after: AggregateValue;
  /** after − before; null when either is missing. */
  change: number | null;
}

export interface BeforeAfterInput {
  indicator: string;
  values: Iterable<CountedValue>;
  /** Programme (treated) areas. */
  areas: readonly string[];
  label?: string;
  /** Reference series, e.g. `{ label: 'Berlin', areas: every planning area }` or the city's own area code. */
  reference?: { label: string; areas: readonly string[] };
  before: readonly string[];
  after: readonly string[];
  /** Factor from numerator/denominator to the indicator's unit (100 for %, 1000 for ‰), from its definition. */
  scale: number;
}

export interface BeforeAfterResult {
  indicator: string;
  programme: BeforeAfterSeries;
  reference: BeforeAfterSeries | null;
  /** Programme change − reference change: the naive "more than the city" figure (not a DiD). */
  differenceOfChanges: number | null;
}

/** Usable values of the indicator by area and period, keeping suppressed cells apart. */
type Cells = Map<string, Map<string, CountedValue>>;

export function beforeAfter(input: BeforeAfterInput): BeforeAfterResult {
  if (!(input.scale > 0) || !Number.isFinite(input.scale))
    throw new EvaluationError('InvalidInput', `scale must be a positive number, got ${input.scale}`, {
      field: 'scale',
    });
  if (input.areas.length === 0)
    throw new EvaluationError('InvalidInput', 'at least one programme area is needed', { field: 'areas' });
  const before = distinctPeriods(input.before, 'before');
  const after = distinctPeriods(input.after, 'after');
  if (before.length === 0 || after.length === 0)
    throw new EvaluationError(
      'InvalidPeriods',
      'both the before and the after periods need at least one period',
      {},
    );
  const overlap = before.filter((p) => after.includes(p));
  if (overlap.length > 0)
    throw new EvaluationError('InvalidPeriods', `period ${quoteList(overlap)} is both before and after`, {
      periods: overlap,
    });
  const wanted = new Set([...input.areas, ...(input.reference?.areas ?? [])]);
  const periods = new Set([...before, ...after]);
  const cells: Cells = new Map();
  for (const value of input.values) {
    if (value.indicator !== input.indicator || !wanted.has(value.area) || !periods.has(value.period))
      continue;
    let byPeriod = cells.get(value.area);
    if (!byPeriod) cells.set(value.area, (byPeriod = new Map()));
    if (byPeriod.has(value.period)) throw duplicateValue(input.indicator, value.area, value.period);
    byPeriod.set(value.period, value);
  }
  const series = (label: string, areas: readonly string[]) =>
    seriesOf(label, areas, cells, before, after, input.scale);
  const programme = series(input.label ?? 'programme areas', input.areas);
  const reference = input.reference ? series(input.reference.label, input.reference.areas) : null;
  return {
    indicator: input.indicator,
    programme,
    reference,
    differenceOfChanges:
      reference && programme.change !== null && reference.change !== null
        ? programme.change - reference.change
        : null,
  };
}

function seriesOf(
  label: string,
  areas: readonly string[],
  cells: Cells,
  before: string[],
  after: string[],
  scale: number,
): BeforeAfterSeries {
  // Each list is in chronological order (distinctPeriods); the phases stay apart even where a
  // period after the start begins before one before it ends (2024 after, 2024H1 before a start in 2024H2).
  const points = [...before, ...after].map((period) => ({
    period,
    phase: before.includes(period) ? ('before' as const) : ('after' as const),
    ...aggregate(areas, [period], cells, scale),
  }));
  const pooledBefore = aggregate(areas, before, cells, scale);
  const pooledAfter = aggregate(areas, after, cells, scale);
  return {
    label,
    areas: [...areas],
    series: points,
    before: pooledBefore,
    after: pooledAfter,
    change:
      pooledBefore.value !== null && pooledAfter.value !== null
        ? pooledAfter.value - pooledBefore.value
        : null,
  };
}

/** Aggregates the areas' values over the periods: ratio of sums when all carry counts, else the mean. */
export function aggregate(
  areas: readonly string[],
  periods: readonly string[],
  cells: Cells,
  scale: number,
): AggregateValue {
  const usable: CountedValue[] = [];
  const missing = new Set<string>();
  const suppressed = new Set<string>();
  for (const area of areas)
    for (const period of periods) {
      const cell = cells.get(area)?.get(period);
      const status = cell?.status ?? (cell?.value === null || !cell ? 'missing' : 'reported');
      if (status === 'suppressed') suppressed.add(area);
      else if (status === 'missing' || !cell || cell.value === null) missing.add(area);
      else usable.push(cell);
    }
  const lists = { missing: [...missing].sort(), suppressed: [...suppressed].sort() };
  const counted = usable.every((v) => isCount(v.numerator) && isCount(v.denominator));
  if (usable.length > 0 && counted) {
    const numerator = usable.reduce((s, v) => s + v.numerator!, 0);
    const denominator = usable.reduce((s, v) => s + v.denominator!, 0);
    return {
      value: denominator > 0 ? (scale * numerator) / denominator : null,
      method: 'ratio-of-sums',
      numerator,
      denominator,
      contributing: usable.length,
      ...lists,
    };
  }
  return {
    value: usable.length > 0 ? usable.reduce((s, v) => s + v.value!, 0) / usable.length : null,
    method: 'mean',
    contributing: usable.length,
    ...lists,
  };
}

const isCount = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0;
