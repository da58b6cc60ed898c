import { brokerageRoles, type BrokerageRoles } from './brokerage';
import { degreeCentralization, degreeMeasures, eigenvectorCentrality, pagerank } from './centrality';
import { localClustering, transitivity } from './clustering';
import { louvainCommunities } from './communities';
import { connectivity } from './components';
import { eiIndex, type EiIndexBySector } from './ei-index';
import type { NetworkGraph } from './graph';
import { NetworkInputError } from './network-error';
import { pathMeasures, type PathMeasures } from './paths';
import { structuralHoles } from './structural-holes';

/** Names accepted by `--measures` and the service API, in output order. */
export const NODE_MEASURES = [
  'degree',
  'betweenness',
  'closeness',
  'harmonic',
  'pagerank',
  'eigenvector',
  'clustering',
  'constraint',
  'effectiveSize',
  'community',
  'brokerage',
] as const;
export const GRAPH_MEASURES = [
  'modularity',
  'averagePathLength',
  'diameter',
  'transitivity',
  'centralization',
  'eiIndex',
  'isolates',
  'bridges',
  'cutPoints',
] as const;
export type MeasureName = (typeof NODE_MEASURES)[number] | (typeof GRAPH_MEASURES)[number];
export const ALL_MEASURES: readonly MeasureName[] = [...NODE_MEASURES, ...GRAPH_MEASURES];

const PATH_MEASURES: readonly MeasureName[] = [
  'betweenness',
  'closeness',
  'harmonic',
  'averagePathLength',
  'diameter',
];

/** Parses a comma-separated measure list; throws `UnknownMeasure` naming the valid ones. */
export function parseMeasures(list: string): Set<MeasureName> {
  const known = new Set<string>(ALL_MEASURES);
  const result = new Set<MeasureName>();
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (!known.has(name)) {
      throw new NetworkInputError(
        'UnknownMeasure',
        `unknown measure '${name}'; known measures: ${ALL_MEASURES.join(', ')}`,
      );
    }
    result.add(name as MeasureName);
  }
  return result;
}

export interface NodeMetrics {
  degree?: number;
  inDegree?: number;
  outDegree?: number;
  strength?: number;
  inStrength?: number;
  outStrength?: number;
  betweenness?: number;
  closeness?: number;
  harmonic?: number;
  pagerank?: number;
  eigenvector?: number;
  clustering?: number;
  constraint?: number | null;
  effectiveSize?: number | null;
  community?: number;
  brokerage?: BrokerageRoles | null;
  isolate?: boolean;
  cutPoint?: boolean;
}

export interface GraphMetrics {
  nodes: number;
  edges: number;
  directed: boolean;
  weighted: boolean;
  density: number;
  /** Number of (weakly) connected components. */
  components: number;
  /** Modularity of the reported communities (NetworkX formula). */
  modularity?: number;
  communities?: number;
  /** Seed the Louvain run used. */
  seed?: number;
  averagePathLength?: number;
  diameter?: number;
  transitivity?: number;
  degreeCentralization?: number;
  eiIndex?: EiIndexBySector;
  isolates?: string[];
  bridges?: Array<[string, string]>;
  cutPoints?: string[];
  /** Measures asked for but not defined for this network, with the reason. */
  omitted?: Record<string, string>;
}

export interface NetworkMetrics {
  graph: GraphMetrics;
  nodes: Record<string, NodeMetrics>;
}

export interface MetricsOptions {
  /** Measures to compute; default all. */
  readonly measures?: ReadonlySet<MeasureName>;
  /** Louvain seed; default 1. */
  readonly seed?: number;
  /** Precomputed shortest-path measures (e.g. from worker threads); computed here when absent. */
  readonly pathMeasures?: PathMeasures;
}

/** NetworkX `density`: m / (n(n−1)) directed, 2m / (n(n−1)) undirected, 0 below two nodes. */
export function density(graph: NetworkGraph): number {
  const { n, m } = graph;
  if (n <= 1) return 0;
  return (graph.directed ? m : 2 * m) / (n * (n - 1));
}

export function needsPathMeasures(measures: ReadonlySet<MeasureName>): boolean {
  return PATH_MEASURES.some((name) => measures.has(name));
}

/**
 * Every requested measure of the network, in the shape of the `network metrics` JSON.
 * Node values follow NetworkX's function of the same graph (see each measure's module).
 */
export function computeNetworkMetrics(graph: NetworkGraph, options: MetricsOptions = {}): NetworkMetrics {
  const measures = options.measures ?? new Set(ALL_MEASURES);
  const want = (name: MeasureName) => measures.has(name);
  const { n, ids } = graph;
  const nodes: Record<string, NodeMetrics> = {};
  const perNode: NodeMetrics[] = ids.map((id) => (nodes[id] = {}));
  const links = connectivity(graph);
  const result: GraphMetrics = {
    nodes: n,
    edges: graph.m,
    directed: graph.directed,
    weighted: graph.weighted,
    density: density(graph),
    components: links.componentCount,
  };
  const omitted: Record<string, string> = {};
  const m: MetricsInProgress = { graph, want, perNode, result, omitted };

  if (want('degree')) addDegrees(graph, perNode);

  if (needsPathMeasures(measures)) {
    const paths = options.pathMeasures ?? pathMeasures(graph);
    perNode.forEach((node, v) => {
      if (want('betweenness')) node.betweenness = paths.betweenness[v];
      if (want('closeness')) node.closeness = paths.closeness[v];
      if (want('harmonic')) node.harmonic = paths.harmonic[v];
    });
    if (want('averagePathLength')) result.averagePathLength = paths.averagePathLength;
    if (want('diameter')) result.diameter = paths.diameter;
  }

  addCentralities(m, links.componentCount);

  if (want('clustering')) {
    const c = localClustering(graph);
    perNode.forEach((node, v) => (node.clustering = c[v]));
  }
  if (want('transitivity')) result.transitivity = transitivity(graph);
  if (want('centralization')) result.degreeCentralization = degreeCentralization(graph);

  addGroupMeasures(m, options.seed ?? 1);
  addConnectivity(m, links);
  if (Object.keys(omitted).length > 0) result.omitted = omitted;
  return { graph: result, nodes };
}

/** The measures computed so far and where the next ones go. */
interface MetricsInProgress {
  readonly graph: NetworkGraph;
  readonly want: (name: MeasureName) => boolean;
  readonly perNode: NodeMetrics[];
  readonly result: GraphMetrics;
  readonly omitted: Record<string, string>;
}

/** Degrees, and strengths of a weighted network; in and out of a directed one. */
function addDegrees(graph: NetworkGraph, perNode: NodeMetrics[]): void {
  const d = degreeMeasures(graph);
  perNode.forEach((node, v) => {
    node.degree = d.degree[v];
    if (graph.directed) {
      node.inDegree = d.inDegree[v];
      node.outDegree = d.outDegree[v];
    }
    if (graph.weighted) {
      node.strength = d.strength[v];
      if (graph.directed) {
        node.inStrength = d.inStrength[v];
        node.outStrength = d.outStrength[v];
      }
    }
  });
}

/** PageRank and eigenvector centrality: power iterations, omitted where they do not converge. */
function addCentralities(m: MetricsInProgress, componentCount: number): void {
  const { graph, want, perNode, omitted } = m;
  const { n } = graph;
  if (want('pagerank')) {
    const pr = pagerank(graph);
    if (pr.converged) perNode.forEach((node, v) => (node.pagerank = pr.values[v]));
    else omitted['pagerank'] = 'power iteration did not reach 1e-12';
  }

  if (want('eigenvector')) {
    if (graph.directed) omitted['eigenvector'] = 'defined here for undirected networks only';
    else if (n === 0 || componentCount !== 1) omitted['eigenvector'] = 'network is not connected';
    else {
      const ev = eigenvectorCentrality(graph);
      if (ev.converged) perNode.forEach((node, v) => (node.eigenvector = ev.values[v]));
      else omitted['eigenvector'] = 'power iteration converges too slowly on this network to reach 1e-12';
    }
  }
}

/** Structural holes, communities and brokerage between sectors. */
function addGroupMeasures(m: MetricsInProgress, seed: number): void {
  const { graph, want, perNode, result, omitted } = m;
  if (want('constraint') || want('effectiveSize')) {
    const holes = structuralHoles(graph);
    const finite = (x: number) => (Number.isNaN(x) ? null : x);
    perNode.forEach((node, v) => {
      if (want('constraint')) node.constraint = finite(holes.constraint[v]);
      if (want('effectiveSize')) node.effectiveSize = finite(holes.effectiveSize[v]);
    });
  }

  if (want('community') || want('modularity')) {
    const communities = louvainCommunities(graph, seed);
    if (want('community')) perNode.forEach((node, v) => (node.community = communities.community[v]));
    result.modularity = communities.modularity;
    result.communities = communities.count;
    result.seed = seed;
  }

  if (want('brokerage')) {
    if (graph.hasSectors) {
      const roles = brokerageRoles(graph);
      perNode.forEach((node, v) => (node.brokerage = roles[v]));
    } else omitted['brokerage'] = 'no actor has a sector';
  }
  if (want('eiIndex')) {
    if (graph.hasSectors) result.eiIndex = eiIndex(graph);
    else omitted['eiIndex'] = 'no actor has a sector';
  }
}

/** Isolates, bridges and cut points. */
function addConnectivity(m: MetricsInProgress, links: ReturnType<typeof connectivity>): void {
  const { graph, want, perNode, result } = m;
  const { ids } = graph;
  if (want('isolates')) {
    result.isolates = links.isolates.map((v) => ids[v]);
    for (const v of links.isolates) perNode[v].isolate = true;
  }
  if (want('bridges')) result.bridges = links.bridges.map(([a, b]) => [ids[a], ids[b]]);
  if (want('cutPoints')) {
    result.cutPoints = links.cutPoints.map((v) => ids[v]);
    for (const v of links.cutPoints) perNode[v].cutPoint = true;
  }
}
