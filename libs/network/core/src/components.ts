import { allNeighbours, type NetworkGraph } from './graph';

export interface Connectivity {
  /** Weakly connected component per node, numbered 0.. in order of the first node. */
  readonly component: Int32Array;
  readonly componentCount: number;
  /** Nodes without any tie. */
  readonly isolates: number[];
  /** Ties whose removal disconnects their endpoints (NetworkX `bridges` of the undirected graph). */
  readonly bridges: Array<[number, number]>;
  /** Cut points (NetworkX `articulation_points` of the undirected graph), ascending. */
  readonly cutPoints: number[];
}

/**
 * Components, bridges and cut points on the underlying undirected graph — for directed networks
 * "who holds the network together" is a question about ties regardless of their direction.
 * Iterative Tarjan (low-link) so deep chains cannot overflow the call stack.
 */
export function connectivity(graph: NetworkGraph): Connectivity {
  const { n } = graph;
  const neighbours = graph.directed ? Array.from({ length: n }, (_, v) => allNeighbours(graph, v)) : null;
  const nbr = (v: number) =>
    neighbours ? neighbours[v] : graph.outTargets.subarray(graph.outOffsets[v], graph.outOffsets[v + 1]);

  const component = new Int32Array(n).fill(-1);
  const discovery = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const cursor = new Int32Array(n);
  const stack = new Int32Array(n);
  const isCut = new Uint8Array(n);
  const bridges: Array<[number, number]> = [];
  const isolates: number[] = [];
  let time = 0;
  let componentCount = 0;

  for (let root = 0; root < n; root++) {
    if (discovery[root] >= 0) continue;
    if (nbr(root).length === 0) isolates.push(root);
    const id = componentCount++;
    let top = 0;
    stack[0] = root;
    discovery[root] = low[root] = time++;
    component[root] = id;
    let rootChildren = 0;
    while (top >= 0) {
      const v = stack[top];
      const list = nbr(v);
      if (cursor[v] < list.length) {
        const w = list[cursor[v]++];
        if (discovery[w] < 0) {
          parent[w] = v;
          discovery[w] = low[w] = time++;
          component[w] = id;
          stack[++top] = w;
          if (v === root) rootChildren++;
        } else if (w !== parent[v]) {
          low[v] = Math.min(low[v], discovery[w]);
        }
      } else {
        top--;
        const p = parent[v];
        if (p >= 0) {
          low[p] = Math.min(low[p], low[v]);
          if (low[v] > discovery[p]) bridges.push(p < v ? [p, v] : [v, p]);
          if (p !== root && low[v] >= discovery[p]) isCut[p] = 1;
        }
      }
    }
    if (rootChildren > 1) isCut[root] = 1;
  }
  const cutPoints: number[] = [];
  for (let v = 0; v < n; v++) if (isCut[v]) cutPoints.push(v);
  bridges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { component, componentCount, isolates, bridges, cutPoints };
}
