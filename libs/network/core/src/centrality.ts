import type { NetworkGraph } from './graph';

export interface DegreeMeasures {
  /** NetworkX `degree_centrality`: (in + out) / (n − 1) on directed graphs. */
  readonly degree: Float64Array;
  /** NetworkX `in_degree_centrality` / `out_degree_centrality` (equal to degree when undirected). */
  readonly inDegree: Float64Array;
  readonly outDegree: Float64Array;
  /** Sum of tie weights (in + out when directed); equals the raw degree when unweighted. */
  readonly strength: Float64Array;
  readonly inStrength: Float64Array;
  readonly outStrength: Float64Array;
}

export function degreeMeasures(graph: NetworkGraph): DegreeMeasures {
  const { n } = graph;
  // NetworkX gives 1 to the single node of a one-node graph; we keep its convention.
  const scale = n <= 1 ? 1 : 1 / (n - 1);
  const degree = new Float64Array(n);
  const inDegree = new Float64Array(n);
  const outDegree = new Float64Array(n);
  const strength = new Float64Array(n);
  const inStrength = new Float64Array(n);
  const outStrength = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const outs = graph.outOffsets[v + 1] - graph.outOffsets[v];
    const ins = graph.inOffsets[v + 1] - graph.inOffsets[v];
    let so = 0;
    for (let p = graph.outOffsets[v]; p < graph.outOffsets[v + 1]; p++) so += graph.outWeights[p];
    let si = 0;
    for (let p = graph.inOffsets[v]; p < graph.inOffsets[v + 1]; p++) si += graph.inWeights[p];
    outDegree[v] = outs * scale;
    inDegree[v] = ins * scale;
    outStrength[v] = so;
    inStrength[v] = si;
    if (graph.directed) {
      degree[v] = (outs + ins) * scale;
      strength[v] = so + si;
    } else {
      degree[v] = outs * scale;
      strength[v] = so;
    }
  }
  return { degree, inDegree, outDegree, strength, inStrength, outStrength };
}

/**
 * Freeman's degree centralisation: Σ (max − deg) over the largest sum a graph of this size can
 * have (a star). Raw degrees, unweighted, as igraph's `centralization_degree(normalized=TRUE,
 * loops=FALSE)`: (n−1)(n−2) undirected, 2(n−1)(n−2) for total degree on directed graphs.
 */
export function degreeCentralization(graph: NetworkGraph): number {
  const { n } = graph;
  if (n < 3) return 0;
  let max = 0;
  let sum = 0;
  for (let v = 0; v < n; v++) {
    const d =
      graph.outOffsets[v + 1] -
      graph.outOffsets[v] +
      (graph.directed ? graph.inOffsets[v + 1] - graph.inOffsets[v] : 0);
    sum += d;
    if (d > max) max = d;
  }
  const theoreticalMax = (graph.directed ? 2 : 1) * (n - 1) * (n - 2);
  return (n * max - sum) / theoreticalMax;
}

export interface IterativeResult {
  readonly values: Float64Array;
  readonly converged: boolean;
}

/**
 * PageRank as NetworkX defines it (`pagerank(alpha=0.85)`): uniform start and teleport, the rank
 * of dangling nodes spread uniformly, weights as transition strengths, undirected ties acting in
 * both directions. Unlike NetworkX's default stop (L1 change below n·1e−6, up to 3e−4 away from
 * the true value on real networks), the power iteration runs until the remaining error is below
 * `accuracy` (see `settled`) — a few hundred sparse sweeps, milliseconds.
 */
export function pagerank(
  graph: NetworkGraph,
  alpha = 0.85,
  maxIterations = 10_000,
  accuracy = DEFAULT_ACCURACY,
): IterativeResult {
  const { n, outOffsets, outTargets, outWeights } = graph;
  if (n === 0) return { values: new Float64Array(0), converged: true };
  const invStrength = new Float64Array(n);
  const dangling: number[] = [];
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) s += graph.weighted ? outWeights[p] : 1;
    if (s !== 0) invStrength[v] = 1 / s;
    else dangling.push(v);
  }
  const uniform = 1 / n;
  let x = new Float64Array(n).fill(uniform);
  let next = new Float64Array(n);
  let lastErr = Infinity;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    next.fill(0);
    for (let v = 0; v < n; v++) {
      const xv = x[v];
      const inv = invStrength[v];
      for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
        next[outTargets[p]] += xv * ((graph.weighted ? outWeights[p] : 1) * inv);
      }
    }
    let danglingSum = 0;
    for (const v of dangling) danglingSum += x[v];
    let err = 0;
    for (let v = 0; v < n; v++) {
      next[v] = alpha * (next[v] + danglingSum * uniform) + (1 - alpha) * uniform;
      err += Math.abs(next[v] - x[v]);
    }
    [x, next] = [next, x];
    if (settled(err, lastErr, n, accuracy)) return { values: x, converged: true };
    lastErr = err;
  }
  return { values: x, converged: false };
}

/**
 * Eigenvector centrality as NetworkX defines it (`eigenvector_centrality`: power iteration on
 * A + I, Euclidean normalisation), tie strengths as weights when weighted, iterated until the
 * remaining error is below `accuracy` rather than NetworkX's n·1e−6 stop. Only meaningful — and
 * only reported — for connected undirected graphs; callers check that.
 */
export function eigenvectorCentrality(
  graph: NetworkGraph,
  maxIterations = 10_000,
  accuracy = DEFAULT_ACCURACY,
): IterativeResult {
  const { n, outOffsets, outTargets, outWeights } = graph;
  let x = new Float64Array(n).fill(1 / n);
  let lastErr = Infinity;
  let ratio = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // A chain-like network mixes so slowly (ratio near 1) that no budget reaches the accuracy:
    // say so after a few sweeps instead of spending the whole budget.
    if (iteration >= 50 && cannotSettle(lastErr, ratio, iteration, maxIterations, accuracy))
      return { values: x, converged: false };
    const last = x;
    x = Float64Array.from(last);
    for (let v = 0; v < n; v++) {
      const xv = last[v];
      for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++)
        x[outTargets[p]] += xv * (graph.weighted ? outWeights[p] : 1);
    }
    const norm = euclideanNorm(x) || 1;
    let err = 0;
    for (let v = 0; v < n; v++) {
      x[v] /= norm;
      err += Math.abs(x[v] - last[v]);
    }
    if (settled(err, lastErr, n, accuracy)) return { values: x, converged: true };
    ratio = lastErr > 0 && Number.isFinite(lastErr) ? err / lastErr : ratio;
    lastErr = err;
  }
  return { values: x, converged: false };
}

/** How far from the fixed point the iterations stop (L1 over all nodes): 1e−12. */
export const DEFAULT_ACCURACY = 1e-12;

/**
 * Whether a power iteration has converged. Its error shrinks geometrically by the ratio r of
 * successive L1 changes, so what remains after a change `err` is at most err·r/(1−r); stop when
 * that is below `accuracy`, or when the change is down to rounding noise (n·1e−15).
 */
function settled(err: number, lastErr: number, n: number, accuracy: number): boolean {
  if (err < n * 1e-15) return true;
  if (!Number.isFinite(lastErr) || lastErr === 0) return false;
  const ratio = err / lastErr;
  return ratio < 1 && (err * ratio) / (1 - ratio) < accuracy;
}

/** Whether, at the observed contraction ratio, the accuracy lies beyond the iteration budget. */
function cannotSettle(
  err: number,
  ratio: number,
  iteration: number,
  budget: number,
  accuracy: number,
): boolean {
  if (!(ratio > 0 && ratio < 1) || err <= 0) return false;
  const needed = Math.log((accuracy * (1 - ratio)) / (err * ratio)) / Math.log(ratio);
  return iteration + needed > budget;
}

/** Overflow-safe Euclidean norm (what Python's `math.hypot(*xs)` computes). */
function euclideanNorm(xs: Float64Array): number {
  let max = 0;
  for (const x of xs) max = Math.max(max, Math.abs(x));
  if (max === 0 || !Number.isFinite(max)) return max;
  let sum = 0;
  for (const x of xs) {
    const r = x / max;
    sum += r * r;
  }
  return max * Math.sqrt(sum);
}
