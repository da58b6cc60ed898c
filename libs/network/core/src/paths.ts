import type { NetworkGraph } from './graph';

/**
 * The plain typed arrays the shortest-path kernel needs. Kept separate from NetworkGraph so it
 * can be posted to worker threads (structured clone of typed arrays) and rebuilt there without
 * maps or strings.
 */
export interface PathKernelGraph {
  readonly n: number;
  readonly weighted: boolean;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Arc length: 1 per tie, or 1 / weight when weighted (strong ties are short, as in tnet). */
  readonly lengths: Float64Array;
}

/**
 * Sums gathered from single-source shortest paths of a range of sources. Partials of disjoint
 * source ranges add up to the all-sources result, which is what makes the work splittable.
 */
export interface PathPartial {
  /** Brandes dependencies summed over the sources (unnormalised, ordered pairs). */
  readonly betweenness: Float64Array;
  /** Sum of distances from every source that reaches the node (incoming distances). */
  readonly farness: Float64Array;
  /** How many other nodes reach the node. */
  readonly reach: Float64Array;
  /** Sum of 1 / distance over every source that reaches the node. */
  readonly harmonic: Float64Array;
  pathLengthSum: number;
  pathCount: number;
  diameter: number;
}

export interface PathMeasures {
  /** NetworkX `betweenness_centrality(normalized=True)`. */
  readonly betweenness: Float64Array;
  /** NetworkX `closeness_centrality` (Wasserman–Faust, incoming distances when directed). */
  readonly closeness: Float64Array;
  /** NetworkX `harmonic_centrality / (n − 1)`. */
  readonly harmonic: Float64Array;
  /** Mean distance over all ordered pairs that are connected by a path (0 without any). */
  readonly averagePathLength: number;
  /** Longest finite shortest-path distance. */
  readonly diameter: number;
}

export function pathKernelGraph(graph: NetworkGraph): PathKernelGraph {
  const lengths = new Float64Array(graph.outWeights.length);
  if (graph.weighted) for (let p = 0; p < lengths.length; p++) lengths[p] = 1 / graph.outWeights[p];
  else lengths.fill(1);
  return {
    n: graph.n,
    weighted: graph.weighted,
    offsets: graph.outOffsets,
    targets: graph.outTargets,
    lengths,
  };
}

export function emptyPathPartial(n: number): PathPartial {
  return {
    betweenness: new Float64Array(n),
    farness: new Float64Array(n),
    reach: new Float64Array(n),
    harmonic: new Float64Array(n),
    pathLengthSum: 0,
    pathCount: 0,
    diameter: 0,
  };
}

/** Adds `part` into `into` (in place) and returns `into`. */
export function addPathPartial(into: PathPartial, part: PathPartial): PathPartial {
  for (let v = 0; v < into.betweenness.length; v++) {
    into.betweenness[v] += part.betweenness[v];
    into.farness[v] += part.farness[v];
    into.reach[v] += part.reach[v];
    into.harmonic[v] += part.harmonic[v];
  }
  into.pathLengthSum += part.pathLengthSum;
  into.pathCount += part.pathCount;
  into.diameter = Math.max(into.diameter, part.diameter);
  return into;
}

const PROGRESS_EVERY = 64;

/**
 * Brandes' algorithm for the sources `from ≤ s < to`, fused with the distance sums closeness,
 * harmonic centrality, average path length and diameter need: one traversal per source serves
 * all of them. BFS when unweighted, Dijkstra on an indexed binary heap when weighted.
 * Dependencies are accumulated over successors (dist[w] = dist[v] + len(v,w)) so no predecessor
 * lists are allocated; equality of float distances is exact, as in NetworkX.
 * Sums are added into `into`, so callers can feed source chunks into one partial.
 */
/** One traversal kind (BFS or Dijkstra) over the sources `from ≤ s < to`, adding into `out`. */
type SourcesPass = (
  g: PathKernelGraph,
  from: number,
  to: number,
  out: PathPartial,
  onProgress?: (done: number) => void,
) => void;

export function pathMeasuresForSources(
  graph: PathKernelGraph,
  from = 0,
  to = graph.n,
  into: PathPartial = emptyPathPartial(graph.n),
  onProgress?: (sourcesDone: number) => void,
): PathPartial {
  if (graph.weighted) weightedSources(graph, from, to, into, onProgress);
  else unweightedSources(graph, from, to, into, onProgress);
  return into;
}

const unweightedSources: SourcesPass = (g, from, to, out, onProgress) => {
  const { n, offsets, targets } = g;
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const queue = new Int32Array(n);
  const { betweenness } = out;
  const totals: PathTotals = { pathLengthSum: 0, pathCount: 0, diameter: 0 };
  for (let s = from; s < to; s++) {
    dist[s] = 0;
    sigma[s] = 1;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++];
      const next = dist[v] + 1;
      const sv = sigma[v];
      for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
        const w = targets[p];
        const dw = dist[w];
        if (dw < 0) {
          dist[w] = next;
          sigma[w] = sv;
          queue[tail++] = w;
        } else if (dw === next) {
          sigma[w] += sv;
        }
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const v = queue[i];
      const next = dist[v] + 1;
      let sum = 0;
      for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
        const w = targets[p];
        if (dist[w] === next) sum += (1 + delta[w]) / sigma[w];
      }
      const dv = sigma[v] * sum;
      delta[v] = dv;
      betweenness[v] += dv;
    }
    endSource(out, totals, queue, tail, dist, -1);
    for (let i = 0; i < tail; i++) delta[queue[i]] = 0;
    if (onProgress && (s - from + 1) % PROGRESS_EVERY === 0) onProgress(s - from + 1);
  }
  endSources(out, totals, to - from, onProgress);
};

const weightedSources: SourcesPass = (g, from, to, out, onProgress) => {
  const { n, offsets, targets, lengths } = g;
  const dist = new Float64Array(n).fill(Infinity);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const settled = new Uint8Array(n);
  const order = new Int32Array(n);
  const heap = new MinHeap(n, dist);
  const { betweenness } = out;
  const totals: PathTotals = { pathLengthSum: 0, pathCount: 0, diameter: 0 };
  for (let s = from; s < to; s++) {
    dist[s] = 0;
    sigma[s] = 1;
    heap.push(s);
    let count = 0;
    while (heap.size > 0) {
      const v = heap.pop();
      settled[v] = 1;
      order[count++] = v;
      const dv = dist[v];
      const sv = sigma[v];
      for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
        const w = targets[p];
        const alt = dv + lengths[p];
        const dw = dist[w];
        if (alt < dw) {
          if (settled[w]) continue;
          dist[w] = alt;
          sigma[w] = sv;
          if (dw === Infinity) heap.push(w);
          else heap.decrease(w);
        } else if (alt === dw) {
          sigma[w] += sv;
        }
      }
    }
    for (let i = count - 1; i > 0; i--) {
      const v = order[i];
      const dv = dist[v];
      let sum = 0;
      for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
        const w = targets[p];
        if (dv + lengths[p] === dist[w]) sum += (1 + delta[w]) / sigma[w];
      }
      const dep = sigma[v] * sum;
      delta[v] = dep;
      betweenness[v] += dep;
    }
    endSource(out, totals, order, count, dist, Infinity);
    for (let i = 0; i < count; i++) {
      const v = order[i];
      delta[v] = 0;
      settled[v] = 0;
    }
    if (onProgress && (s - from + 1) % PROGRESS_EVERY === 0) onProgress(s - from + 1);
  }
  endSources(out, totals, to - from, onProgress);
};

/** The path statistics of one kernel call, summed over its sources before they join the partial. */
interface PathTotals {
  pathLengthSum: number;
  pathCount: number;
  diameter: number;
}

/**
 * Ends one source's traversal, BFS or Dijkstra alike: each node it reached (`order[0]` is the
 * source) adds its distance to its closeness sums and to the path statistics, and its distance
 * is set back to `unreached` for the next source. Runs in reached order, after the dependencies.
 */
function endSource(
  out: PathPartial,
  totals: PathTotals,
  order: Int32Array,
  count: number,
  dist: Int32Array | Float64Array,
  unreached: number,
): void {
  const { farness, reach, harmonic } = out;
  dist[order[0]] = unreached;
  for (let i = count - 1; i > 0; i--) {
    const v = order[i];
    const d = dist[v];
    farness[v] += d;
    reach[v] += 1;
    harmonic[v] += 1 / d;
    totals.pathLengthSum += d;
    if (d > totals.diameter) totals.diameter = d;
    dist[v] = unreached;
  }
  totals.pathCount += count - 1;
}

function endSources(
  out: PathPartial,
  totals: PathTotals,
  sources: number,
  onProgress?: (done: number) => void,
): void {
  out.pathLengthSum += totals.pathLengthSum;
  out.pathCount += totals.pathCount;
  out.diameter = Math.max(out.diameter, totals.diameter);
  if (onProgress) onProgress(sources);
}

/** Indexed binary min-heap of node ids keyed by an external distance array. */
class MinHeap {
  private readonly items: Int32Array;
  private readonly position: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.items = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  push(v: number): void {
    const i = this.size++;
    this.items[i] = v;
    this.position[v] = i;
    this.up(i);
  }

  decrease(v: number): void {
    this.up(this.position[v]);
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    this.position[top] = -1;
    const last = items[--this.size];
    if (this.size > 0) {
      items[0] = last;
      this.position[last] = 0;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const { items, position, key } = this;
    const v = items[i];
    const k = key[v];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pv = items[parent];
      if (key[pv] <= k) break;
      items[i] = pv;
      position[pv] = i;
      i = parent;
    }
    items[i] = v;
    position[v] = i;
  }

  private down(i: number): void {
    const { items, position, key } = this;
    const size = this.size;
    const v = items[i];
    const k = key[v];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && key[items[child + 1]] < key[items[child]]) child++;
      const cv = items[child];
      if (key[cv] >= k) break;
      items[i] = cv;
      position[cv] = i;
      i = child;
    }
    items[i] = v;
    position[v] = i;
  }
}

/** Turns summed partials into the normalised NetworkX measures. */
export function finalizePathMeasures(n: number, partial: PathPartial): PathMeasures {
  const betweenness = new Float64Array(n);
  const closeness = new Float64Array(n);
  const harmonic = new Float64Array(n);
  // NetworkX `_rescale(normalized=True)`: 1/((n−1)(n−2)) for directed and undirected alike; on
  // undirected graphs every pair is counted from both ends, which yields the usual 2/((n−1)(n−2)).
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  for (let v = 0; v < n; v++) {
    betweenness[v] = partial.betweenness[v] * scale;
    const r = partial.reach[v];
    const total = partial.farness[v];
    closeness[v] = total > 0 && n > 1 ? (r / total) * (r / (n - 1)) : 0;
    harmonic[v] = n > 1 ? partial.harmonic[v] / (n - 1) : 0;
  }
  return {
    betweenness,
    closeness,
    harmonic,
    averagePathLength: partial.pathCount > 0 ? partial.pathLengthSum / partial.pathCount : 0,
    diameter: partial.diameter,
  };
}

/** All path measures in the calling thread. */
export function pathMeasures(graph: NetworkGraph, onProgress?: (sourcesDone: number) => void): PathMeasures {
  return finalizePathMeasures(
    graph.n,
    pathMeasuresForSources(pathKernelGraph(graph), 0, graph.n, emptyPathPartial(graph.n), onProgress),
  );
}
