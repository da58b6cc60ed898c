import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { Matrix, inverse } from 'ml-matrix';
import { EvaluationError } from './evaluation-error';

// OLS with standard errors clustered by area over a design whose regressors are all 0/1
// indicators (intercept, group, period and interaction dummies) — the shape of every
// difference-in-differences and event-study model here. Rows are stored as their active
// columns, so X'X and the cluster scores cost O(N · active²) instead of O(N · K²): with K = 60
// (event study over 30 periods) that is the difference between 0.1 and 100 million operations.

/** A 0/1 design: each observation lists the columns where its regressor is 1. */
export class DummyDesign {
  // Flat storage (no object per row): the fit walks these directly.
  /** @internal Active columns of all rows, row i at offsets[i] … offsets[i + 1] − 1. */
  readonly active: number[] = [];
  /** @internal */
  readonly offsets: number[] = [0];
  /** @internal */
  readonly responses: number[] = [];
  /** @internal */
  readonly clusterOf: number[] = [];

  constructor(readonly columnNames: readonly string[]) {}

  get columns(): number {
    return this.columnNames.length;
  }

  get observations(): number {
    return this.responses.length;
  }

  /** Adds one observation: response y, cluster index (0-based), the columns that are 1. */
  add(y: number, cluster: number, columns: readonly number[]): void {
    for (const column of columns) this.active.push(column);
    this.offsets.push(this.active.length);
    this.responses.push(y);
    this.clusterOf.push(cluster);
  }
}

export interface ClusteredFit {
  coefficients: number[];
  /** Cluster-robust covariance V = c · (X'X)⁻¹ (Σ_g X_g'û_g û_g'X_g) (X'X)⁻¹. */
  covariance: number[][];
  observations: number;
  clusters: number;
  /** G − 1: the degrees of freedom of the t reference distribution. */
  degreesOfFreedom: number;
  /** The small-sample factor c = G/(G−1) · (N−1)/(N−K) (Stata's and statsmodels' CR1). */
  correction: number;
}

/**
 * Fits y on the dummy design with CR1 cluster-robust covariance.
 * @param clusters G, the number of clusters; every index in the design is below it.
 * @throws EvaluationError `TooFewObservations` (N ≤ K or G < 2), `SingularDesign` (collinear columns).
 */
export function fitClusteredOls(design: DummyDesign, clusters: number): ClusteredFit {
  const k = design.columns;
  const n = design.observations;
  if (n <= k || clusters < 2)
    throw new EvaluationError(
      'TooFewObservations',
      `${n} observations in ${clusters} areas cannot estimate ${k} coefficients with a residual variance (need more than ${k} observations in at least 2 areas)`,
      { observations: n, clusters, coefficients: k },
    );
  // Plain arrays in the O(N) loops; ml-matrix for the K×K algebra.
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  const { active, offsets, responses, clusterOf } = design;
  for (let i = 0; i < n; i++) {
    const y = responses[i];
    const [from, to] = [offsets[i], offsets[i + 1]];
    for (let a = from; a < to; a++) {
      xty[active[a]] += y;
      for (let b = from; b < to; b++) xtx[active[a]][active[b]] += 1;
    }
  }
  const bread = invertChecked(new Matrix(xtx), design.columnNames);
  const coefficients = bread.mmul(Matrix.columnVector(xty)).getColumn(0);

  const scores = Array.from({ length: clusters }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    const [from, to, cluster] = [offsets[i], offsets[i + 1], clusterOf[i]];
    let fitted = 0;
    for (let a = from; a < to; a++) fitted += coefficients[active[a]];
    const residual = responses[i] - fitted;
    for (let a = from; a < to; a++) scores[cluster][active[a]] += residual;
  }
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const score of scores)
    for (let a = 0; a < k; a++) {
      if (score[a] === 0) continue;
      for (let b = 0; b < k; b++) meat[a][b] += score[a] * score[b];
    }
  const correction = (clusters / (clusters - 1)) * ((n - 1) / (n - k));
  const covariance = bread.mmul(new Matrix(meat)).mmul(bread).mul(correction).to2DArray();
  return { coefficients, covariance, observations: n, clusters, degreesOfFreedom: clusters - 1, correction };
}

/**
 * (X'X)⁻¹ with a check that it really is one: an LU solve of a singular integer matrix can
 * return huge finite numbers instead of failing, so the product is tested against I.
 */
function invertChecked(xtx: Matrix, names: readonly string[]): Matrix {
  let inv: Matrix;
  try {
    inv = inverse(xtx);
  } catch {
    throw singular(names);
  }
  const identity = xtx.mmul(inv);
  for (let i = 0; i < identity.rows; i++)
    for (let j = 0; j < identity.columns; j++)
      if (!(Math.abs(identity.get(i, j) - (i === j ? 1 : 0)) < 1e-8)) throw singular(names);
  return inv;
}

const singular = (names: readonly string[]) =>
  new EvaluationError(
    'SingularDesign',
    `the regressors ${names.join(', ')} are perfectly collinear: the model is not identified`,
    { regressors: [...names] },
  );

/** A coefficient's inference: SE, t, two-sided p and 95 % interval from Student's t with df. */
export interface Inference {
  estimate: number;
  se: number;
  /** null when se is 0 (a perfect fit): the ratio is not defined. */
  t: number | null;
  p: number | null;
  ci95: [number, number];
}

export function inferCoefficient(fit: ClusteredFit, column: number): Inference {
  const estimate = fit.coefficients[column];
  // Rounding can leave a variance of −1e-30 where it is 0.
  const se = Math.sqrt(Math.max(0, fit.covariance[column][column]));
  const half = tQuantile(0.975, fit.degreesOfFreedom) * se;
  if (se === 0) return { estimate, se, t: null, p: null, ci95: [estimate, estimate] };
  const t = estimate / se;
  const p = 2 * tCdf(-Math.abs(t), fit.degreesOfFreedom);
  return { estimate, se, t, p, ci95: [estimate - half, estimate + half] };
}
