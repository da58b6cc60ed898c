import { allNeighbours, buildNetworkGraph, type NetworkEdgeInput, type NetworkGraph } from './graph';
import { computeNetworkMetrics, type MetricsOptions, type NetworkMetrics } from './metrics';
import { NetworkInputError } from './network-error';

export interface EgoNetwork {
  readonly ego: string;
  /** Actors tied to the ego in either direction, in network order. */
  readonly alters: string[];
  /** Ego, alters and every tie among them (NetworkX `ego_graph(radius=1, undirected=True)`). */
  readonly network: NetworkGraph;
  readonly metrics: NetworkMetrics;
}

/**
 * The first-order ego network of one actor with its own measures. Directed networks take alters
 * from both directions (whom the ego names and who names the ego) and keep tie directions.
 */
export function egoNetwork(graph: NetworkGraph, egoId: string, options: MetricsOptions = {}): EgoNetwork {
  const ego = graph.indexOf.get(egoId);
  if (ego === undefined) throw new NetworkInputError('UnknownEgo', `no actor '${egoId}' in the network`);
  const members = new Uint8Array(graph.n);
  members[ego] = 1;
  for (const v of allNeighbours(graph, ego)) members[v] = 1;
  const nodes = [];
  for (let v = 0; v < graph.n; v++)
    if (members[v]) nodes.push({ id: graph.ids[v], sector: graph.sectors[v] });
  const edges: NetworkEdgeInput[] = [];
  for (let e = 0; e < graph.m; e++) {
    const s = graph.edgeSources[e];
    const t = graph.edgeTargets[e];
    if (members[s] && members[t])
      edges.push({ source: graph.ids[s], target: graph.ids[t], weight: graph.edgeWeights[e] });
  }
  const network = buildNetworkGraph({ nodes, edges, directed: graph.directed, weighted: graph.weighted });
  return {
    ego: egoId,
    alters: nodes.map((node) => node.id).filter((id) => id !== egoId),
    network,
    metrics: computeNetworkMetrics(network, options),
  };
}
