import { parsePeriod, periodEnd } from '@quartier/contracts';
import { DummyDesign, fitClusteredOls, inferCoefficient, type Inference } from './clustered-ols';
import { checkPrePost, collectPanel, type DesignPanel, type DidInput } from './did';
import { EvaluationError } from './evaluation-error';
import type { Group, LongValue } from './values';

// Event study: the difference-in-differences split by period, so an evaluator sees whether the
// groups moved in parallel before the start (pre-trends) and how the effect unfolds after it.
//
// Specification (saturated in group × period, the multi-period version of the DiD contract):
//   value = α + β·treated + Σ_{p ≠ ref} γ_p·[period = p] + Σ_{p ≠ ref} δ_p·treated·[period = p] + ε
// with ref = the last pre period. δ_p = (treated mean − comparison mean in p) − (the same in ref),
// standard errors clustered by area exactly as in the DiD (CR1, c = G/(G−1)·(N−1)/(N−K),
// K = 2·periods), 95 % intervals from Student's t with G − 1 degrees of freedom. There are no area
// fixed effects, as in the DiD contract: with an unbalanced panel a δ_p compares the areas
// observed in p with those observed in ref. A period in which one group has no value cannot be
// estimated; it is left out and listed in `omitted` rather than failing the whole study.

export interface EventStudyPoint extends Inference {
  period: string;
  /** Position relative to the start: −1 is the reference (last pre period), 0 the first post period. */
  relative: number;
  /** True for the reference period: estimate 0 by construction, no interval. */
  reference: boolean;
  observations: Record<Group, number>;
}

export interface OmittedPeriod {
  period: string;
  relative: number;
  reason: 'no-treated-observation' | 'no-comparison-observation' | 'no-observation';
}

export interface EventStudyResult {
  indicator: string;
  reference: string;
  points: EventStudyPoint[];
  omitted: OmittedPeriod[];
  observations: number;
  clusters: Record<Group, number>;
  degreesOfFreedom: number;
}

export type EventStudyInput = DidInput;

/**
 * Estimates the event study over pre ∪ post, each in chronological order: the relative positions
 * count the pre periods back from the start (the last is the reference, −1) and the post periods
 * on from it (0, 1, …). Every pre period must end before every post period ends — the split the
 * evaluation service makes at a start period (contracts' `splitAtStart`: before means ending
 * before the start begins), which may put a period that contains the start (the year 2024 for a
 * start in 2024H2) after a shorter pre period beginning later (2024H1).
 * @throws EvaluationError `InvalidPeriods`, `TooFewAreas`, `MissingObservations` (a group has no
 *   value in the reference period), `TooFewObservations`, `InvalidInput`.
 */
export function eventStudy(input: EventStudyInput): EventStudyResult {
  const { pre, post } = checkPrePost(input.pre, input.post);
  checkPreEndsFirst(pre, post);
  const periods = [...pre, ...post];
  const reference = pre[pre.length - 1];
  const relativeOf = new Map(periods.map((period, i) => [period, i - pre.length]));
  const panel = collectPanel(input.indicator, input.values, input.groups, new Set(periods));

  const { counts, estimated, omitted } = identifyPeriods(
    panel,
    periods,
    reference,
    relativeOf,
    input.indicator,
  );

  // Columns: 0 intercept, 1 treated, then per estimated period its dummy and its interaction.
  const columnOf = new Map(estimated.map((period, i) => [period, 2 + 2 * i]));
  const design = new DummyDesign([
    'intercept',
    'treated',
    ...estimated.flatMap((period) => [`period ${period}`, `treated × period ${period}`]),
  ]);
  const usable = new Set([reference, ...estimated]);
  // The active columns of each group × period cell, built once instead of per observation.
  const patterns = new Map(
    [...usable].map((period) => {
      const column = columnOf.get(period);
      return [
        period,
        {
          comparison: column === undefined ? [0] : [0, column],
          treated: column === undefined ? [0, 1] : [0, 1, column, column + 1],
        },
      ];
    }),
  );
  const clusters = { treated: 0, comparison: 0 };
  let cluster = 0;
  for (const { group, values } of panel.areas) {
    const rows = [...values].filter(([period]) => usable.has(period));
    if (rows.length === 0) continue;
    clusters[group] += 1;
    for (const [period, value] of rows) design.add(value, cluster, patterns.get(period)![group]);
    cluster += 1;
  }
  for (const group of ['treated', 'comparison'] as const)
    if (clusters[group] < 2)
      throw new EvaluationError(
        'TooFewAreas',
        `the ${group} group has ${clusters[group]} area(s) with a value of "${input.indicator}" in the periods that can be estimated; at least 2 are needed`,
        { group, areas: clusters[group], indicator: input.indicator },
      );
  const fit = fitClusteredOls(design, cluster);

  const zero: Inference = { estimate: 0, se: 0, t: null, p: null, ci95: [0, 0] };
  const points: EventStudyPoint[] = periods
    .filter((period) => usable.has(period))
    .map((period) => ({
      period,
      relative: relativeOf.get(period)!,
      reference: period === reference,
      ...(period === reference ? zero : inferCoefficient(fit, columnOf.get(period)! + 1)),
      observations: { ...counts.get(period)! },
    }));
  return {
    indicator: input.indicator,
    reference,
    points,
    omitted,
    observations: fit.observations,
    clusters,
    degreesOfFreedom: fit.degreesOfFreedom,
  };
}

/**
 * The pre and post periods of the kinds an outcome is reported in (year, quarter, month, …; an
 * interval by its duration): its event study's periods when the design's periods mix the kinds
 * of several outcomes. Taken over all outcomes, the last pre period may be another outcome's —
 * a quarter for a yearly outcome, which then has no reference — and the relative positions
 * count periods the outcome never has. A kind counts when the outcome has a fact in it, also a
 * suppressed or missing one, so a withheld cell never moves the reference; an outcome without
 * any fact keeps the design's periods (and fails as before).
 */
export function outcomePeriods(
  indicator: string,
  values: Iterable<LongValue>,
  pre: readonly string[],
  post: readonly string[],
): { pre: string[]; post: string[] } {
  const kindOfPeriod = new Map([...pre, ...post].map((period) => [period, kindOf(period)]));
  const kinds = new Set<string>();
  for (const v of values) {
    const kind = v.indicator === indicator ? kindOfPeriod.get(v.period) : undefined;
    if (kind !== undefined) kinds.add(kind);
  }
  if (kinds.size === 0) return { pre: [...pre], post: [...post] };
  const own = (period: string) => kinds.has(kindOfPeriod.get(period)!);
  return { pre: pre.filter(own), post: post.filter(own) };
}

/** A period's kind, intervals told apart by their duration (a financial year is no bi-month). */
function kindOf(period: string): string {
  const parts = parsePeriod(period);
  if (!parts) return period;
  return parts.kind === 'interval' ? `interval ${parts.duration}` : parts.kind;
}

/** @throws EvaluationError `InvalidPeriods` when a pre period ends as late as a post period or later. */
function checkPreEndsFirst(pre: readonly string[], post: readonly string[]): void {
  const latest = (a: string, b: string) => (periodEnd(b) > periodEnd(a) ? b : a);
  const earliest = (a: string, b: string) => (periodEnd(b) < periodEnd(a) ? b : a);
  const lastPre = pre.reduce(latest);
  const firstPost = post.reduce(earliest);
  if (periodEnd(lastPre) >= periodEnd(firstPost))
    throw new EvaluationError(
      'InvalidPeriods',
      `an event study needs every pre period to end before every post period ends; "${lastPre}" ends on ${periodEnd(lastPre)}, "${firstPost}" on ${periodEnd(firstPost)}`,
      { pre, post, periods: [lastPre, firstPost] },
    );
}

/**
 * Splits the periods into those that can be estimated (both groups observed) and those left
 * out, with the observation counts per period and group.
 * @throws EvaluationError `MissingObservations` when the reference period is not identified.
 */
function identifyPeriods(
  panel: DesignPanel,
  periods: readonly string[],
  reference: string,
  relativeOf: ReadonlyMap<string, number>,
  indicator: string,
): { counts: Map<string, Record<Group, number>>; estimated: string[]; omitted: OmittedPeriod[] } {
  const counts = new Map(periods.map((period) => [period, { treated: 0, comparison: 0 }]));
  for (const { group, values } of panel.areas)
    for (const period of values.keys()) counts.get(period)![group] += 1;
  const omitted: OmittedPeriod[] = [];
  const estimated: string[] = [];
  for (const period of periods) {
    const { treated, comparison } = counts.get(period)!;
    if (treated > 0 && comparison > 0) {
      if (period !== reference) estimated.push(period);
      continue;
    }
    const group = treated === 0 ? 'treated' : 'comparison';
    if (period === reference)
      throw new EvaluationError(
        'MissingObservations',
        `the ${group} group has no value of "${indicator}" in the reference period "${reference}" (the last pre period)`,
        { group, period: reference, indicator },
      );
    const reason =
      treated + comparison === 0
        ? 'no-observation'
        : treated === 0
          ? 'no-treated-observation'
          : 'no-comparison-observation';
    omitted.push({ period, relative: relativeOf.get(period)!, reason });
  }
  return { counts, estimated, omitted };
}
