import { allNeighbours, arcWeight, type NetworkGraph } from './graph';

export interface StructuralHoles {
  /** Burt's constraint (NetworkX `constraint`); NaN for isolates, as in NetworkX. */
  readonly constraint: Float64Array;
  /** Burt's effective size (NetworkX `effective_size`); NaN for isolates. */
  readonly effectiveSize: Float64Array;
}

/**
 * Burt's structural-hole measures with NetworkX's conventions: the "mutual weight" of u and v is
 * a(u→v) + a(v→u) (1 per tie when unweighted), proportional tie strength p(u,v) divides it by
 * u's total, and the neighbourhood of a directed node is predecessors ∪ successors.
 * Effective size of an undirected unweighted graph uses Borgatti's simplification
 * n − 2t/n (alters n, ties among alters t), exactly as NetworkX does.
 *
 * NaN (reported as null) exactly where NetworkX gives NaN: actors without ties and — a NetworkX
 * quirk we keep so values stay comparable — actors of a directed network that name nobody
 * (NetworkX tests `len(G[v]) == 0`, i.e. no successors, even when others name them).
 */
export function structuralHoles(graph: NetworkGraph): StructuralHoles {
  const { n } = graph;
  const neighbours = Array.from({ length: n }, (_, v) => allNeighbours(graph, v));
  const arc = (u: number, v: number) =>
    graph.weighted ? arcWeight(graph, u, v) : arcWeight(graph, u, v) === 0 ? 0 : 1;
  // Mutual weights per entry of `neighbours`, aligned by position.
  const mutual = neighbours.map((ns, u) => Float64Array.from(ns, (v) => arc(u, v) + arc(v, u)));
  const mutualSum = new Float64Array(n);
  const mutualMax = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let sum = 0;
    let max = 0;
    for (const w of mutual[u]) {
      sum += w;
      if (w > max) max = w;
    }
    mutualSum[u] = sum;
    mutualMax[u] = max;
  }

  const constraint = new Float64Array(n);
  const effectiveSize = new Float64Array(n);
  const inEgo = new Uint8Array(n);
  // p[u→·] of the current ego, indexed by alter (0 for non-alters).
  const share = new Float64Array(n);
  const indirect = new Float64Array(n);
  const redundancy = new Float64Array(n);
  const simpleEffectiveSize = !graph.directed && !graph.weighted;

  for (let u = 0; u < n; u++) {
    const alters = neighbours[u];
    if (graph.outOffsets[u + 1] === graph.outOffsets[u]) {
      constraint[u] = NaN;
      effectiveSize[u] = NaN;
      continue;
    }
    for (let a = 0; a < alters.length; a++) {
      inEgo[alters[a]] = 1;
      share[alters[a]] = mutualSum[u] === 0 ? 0 : mutual[u][a] / mutualSum[u];
    }
    let tiesAmongAlters = 0;
    for (const w of alters) {
      const pw = share[w];
      const ws = neighbours[w];
      const wm = mutual[w];
      for (let b = 0; b < ws.length; b++) {
        const v = ws[b];
        if (inEgo[v] === 0) continue;
        tiesAmongAlters++;
        // Σ_w p(u,w)·p(w,v): indirect investment of u in v through w.
        indirect[v] += pw * (mutualSum[w] === 0 ? 0 : wm[b] / mutualSum[w]);
        // Σ_w p(u,w)·m(v,w): the redundancy of alter v with alter w (NetworkX norm=max).
        redundancy[v] += pw * (mutualMax[v] === 0 ? 0 : wm[b] / mutualMax[v]);
      }
    }
    let c = 0;
    let size = 0;
    for (const v of alters) {
      const local = share[v] + indirect[v];
      c += local * local;
      size += 1 - redundancy[v];
    }
    constraint[u] = c;
    // Each tie among alters was met from both ends above, so tiesAmongAlters is already 2t.
    effectiveSize[u] = simpleEffectiveSize ? alters.length - tiesAmongAlters / alters.length : size;
    for (const v of alters) {
      inEgo[v] = 0;
      share[v] = 0;
      indirect[v] = 0;
      redundancy[v] = 0;
    }
  }
  return { constraint, effectiveSize };
}
