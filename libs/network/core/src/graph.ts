import { NetworkInputError } from './network-error';

/** An actor of the network as the caller knows it; `sector` drives E-I index and brokerage. */
export interface NetworkNodeInput {
  readonly id: string;
  readonly sector?: string | null;
}

/** A tie between two actors; `weight` is the tie strength (frequency / intensity), default 1. */
export interface NetworkEdgeInput {
  readonly source: string;
  readonly target: string;
  readonly weight?: number;
}

export interface NetworkInput {
  /** When given, the complete actor list (isolates included); edges must only name these ids. */
  readonly nodes?: readonly NetworkNodeInput[];
  readonly edges: readonly NetworkEdgeInput[];
  readonly directed?: boolean;
  /** Use `weight` as tie strength; otherwise every tie counts 1 and weights are ignored. */
  readonly weighted?: boolean;
}

/**
 * A network in compressed sparse row form. Nodes are dense indices 0..n-1 in input order.
 * `out*` lists successors (undirected: all neighbours), `in*` predecessors (undirected: the very
 * same arrays). Neighbour lists are sorted by index so intersections run as merges.
 * Every hot kernel works on these typed arrays only, never on maps or objects.
 */
export interface NetworkGraph {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Sector per node; null when unknown. */
  readonly sectors: readonly (string | null)[];
  readonly hasSectors: boolean;
  readonly directed: boolean;
  readonly weighted: boolean;
  readonly n: number;
  /** Number of ties (undirected: unordered pairs). */
  readonly m: number;
  readonly outOffsets: Int32Array;
  readonly outTargets: Int32Array;
  readonly outWeights: Float64Array;
  readonly inOffsets: Int32Array;
  readonly inTargets: Int32Array;
  readonly inWeights: Float64Array;
  /** The ties in input order (undirected: source/target as given). */
  readonly edgeSources: Int32Array;
  readonly edgeTargets: Int32Array;
  readonly edgeWeights: Float64Array;
}

/**
 * Validates the input and builds the CSR graph. Self-ties and repeated ties are rejected rather
 * than merged: the input of a network survey is an edge list of a simple graph, and silently
 * summing or overwriting weights would change every measure without the user noticing.
 */
export function buildNetworkGraph(input: NetworkInput): NetworkGraph {
  const directed = input.directed ?? false;
  const weighted = input.weighted ?? false;
  const ids: string[] = [];
  const sectors: (string | null)[] = [];
  const indexOf = new Map<string, number>();
  const addNode = (id: string, sector: string | null): number => {
    const index = ids.length;
    ids.push(id);
    sectors.push(sector);
    indexOf.set(id, index);
    return index;
  };

  if (input.nodes) {
    input.nodes.forEach((node, nodeIndex) => {
      if (node.id.length === 0) throw new NetworkInputError('EmptyNodeId', 'node id is empty', { nodeIndex });
      if (indexOf.has(node.id))
        throw new NetworkInputError('DuplicateNode', `node '${node.id}' is listed twice`, { nodeIndex });
      const sector =
        node.sector === undefined || node.sector === null || node.sector === '' ? null : node.sector;
      addNode(node.id, sector);
    });
  }

  const m = input.edges.length;
  const edgeSources = new Int32Array(m);
  const edgeTargets = new Int32Array(m);
  const edgeWeights = new Float64Array(m);
  const seen = new Map<string, number>();
  input.edges.forEach((edge, edgeIndex) => {
    const resolve = (id: string): number => {
      if (id.length === 0)
        throw new NetworkInputError('EmptyNodeId', 'tie has an empty node id', { edgeIndex });
      const known = indexOf.get(id);
      if (known !== undefined) return known;
      if (input.nodes)
        throw new NetworkInputError('UnknownNode', `tie names unknown node '${id}'`, { edgeIndex });
      return addNode(id, null);
    };
    const s = resolve(edge.source);
    const t = resolve(edge.target);
    if (s === t) throw new NetworkInputError('SelfTie', `tie from '${edge.source}' to itself`, { edgeIndex });
    let weight = 1;
    if (weighted) {
      weight = edge.weight ?? 1;
      if (!Number.isFinite(weight) || weight <= 0) {
        throw new NetworkInputError(
          'InvalidWeight',
          `tie weight must be a positive number, got ${String(edge.weight)}`,
          { edgeIndex },
        );
      }
    }
    const key = directed || s < t ? `${s} ${t}` : `${t} ${s}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new NetworkInputError(
        'DuplicateTie',
        `tie ${edge.source}${directed ? '→' : '–'}${edge.target} repeats an earlier tie` +
          (directed ? '' : ' (undirected ties are listed once)'),
        { edgeIndex },
      );
    }
    seen.set(key, edgeIndex);
    edgeSources[edgeIndex] = s;
    edgeTargets[edgeIndex] = t;
    edgeWeights[edgeIndex] = weight;
  });

  const n = ids.length;
  const out = toCsr(n, edgeSources, edgeTargets, edgeWeights, !directed);
  const inbound = directed ? toCsr(n, edgeTargets, edgeSources, edgeWeights, false) : out;
  return {
    ids,
    indexOf,
    sectors,
    hasSectors: sectors.some((s) => s !== null),
    directed,
    weighted,
    n,
    m,
    outOffsets: out.offsets,
    outTargets: out.targets,
    outWeights: out.weights,
    inOffsets: inbound.offsets,
    inTargets: inbound.targets,
    inWeights: inbound.weights,
    edgeSources,
    edgeTargets,
    edgeWeights,
  };
}

interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

function toCsr(n: number, from: Int32Array, to: Int32Array, weight: Float64Array, symmetric: boolean): Csr {
  const arcs = symmetric ? from.length * 2 : from.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) {
    offsets[from[e] + 1]++;
    if (symmetric) offsets[to[e] + 1]++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(arcs);
  const weights = new Float64Array(arcs);
  const place = (a: number, b: number, w: number) => {
    const p = cursor[a]++;
    targets[p] = b;
    weights[p] = w;
  };
  for (let e = 0; e < from.length; e++) {
    place(from[e], to[e], weight[e]);
    if (symmetric) place(to[e], from[e], weight[e]);
  }
  // Sort each neighbour list by index (insertion sort on short runs, typed sort otherwise).
  for (let v = 0; v < n; v++) {
    const lo = offsets[v];
    const hi = offsets[v + 1];
    if (hi - lo < 2) continue;
    let sorted = true;
    for (let p = lo + 1; p < hi; p++) {
      if (targets[p - 1] > targets[p]) {
        sorted = false;
        break;
      }
    }
    if (sorted) continue;
    const order = Array.from({ length: hi - lo }, (_, i) => lo + i).sort((a, b) => targets[a] - targets[b]);
    const t = order.map((p) => targets[p]);
    const w = order.map((p) => weights[p]);
    targets.set(t, lo);
    weights.set(w, lo);
  }
  return { offsets, targets, weights };
}

/** Weight of the arc u→v (undirected: the tie u–v), 0 when absent. Binary search on sorted CSR. */
export function arcWeight(graph: NetworkGraph, u: number, v: number): number {
  let lo = graph.outOffsets[u];
  let hi = graph.outOffsets[u + 1] - 1;
  const targets = graph.outTargets;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = targets[mid];
    if (t === v) return graph.outWeights[mid];
    if (t < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

export function hasArc(graph: NetworkGraph, u: number, v: number): boolean {
  return arcWeight(graph, u, v) !== 0;
}

/**
 * Sorted union of successors and predecessors of v (NetworkX `all_neighbors` as a set).
 * For undirected graphs this is simply the neighbour list.
 */
export function allNeighbours(graph: NetworkGraph, v: number): Int32Array {
  const outs = graph.outTargets.subarray(graph.outOffsets[v], graph.outOffsets[v + 1]);
  if (!graph.directed) return outs;
  const ins = graph.inTargets.subarray(graph.inOffsets[v], graph.inOffsets[v + 1]);
  const merged = new Int32Array(outs.length + ins.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < outs.length || j < ins.length) {
    if (j >= ins.length || (i < outs.length && outs[i] < ins[j])) merged[k++] = outs[i++];
    else if (i >= outs.length || ins[j] < outs[i]) merged[k++] = ins[j++];
    else {
      merged[k++] = outs[i++];
      j++;
    }
  }
  return merged.subarray(0, k);
}
