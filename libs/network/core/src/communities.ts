import { seededRandom } from '@quartier/demo-city';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { NetworkGraph } from './graph';

export interface Communities {
  /** Community per node, numbered 0.. in order of each community's first node. */
  readonly community: Int32Array;
  readonly count: number;
  /** NetworkX `modularity` of exactly this partition. */
  readonly modularity: number;
}

/**
 * Louvain communities (graphology's implementation, directed modularity on directed graphs,
 * tie strengths as weights when weighted), seeded. Modularity is then recomputed with
 * NetworkX's formula so the reported number is the NetworkX value of the reported partition.
 */
export function louvainCommunities(graph: NetworkGraph, seed = 1): Communities {
  const { n } = graph;
  if (graph.m === 0) {
    // No tie, no structure: every actor is its own community (Louvain's fixed point).
    const community = Int32Array.from({ length: n }, (_, v) => v);
    return { community, count: n, modularity: 0 };
  }
  const g = new Graph({
    type: graph.directed ? 'directed' : 'undirected',
    multi: false,
    allowSelfLoops: false,
  });
  for (let v = 0; v < n; v++) g.addNode(String(v));
  for (let e = 0; e < graph.m; e++) {
    g.addEdge(String(graph.edgeSources[e]), String(graph.edgeTargets[e]), { weight: graph.edgeWeights[e] });
  }
  const mapping = louvain(g, {
    // Louvain visits nodes in random order; seeding it makes the partition a pure function of
    // (graph, seed), so reruns and cached results agree.
    rng: seededRandom(seed),
    getEdgeWeight: graph.weighted ? 'weight' : null,
    resolution: 1,
  });
  const renumber = new Map<number, number>();
  const community = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const raw = mapping[String(v)];
    let id = renumber.get(raw);
    if (id === undefined) {
      id = renumber.size;
      renumber.set(raw, id);
    }
    community[v] = id;
  }
  return { community, count: renumber.size, modularity: modularity(graph, community) };
}

/**
 * NetworkX `modularity(G, communities, weight, resolution)`:
 * Σ_c [ L_c / m − γ · out_c · in_c / m² ] directed, Σ_c [ L_c / m − γ · (deg_c / 2m)² ] undirected,
 * with tie strengths when the graph is weighted. 0 for a graph without ties (NetworkX divides by 0).
 */
export function modularity(graph: NetworkGraph, community: Int32Array, resolution = 1): number {
  let count = 0;
  for (const c of community) if (c + 1 > count) count = c + 1;
  const inside = new Float64Array(count);
  const outSum = new Float64Array(count);
  const inSum = new Float64Array(count);
  let total = 0;
  for (let e = 0; e < graph.m; e++) {
    const s = graph.edgeSources[e];
    const t = graph.edgeTargets[e];
    const w = graph.weighted ? graph.edgeWeights[e] : 1;
    total += w;
    outSum[community[s]] += w;
    inSum[community[t]] += w;
    if (community[s] === community[t]) inside[community[s]] += w;
  }
  if (total === 0) return 0;
  let q = 0;
  if (graph.directed) {
    const norm = 1 / (total * total);
    for (let c = 0; c < count; c++) q += inside[c] / total - resolution * outSum[c] * inSum[c] * norm;
  } else {
    const degreeSum = 2 * total;
    const norm = 1 / (degreeSum * degreeSum);
    for (let c = 0; c < count; c++) {
      const degree = outSum[c] + inSum[c];
      q += inside[c] / total - resolution * degree * degree * norm;
    }
  }
  return q;
}
