import { allNeighbours, type NetworkGraph } from './graph';

/**
 * NetworkX `clustering`: the share of closed triangles around each node. Undirected unweighted:
 * 2T / (d(d−1)); weighted: geometric mean of the three tie weights (each divided by the largest
 * weight of the graph), Onnela et al.; directed: Fagiolo's count over all eight triangle
 * orientations, T / (2(d_tot(d_tot−1) − 2 d_↔)), weighted likewise.
 */
export function localClustering(graph: NetworkGraph): Float64Array {
  return graph.directed ? directedClustering(graph) : undirectedClustering(graph);
}

function maxWeight(graph: NetworkGraph): number {
  if (!graph.weighted || graph.m === 0) return 1;
  let max = -Infinity;
  for (const w of graph.edgeWeights) if (w > max) max = w;
  return max;
}

function undirectedClustering(graph: NetworkGraph): Float64Array {
  const { n, outOffsets: off, outTargets: adj, outWeights: wt, weighted } = graph;
  const max = maxWeight(graph);
  const result = new Float64Array(n);
  // mark[k] = normalised weight of i–k + 1 marker; 0 means "not a neighbour of i".
  const mark = new Float64Array(n);
  const isNeighbour = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = off[i + 1] - off[i];
    if (d < 2) continue;
    for (let p = off[i]; p < off[i + 1]; p++) {
      isNeighbour[adj[p]] = 1;
      mark[adj[p]] = wt[p] / max;
    }
    let t = 0;
    for (let p = off[i]; p < off[i + 1]; p++) {
      const j = adj[p];
      const wij = mark[j];
      for (let q = off[j]; q < off[j + 1]; q++) {
        const k = adj[q];
        if (isNeighbour[k] === 0) continue;
        // Every triangle is met twice (j,k and k,j), which is the factor 2 of 2T.
        t += weighted ? Math.cbrt(wij * (wt[q] / max) * mark[k]) : 1;
      }
    }
    for (let p = off[i]; p < off[i + 1]; p++) isNeighbour[adj[p]] = 0;
    result[i] = t === 0 ? 0 : t / (d * (d - 1));
  }
  return result;
}

function directedClustering(graph: NetworkGraph): Float64Array {
  const { n, outOffsets, outTargets, outWeights, inOffsets, inTargets, inWeights, weighted } = graph;
  const max = maxWeight(graph);
  const result = new Float64Array(n);
  const isPred = new Uint8Array(n);
  const isSucc = new Uint8Array(n);
  const predW = new Float64Array(n); // w(k→i) / max
  const succW = new Float64Array(n); // w(i→k) / max
  for (let i = 0; i < n; i++) {
    let bidirectional = 0;
    for (let p = inOffsets[i]; p < inOffsets[i + 1]; p++) {
      isPred[inTargets[p]] = 1;
      predW[inTargets[p]] = inWeights[p] / max;
    }
    for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
      const k = outTargets[p];
      isSucc[k] = 1;
      succW[k] = outWeights[p] / max;
      if (isPred[k]) bidirectional++;
    }
    const total = inOffsets[i + 1] - inOffsets[i] + outOffsets[i + 1] - outOffsets[i];
    let t = 0;
    // Triangles i–j–k through the ties of j on one side: into j (k→j) or out of j (j→k).
    const visitK = (
      offsets: Int32Array,
      targets: Int32Array,
      weights: Float64Array,
      j: number,
      wIJ: number,
    ) => {
      for (let q = offsets[j]; q < offsets[j + 1]; q++) {
        const k = targets[q];
        if (k === i) continue;
        const wJK = weights[q] / max;
        if (isPred[k]) t += weighted ? Math.cbrt(wIJ * predW[k] * wJK) : 1;
        if (isSucc[k]) t += weighted ? Math.cbrt(wIJ * succW[k] * wJK) : 1;
      }
    };
    // j runs over predecessors then successors of i (a mutual neighbour twice), as NetworkX does.
    const visitJ = (j: number, wIJ: number) => {
      visitK(inOffsets, inTargets, inWeights, j, wIJ);
      visitK(outOffsets, outTargets, outWeights, j, wIJ);
    };
    for (let p = inOffsets[i]; p < inOffsets[i + 1]; p++) visitJ(inTargets[p], inWeights[p] / max);
    for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) visitJ(outTargets[p], outWeights[p] / max);
    for (let p = inOffsets[i]; p < inOffsets[i + 1]; p++) isPred[inTargets[p]] = 0;
    for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) isSucc[outTargets[p]] = 0;
    const denominator = (total * (total - 1) - 2 * bidirectional) * 2;
    result[i] = t === 0 ? 0 : t / denominator;
  }
  return result;
}

/**
 * NetworkX `transitivity` (3 × triangles / connected triples) of the undirected graph; directed
 * ties are taken as undirected here because the measure is only defined for undirected graphs.
 */
export function transitivity(graph: NetworkGraph): number {
  const { n } = graph;
  const neighbours = Array.from({ length: n }, (_, v) => allNeighbours(graph, v));
  const isNeighbour = new Uint8Array(n);
  let triangles = 0;
  let triples = 0;
  for (let i = 0; i < n; i++) {
    const ni = neighbours[i];
    const d = ni.length;
    triples += d * (d - 1);
    for (const j of ni) isNeighbour[j] = 1;
    for (const j of ni) for (const k of neighbours[j]) triangles += isNeighbour[k];
    for (const j of ni) isNeighbour[j] = 0;
  }
  return triangles === 0 ? 0 : triangles / triples;
}
