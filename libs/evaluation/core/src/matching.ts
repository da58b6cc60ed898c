import { EvaluationError } from './evaluation-error';
import { duplicateValue, quoteList, type LongValue } from './values';

// Comparison areas by nearest-neighbour matching on baseline indicators, the contract of
// `quartier evaluation match` (issue 12): Mahalanobis distance with the inverse of the sample
// covariance (divisor n − 1) over treated ∪ candidate areas in the baseline period; each treated
// area gets its k nearest candidates, with replacement across treated areas; ties go to the
// smaller distance, then the candidate code ascending.
//
// Distances use the Cholesky factor S = L·L': d(t, c)² = ‖L⁻¹(x_c − x_t)‖². The reported
// distance takes the difference before the triangular solve, so candidates at mirrored
// positions get bit-identical distances and the code tie-break applies (whitening every area
// first and subtracting would differ in the last bits); whitened values only screen candidates.

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
    if (seen.has(key)) throw duplicateValue(indicator, area, period);
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
 *   `NotEnoughCandidates` (`NotEnoughCandidatesInPool` with a candidate pool), `SingularCovariance` (the indicators involved named).
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
      // Said apart: a restricted pool (the API's: the area scope of whoever matched) is the reason to look at.
      pool ? 'NotEnoughCandidatesInPool' : 'NotEnoughCandidates',
      `${candidates.length} candidate area${candidates.length === 1 ? ' has' : 's have'} a value for every matching indicator in period "${period}"${pool ? ' within the candidate pool' : ''}; ${k} neighbour${k === 1 ? ' is' : 's are'} asked for`,
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

  const pairs: MatchedPair[] = [];
  const nearestOf = nearestFinder(candidates, (area) => table.get(area)!, factor, d, k);
  for (const area of treated)
    nearestOf(table.get(area)!).forEach(({ index, distance }, rank) =>
      pairs.push({ treated: area, rank: rank + 1, comparison: candidates[index], distance }),
    );
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

/** Relative margin (on squared distances) within which screened candidates are re-measured exactly. */
const SCREEN_MARGIN = 1e-6;

/**
 * Finds the k nearest candidates of a treated area in two passes. Screening: every candidate is
 * whitened once (z = L⁻¹x), so a treated area costs d operations per candidate instead of d²/2.
 * Exact pass: the candidates within a small margin of the k-th screened distance are measured
 * from their difference (see the module comment) and ordered by distance, then code — so the
 * result is that of measuring every pair exactly, at a fraction of the cost.
 */
function nearestFinder(
  candidates: readonly string[],
  valuesOf: (area: string) => Float64Array,
  factor: CovarianceFactor,
  d: number,
  k: number,
): (x: Float64Array) => { index: number; distance: number }[] {
  const raw = new Float64Array(candidates.length * d);
  const white = new Float64Array(candidates.length * d);
  candidates.forEach((area, c) => {
    raw.set(valuesOf(area), c * d);
    factor.whiten(raw.subarray(c * d, (c + 1) * d), white.subarray(c * d, (c + 1) * d));
  });
  const screened = new Float64Array(candidates.length);
  const zt = new Float64Array(d);
  const diff = new Float64Array(d);
  return (x) => {
    factor.whiten(x, zt);
    for (let c = 0, offset = 0; c < candidates.length; c++, offset += d) {
      let total = 0;
      for (let j = 0; j < d; j++) {
        const delta = white[offset + j] - zt[j];
        total += delta * delta;
      }
      screened[c] = total;
    }
    const best = smallest(screened, k);
    const limit = screened[best[k - 1]] * (1 + SCREEN_MARGIN) + 1e-12;
    const shortlist: { index: number; distance: number }[] = [];
    for (let c = 0; c < candidates.length; c++) {
      if (!(screened[c] <= limit)) continue;
      for (let j = 0; j < d; j++) diff[j] = raw[c * d + j] - x[j];
      shortlist.push({ index: c, distance: Math.sqrt(factor.squaredNorm(diff)) });
    }
    // Candidates are sorted by code, so the index breaks ties by code.
    shortlist.sort((a, b) => a.distance - b.distance || a.index - b.index);
    return shortlist.slice(0, k);
  };
}

/** Indices of the k smallest values; equal values keep the lower index. */
function smallest(values: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let c = 0; c < values.length; c++) {
    const value = values[c];
    if (best.length === k && !(value < values[best[k - 1]])) continue;
    let at = best.length;
    while (at > 0 && values[best[at - 1]] > value) at--;
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
  /** out = L⁻¹v, with ‖out‖² = squaredNorm(v). */
  whiten(v: Float64Array, out: Float64Array): void;
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
  const whiten = (v: Float64Array, out: Float64Array): void => {
    for (let j = 0; j < d; j++) {
      let sum = v[j] / sd[j];
      const row = lower[j];
      for (let m = 0; m < j; m++) sum -= row[m] * out[m];
      out[j] = sum / row[j];
    }
  };
  const scaled = new Float64Array(d);
  return {
    whiten,
    squaredNorm(v: Float64Array): number {
      whiten(v, scaled);
      let total = 0;
      for (let j = 0; j < d; j++) total += scaled[j] * scaled[j];
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

function singularCovariance(
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
