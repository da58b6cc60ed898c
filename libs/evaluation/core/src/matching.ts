import { EvaluationError } from './evaluation-error';
import { quoteList, type LongValue } from './values';

// Comparison areas by nearest-neighbour matching on baseline indicators, the contract of
// `quartier evaluation match` (issue 12): Mahalanobis distance with the inverse of the sample
// covariance (divisor n − 1) over treated ∪ candidate areas in the baseline period; each treated
// area gets its k nearest candidates, with replacement across treated areas; ties go to the
// smaller distance, then the candidate code ascending.
//
// Distances use the Cholesky factor S = L·L': d(t, c)² = ‖L⁻¹(x_c − x_t)‖². The difference is
// taken before the triangular solve so that candidates at mirrored positions get bit-identical
// distances and the code tie-break applies, which whitening every area first would not give.

export interface MatchInput {
  values: Iterable<LongValue>;
  /** Baseline period. */
  period: string;
  /** Treated areas, in the order the pairs are reported. */
  treated: readonly string[];
  /** Matching indicators. */
  on: readonly string[];
  /** Neighbours per treated area; default 1. */
  k?: number;
  /** Restricts the candidates to these areas (e.g. one area level); default every area with values. */
  candidatePool?: readonly string[];
}

export interface MatchedPair {
  treated: string;
  /** 1 = nearest. */
  rank: number;
  comparison: string;
  distance: number;
}

export interface MatchResult {
  period: string;
  indicators: string[];
  k: number;
  /** Treated areas in input order, each with ranks 1..k. */
  pairs: MatchedPair[];
  /** Every candidate area, sorted by code. */
  candidates: string[];
  /** Sample covariance of the indicators over treated ∪ candidates (indicator order). */
  covariance: number[][];
}

/** Tolerance on a Cholesky pivot of the correlation matrix: 1 − R² of an indicator on the ones before it. */
const SINGULAR_TOLERANCE = 1e-10;

/** Baseline values: area → one value per indicator (NaN where missing), for one period. */
export function baselineTable(
  values: Iterable<LongValue>,
  period: string,
  indicators: readonly string[],
): Map<string, Float64Array> {
  const column = new Map(indicators.map((code, i) => [code, i]));
  const table = new Map<string, Float64Array>();
  const seen = new Set<string>();
  for (const { area, indicator, period: p, value } of values) {
    const j = column.get(indicator);
    if (p !== period || j === undefined) continue;
    const key = `${area}\u0000${indicator}`;
    if (seen.has(key))
      throw new EvaluationError(
        'InvalidInput',
        `indicator "${indicator}" has two values for area "${area}" in period "${period}"`,
        { area, indicator, period },
      );
    seen.add(key);
    if (value !== null && !Number.isFinite(value))
      throw new EvaluationError(
        'InvalidInput',
        `area "${area}", indicator "${indicator}": ${value} is not a finite number`,
        {
          area,
          indicator,
          period,
        },
      );
    let row = table.get(area);
    if (!row) table.set(area, (row = new Float64Array(indicators.length).fill(Number.NaN)));
    row[j] = value ?? Number.NaN;
  }
  return table;
}

const complete = (row: Float64Array | undefined): row is Float64Array =>
  !!row && row.every((v) => !Number.isNaN(v));

/**
 * Matches every treated area to its k nearest candidates.
 * @throws EvaluationError `InvalidInput`, `MissingBaseline` (treated areas without a value, named),
 *   `NotEnoughCandidates`, `SingularCovariance` (the indicators involved named).
 */
export function matchNearestNeighbours(input: MatchInput): MatchResult {
  const k = input.k ?? 1;
  const { treated, on, period } = input;
  checkMatchInput(treated, on, k);
  const table = baselineTable(input.values, period, on);

  const lacking = treated.filter((area) => !complete(table.get(area)));
  if (lacking.length > 0) {
    const missingOf = (area: string) => on.filter((_, j) => Number.isNaN(table.get(area)?.[j] ?? Number.NaN));
    throw new EvaluationError(
      'MissingBaseline',
      `treated area${lacking.length > 1 ? 's' : ''} ${lacking
        .map((area) => `"${area}" (${missingOf(area).join(', ')})`)
        .join(', ')} lack${lacking.length > 1 ? '' : 's'} a value in period "${period}"`,
      { areas: lacking, period, missing: Object.fromEntries(lacking.map((a) => [a, missingOf(a)])) },
    );
  }
  const treatedSet = new Set(treated);
  const pool = input.candidatePool ? new Set(input.candidatePool) : undefined;
  const candidates = [...table.keys()]
    .filter((area) => !treatedSet.has(area) && (!pool || pool.has(area)) && complete(table.get(area)))
    .sort();
  if (candidates.length < k)
    throw new EvaluationError(
      'NotEnoughCandidates',
      `${candidates.length} candidate area${candidates.length === 1 ? ' has' : 's have'} a value for every matching indicator in period "${period}"; ${k} neighbour${k === 1 ? ' is' : 's are'} asked for`,
      { candidates: candidates.length, k, period },
    );

  const d = on.length;
  const rows = [...treated, ...candidates].map((area) => table.get(area)!);
  if (rows.length <= d)
    throw singularCovariance(
      on,
      period,
      [...on],
      `${rows.length} areas cannot estimate the covariance of ${d} indicators (at least ${d + 1} are needed)`,
    );
  const covariance = sampleCovariance(rows, d);
  const factor = choleskyOfCovariance(covariance, on, period);

  const candidateValues = new Float64Array(candidates.length * d);
  candidates.forEach((area, c) => candidateValues.set(table.get(area)!, c * d));
  const pairs: MatchedPair[] = [];
  const diff = new Float64Array(d);
  const distances = new Float64Array(candidates.length);
  for (const area of treated) {
    const x = table.get(area)!;
    for (let c = 0; c < candidates.length; c++) {
      for (let j = 0; j < d; j++) diff[j] = candidateValues[c * d + j] - x[j];
      distances[c] = Math.sqrt(factor.squaredNorm(diff));
    }
    nearest(distances, k).forEach((c, rank) =>
      pairs.push({ treated: area, rank: rank + 1, comparison: candidates[c], distance: distances[c] }),
    );
  }
  return { period, indicators: [...on], k, pairs, candidates, covariance };
}

function checkMatchInput(treated: readonly string[], on: readonly string[], k: number): void {
  if (!Number.isInteger(k) || k < 1)
    throw new EvaluationError('InvalidInput', `k must be a whole number ≥ 1, got ${k}`, { field: 'k' });
  if (on.length === 0)
    throw new EvaluationError('InvalidInput', 'at least one matching indicator is needed', { field: 'on' });
  if (treated.length === 0)
    throw new EvaluationError('InvalidInput', 'at least one treated area is needed', { field: 'treated' });
  for (const [list, field] of [
    [on, 'on'],
    [treated, 'treated'],
  ] as const) {
    const twice = list.filter((name, i) => list.indexOf(name) !== i);
    if (twice.length > 0)
      throw new EvaluationError('InvalidInput', `${field}: ${quoteList(new Set(twice))} listed twice`, {
        field,
        names: [...new Set(twice)],
      });
  }
}

/** Indices of the k smallest distances; equal distances keep the lower index (= lower code). */
function nearest(distances: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let c = 0; c < distances.length; c++) {
    const value = distances[c];
    if (best.length === k && !(value < distances[best[k - 1]])) continue;
    let at = best.length;
    while (at > 0 && distances[best[at - 1]] > value) at--;
    best.splice(at, 0, c);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Sample covariance (divisor n − 1) of complete rows, two-pass for accuracy. */
export function sampleCovariance(rows: readonly Float64Array[], d: number): number[][] {
  const n = rows.length;
  const mean = new Float64Array(d);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const covariance = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const centred = new Float64Array(d);
  for (const row of rows) {
    for (let j = 0; j < d; j++) centred[j] = row[j] - mean[j];
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) covariance[a][b] += centred[a] * centred[b];
  }
  for (let a = 0; a < d; a++)
    for (let b = 0; b <= a; b++)
      covariance[b][a] = covariance[a][b] = n > 1 ? covariance[a][b] / (n - 1) : Number.NaN;
  return covariance;
}

/** The Cholesky factor of a covariance matrix, applied as ‖L⁻¹v‖². */
export interface CovarianceFactor {
  squaredNorm(v: Float64Array): number;
}

/**
 * Cholesky factor of the covariance via its correlation matrix (scale-free tolerance). A pivot
 * below the tolerance means an indicator is (numerically) a linear combination of the ones
 * before it; the combination is solved for so the error names exactly the indicators involved.
 */
export function choleskyOfCovariance(
  covariance: number[][],
  names: readonly string[],
  period: string,
): CovarianceFactor {
  const d = names.length;
  if (!covariance.every((row) => row.every(Number.isFinite)))
    throw singularCovariance(names, period, [...names], 'there are fewer than 2 areas');
  const sd = covariance.map((row, j) => Math.sqrt(row[j]));
  const constant = names.filter((_, j) => !(sd[j] > 0));
  if (constant.length > 0)
    throw singularCovariance(
      names,
      period,
      constant,
      `${quoteList(constant)} ${constant.length > 1 ? 'have' : 'has'} the same value in every area`,
    );
  const lower = Array.from({ length: d }, () => new Float64Array(d));
  for (let j = 0; j < d; j++) {
    for (let i = 0; i <= j; i++) {
      let sum = covariance[j][i] / (sd[j] * sd[i]);
      for (let m = 0; m < i; m++) sum -= lower[j][m] * lower[i][m];
      if (i < j) {
        lower[j][i] = sum / lower[i][i];
      } else if (sum > SINGULAR_TOLERANCE) {
        lower[j][j] = Math.sqrt(sum);
      } else {
        const involved = dependentIndicators(lower, j, names);
        throw singularCovariance(
          names,
          period,
          [...involved, names[j]],
          `"${names[j]}" is a linear combination of ${quoteList(involved)}`,
        );
      }
    }
  }
  const scaled = new Float64Array(d);
  return {
    squaredNorm(v: Float64Array): number {
      let total = 0;
      for (let j = 0; j < d; j++) {
        let sum = v[j] / sd[j];
        const row = lower[j];
        for (let m = 0; m < j; m++) sum -= row[m] * scaled[m];
        scaled[j] = sum / row[j];
        total += scaled[j] * scaled[j];
      }
      return total;
    },
  };
}

/** Indicators before j with a non-zero weight in the regression of indicator j on them. */
function dependentIndicators(lower: Float64Array[], j: number, names: readonly string[]): string[] {
  // R_{<j,<j} β = R_{<j,j}: with R_{<j,<j} = L L' and R_{<j,j} = L·ℓ (ℓ = row j of L so far), β = L'⁻¹ ℓ.
  const beta = new Float64Array(j);
  for (let i = j - 1; i >= 0; i--) {
    let sum = lower[j][i];
    for (let m = i + 1; m < j; m++) sum -= lower[m][i] * beta[m];
    beta[i] = sum / lower[i][i];
  }
  return names.slice(0, j).filter((_, i) => Math.abs(beta[i]) > 1e-8);
}

export function singularCovariance(
  names: readonly string[],
  period: string,
  involved: string[],
  why: string,
): EvaluationError {
  return new EvaluationError(
    'SingularCovariance',
    `the covariance of the matching indicators ${names.join(', ')} in period "${period}" is singular: ${why}; leave one of ${quoteList(involved)} out`,
    { indicators: [...names], involved, period },
  );
}
