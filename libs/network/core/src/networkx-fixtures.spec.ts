// Every measure against values NetworkX (and igraph) computed for the same graphs; the fixtures
// come from tools/network-fixtures/generate.py (seeded) and are committed next to this lib.
import karate from '../fixtures/karate.json';
import karateWeighted from '../fixtures/karate-weighted.json';
import randomUndirected from '../fixtures/random-undirected.json';
import randomUndirectedWeighted from '../fixtures/random-undirected-weighted.json';
import randomDirected from '../fixtures/random-directed.json';
import randomDirectedWeighted from '../fixtures/random-directed-weighted.json';
import smallWorldWeighted from '../fixtures/small-world-weighted.json';
import { louvainCommunities, modularity } from './communities';
import { egoNetwork } from './ego';
import { buildNetworkGraph, type NetworkGraph } from './graph';
import { computeNetworkMetrics, type NetworkMetrics, type NodeMetrics } from './metrics';

interface Fixture {
  name: string;
  directed: boolean;
  weighted: boolean;
  nodes: Array<{ id: string; sector: string | null }>;
  edges: Array<{ source: string; target: string; weight?: number }>;
  louvainSeed: number;
  expected: {
    graph: Record<string, unknown>;
    nodes: Record<string, Record<string, unknown>>;
    modularityCheck: { partition: Record<string, number>; modularity: number };
    igraph: {
      betweenness: Record<string, number>;
      transitivity: number;
      components: number;
      density: number;
      cutPoints: string[];
      bridges: number;
      pagerank: Record<string, number>;
      eigenvector: Record<string, number>;
    };
    egos: Record<
      string,
      {
        alters: string[];
        nodes: number;
        edges: number;
        density: number;
        betweenness: number;
        constraint: number | null;
      }
    >;
  };
}

const fixtures = [
  karate,
  karateWeighted,
  randomUndirected,
  randomUndirectedWeighted,
  randomDirected,
  randomDirectedWeighted,
  smallWorldWeighted,
] as unknown as Fixture[];

const TOLERANCE = 1e-9;

function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  label: string,
): void {
  if (expected === null || expected === undefined) {
    if (actual !== expected) throw new Error(`${label}: expected ${String(expected)}, got ${String(actual)}`);
    return;
  }
  if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= TOLERANCE)) {
    throw new Error(`${label}: expected ${expected}, got ${String(actual)} (|Δ| > ${TOLERANCE})`);
  }
}

function graphOf(fixture: Fixture): NetworkGraph {
  return buildNetworkGraph({
    nodes: fixture.nodes,
    edges: fixture.edges,
    directed: fixture.directed,
    weighted: fixture.weighted,
  });
}

describe.each(fixtures.map((f) => [f.name, f] as const))(
  'measures equal NetworkX on %s',
  (_name, fixture) => {
    let graph: NetworkGraph;
    let metrics: NetworkMetrics;
    beforeAll(() => {
      graph = graphOf(fixture);
      metrics = computeNetworkMetrics(graph, { seed: fixture.louvainSeed });
    });

    it('graph size, density and components', () => {
      const g = fixture.expected.graph;
      expect(metrics.graph.nodes).toBe(g['nodes']);
      expect(metrics.graph.edges).toBe(g['edges']);
      expect(metrics.graph.components).toBe(g['components']);
      expectClose(metrics.graph.density, g['density'] as number, 'density');
    });

    it('average path length, diameter, transitivity and degree centralisation', () => {
      const g = fixture.expected.graph;
      expectClose(metrics.graph.averagePathLength, g['averagePathLength'] as number, 'averagePathLength');
      expectClose(metrics.graph.diameter, g['diameter'] as number, 'diameter');
      expectClose(metrics.graph.transitivity, g['transitivity'] as number, 'transitivity');
      expectClose(
        metrics.graph.degreeCentralization,
        g['degreeCentralization'] as number,
        'degreeCentralization',
      );
    });

    it('isolates, bridges and cut points', () => {
      const g = fixture.expected.graph;
      expect(metrics.graph.isolates).toEqual(g['isolates']);
      expect(metrics.graph.bridges).toEqual(g['bridges']);
      expect(metrics.graph.cutPoints).toEqual(g['cutPoints']);
      for (const id of g['isolates'] as string[]) expect(metrics.nodes[id].isolate).toBe(true);
    });

    it('E-I index by sector', () => {
      expect(metrics.graph.eiIndex).toEqual(fixture.expected.graph['eiIndex']);
    });

    const numericFields: Array<keyof NodeMetrics> = [
      'degree',
      'inDegree',
      'outDegree',
      'strength',
      'betweenness',
      'closeness',
      'harmonic',
      'pagerank',
      'eigenvector',
      'clustering',
      'constraint',
      'effectiveSize',
    ];
    it.each(numericFields)('node %s to 1e-9', (field) => {
      for (const [id, expected] of Object.entries(fixture.expected.nodes)) {
        const actual = metrics.nodes[id][field] as number | null | undefined;
        expectClose(
          actual,
          expected[field] as number | null | undefined,
          `${fixture.name} node ${id} ${field}`,
        );
      }
    });

    it('eigenvector centrality is reported only for connected undirected networks', () => {
      const connectedUndirected = !fixture.directed && fixture.expected.graph['components'] === 1;
      expect(Object.values(metrics.nodes).every((node) => node.eigenvector !== undefined)).toBe(
        connectedUndirected,
      );
      if (!connectedUndirected) expect(metrics.graph.omitted?.['eigenvector']).toBeDefined();
    });

    it('Gould–Fernandez brokerage roles', () => {
      for (const [id, expected] of Object.entries(fixture.expected.nodes)) {
        expect([id, metrics.nodes[id].brokerage]).toEqual([id, expected['brokerage']]);
      }
    });

    it('betweenness and structure also agree with igraph', () => {
      const ig = fixture.expected.igraph;
      for (const [id, value] of Object.entries(ig.betweenness))
        expectClose(metrics.nodes[id].betweenness, value, `igraph betweenness ${id}`);
      expectClose(metrics.graph.transitivity, ig.transitivity, 'igraph transitivity');
      expectClose(metrics.graph.density, ig.density, 'igraph density');
      expect(metrics.graph.components).toBe(ig.components);
      expect(metrics.graph.bridges).toHaveLength(ig.bridges);
      expect([...(metrics.graph.cutPoints ?? [])].sort()).toEqual(ig.cutPoints);
    });

    it("PageRank equals igraph's exact PRPACK solution, eigenvector centrality igraph's (max-scaled)", () => {
      const ig = fixture.expected.igraph;
      for (const [id, value] of Object.entries(ig.pagerank))
        expectClose(metrics.nodes[id].pagerank, value, `igraph pagerank ${id}`);
      const ours = Object.values(metrics.nodes).map((node) => node.eigenvector ?? 0);
      const top = Math.max(...ours);
      for (const [id, value] of Object.entries(ig.eigenvector))
        expectClose((metrics.nodes[id].eigenvector ?? NaN) / top, value, `igraph eigenvector ${id}`);
    });

    it('modularity of a given partition equals NetworkX modularity()', () => {
      const partition = Int32Array.from(graph.ids, (id) => fixture.expected.modularityCheck.partition[id]);
      expectClose(modularity(graph, partition), fixture.expected.modularityCheck.modularity, 'modularity');
    });

    it('Louvain: graph.modularity is the modularity of the reported partition, close to NetworkX Louvain quality', () => {
      const partition = Int32Array.from(graph.ids, (id) => metrics.nodes[id].community as number);
      expectClose(metrics.graph.modularity, modularity(graph, partition), 'reported modularity');
      expect(metrics.graph.communities).toBe(new Set(partition).size);
      expect(metrics.graph.modularity).toBeGreaterThanOrEqual(
        fixture.expected.modularityCheck.modularity - 0.03,
      );
    });

    it('Louvain is deterministic per seed', () => {
      const again = louvainCommunities(graph, fixture.louvainSeed);
      const reported = Int32Array.from(graph.ids, (id) => metrics.nodes[id].community as number);
      expect(Array.from(again.community)).toEqual(Array.from(reported));
      const other = louvainCommunities(graph, fixture.louvainSeed + 1000);
      expect(Array.from(louvainCommunities(graph, fixture.louvainSeed + 1000).community)).toEqual(
        Array.from(other.community),
      );
    });

    it('ego networks match NetworkX ego_graph', () => {
      for (const [ego, expected] of Object.entries(fixture.expected.egos)) {
        const result = egoNetwork(graph, ego, { seed: 1 });
        expect([...result.alters].sort()).toEqual(expected.alters);
        expect(result.metrics.graph.nodes).toBe(expected.nodes);
        expect(result.metrics.graph.edges).toBe(expected.edges);
        expectClose(result.metrics.graph.density, expected.density, `ego ${ego} density`);
        expectClose(result.metrics.nodes[ego].betweenness, expected.betweenness, `ego ${ego} betweenness`);
        expectClose(result.metrics.nodes[ego].constraint, expected.constraint, `ego ${ego} constraint`);
      }
    });
  },
);
