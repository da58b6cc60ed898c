import { DummyDesign, fitClusteredOls, inferCoefficient, type Inference } from './clustered-ols';
import { EvaluationError } from './evaluation-error';
import { GROUPS, distinctPeriods, indexValues, quoteList, type Group, type LongValue } from './values';

// Difference-in-differences of one indicator between programme (treated) and comparison
// areas, the contract of `quartier evaluation did` (issue 12): OLS of value on
// [1, treated, post, treated·post], the estimate is the interaction's coefficient, standard
// errors clustered by area (CR1), t with G − 1 degrees of freedom. The model is saturated in
// the four cells, so the estimate equals the difference of the cell means' changes even for
// unbalanced panels; the clustered SE is what the regression adds.

export interface DidInput {
  indicator: string;
  /** Values of any indicators and periods; only `indicator` in pre ∪ post of grouped areas is used. */
  values: Iterable<LongValue>;
  /** area → group; areas not listed are ignored. */
  groups: ReadonlyMap<string, Group>;
  pre: readonly string[];
  post: readonly string[];
}

export interface CellMeans {
  pre: number;
  post: number;
}

/** The interaction's coefficient and its inference (t, p null when the data fit the model exactly). */
export interface DidResult extends Inference {
  indicator: string;
  observations: number;
  /** Areas with at least one observation per group: the clusters. */
  clusters: Record<Group, number>;
  means: Record<Group, CellMeans>;
  degreesOfFreedom: number;
  /** The four coefficients [intercept, treated, post, treated·post]. */
  coefficients: [number, number, number, number];
}

/** Active columns [1, treated, post, treated·post] of the four cells: comparison pre/post, treated pre/post. */
const CELL_COLUMNS: readonly (readonly number[])[] = [[0], [0, 2], [0, 1], [0, 1, 2, 3]];

/** An area's observations of the design: period → value, for periods in pre ∪ post. */
export interface DesignPanel {
  areas: { area: string; group: Group; values: Map<string, number> }[];
}

/**
 * Validates groups and periods and collects the panel: every grouped area with at least one
 * value in `periods`, in order of the groups map.
 */
export function collectPanel(
  indicator: string,
  values: Iterable<LongValue>,
  groups: ReadonlyMap<string, Group>,
  periods: ReadonlySet<string>,
): DesignPanel {
  for (const [area, group] of groups)
    if (!GROUPS.includes(group))
      throw new EvaluationError(
        'InvalidInput',
        `area "${area}": group "${group}" is neither "treated" nor "comparison"`,
        { area, group },
      );
  const byArea = indexValues(values, indicator, (area, period) => groups.has(area) && periods.has(period));
  const areas: DesignPanel['areas'] = [];
  for (const [area, group] of groups) {
    const observed = byArea.get(area);
    if (observed && observed.size > 0) areas.push({ area, group, values: observed });
  }
  for (const group of GROUPS) {
    const count = areas.filter((a) => a.group === group).length;
    if (count < 2)
      throw new EvaluationError(
        'TooFewAreas',
        `the ${group} group has ${count} area${count === 1 ? '' : 's'} with a value of "${indicator}" in the chosen periods; at least 2 are needed for area-clustered standard errors`,
        { group, areas: count, indicator },
      );
  }
  return { areas };
}

/** Checks that pre and post are non-empty, free of duplicates and disjoint. */
export function checkPrePost(
  pre: readonly string[],
  post: readonly string[],
): { pre: string[]; post: string[] } {
  const preSorted = distinctPeriods(pre, 'pre');
  const postSorted = distinctPeriods(post, 'post');
  if (preSorted.length === 0 || postSorted.length === 0)
    throw new EvaluationError(
      'InvalidPeriods',
      'both the pre and the post periods need at least one period',
      {
        pre: preSorted,
        post: postSorted,
      },
    );
  const both = preSorted.filter((p) => postSorted.includes(p));
  if (both.length > 0)
    throw new EvaluationError('InvalidPeriods', `period ${quoteList(both)} is both pre and post`, {
      periods: both,
    });
  return { pre: preSorted, post: postSorted };
}

/**
 * Estimates the difference-in-differences with area-clustered standard errors.
 * @throws EvaluationError `InvalidPeriods`, `TooFewAreas`, `MissingObservations`,
 *   `TooFewObservations`, `InvalidInput` (duplicate or non-finite values, unknown group).
 */
export function differenceInDifferences(input: DidInput): DidResult {
  const { pre, post } = checkPrePost(input.pre, input.post);
  const postSet = new Set(post);
  const panel = collectPanel(input.indicator, input.values, input.groups, new Set([...pre, ...postSet]));

  const design = new DummyDesign(['intercept', 'treated', 'post', 'treated×post']);
  const sums = { treated: { pre: 0, post: 0 }, comparison: { pre: 0, post: 0 } };
  const counts = { treated: { pre: 0, post: 0 }, comparison: { pre: 0, post: 0 } };
  panel.areas.forEach(({ group, values }, cluster) => {
    const treated = group === 'treated';
    for (const [period, value] of values) {
      const after = postSet.has(period);
      design.add(value, cluster, CELL_COLUMNS[(treated ? 2 : 0) + (after ? 1 : 0)]);
      sums[group][after ? 'post' : 'pre'] += value;
      counts[group][after ? 'post' : 'pre'] += 1;
    }
  });
  for (const group of GROUPS)
    for (const phase of ['pre', 'post'] as const)
      if (counts[group][phase] === 0)
        throw new EvaluationError(
          'MissingObservations',
          `the ${group} group has no value of "${input.indicator}" in the ${phase} periods (${(phase === 'pre' ? pre : post).join(', ')})`,
          { group, phase, indicator: input.indicator },
        );

  const fit = fitClusteredOls(design, panel.areas.length);
  const inference = inferCoefficient(fit, 3);
  const mean = (group: Group): CellMeans => ({
    pre: sums[group].pre / counts[group].pre,
    post: sums[group].post / counts[group].post,
  });
  return {
    indicator: input.indicator,
    ...inference,
    observations: fit.observations,
    clusters: {
      treated: panel.areas.filter((a) => a.group === 'treated').length,
      comparison: panel.areas.filter((a) => a.group === 'comparison').length,
    },
    means: { treated: mean('treated'), comparison: mean('comparison') },
    degreesOfFreedom: fit.degreesOfFreedom,
    coefficients: fit.coefficients as DidResult['coefficients'],
  };
}
