// Hand-checkable behaviour of the core beyond the NetworkX fixtures: input validation, the
// splittable path kernel, brokerage roles on tiny sector networks, E-I index, ego networks and
// wave comparison.
import { brokerageRoles } from './brokerage';
import { louvainCommunities } from './communities';
import { egoNetwork } from './ego';
import { eiIndex } from './ei-index';
import { buildNetworkGraph, type NetworkEdgeInput } from './graph';
import { computeNetworkMetrics, parseMeasures } from './metrics';
import { NetworkInputError } from './network-error';
import {
  addPathPartial,
  emptyPathPartial,
  finalizePathMeasures,
  pathKernelGraph,
  pathMeasures,
  pathMeasuresForSources,
} from './paths';
import { compareWaves } from './waves';

const ties = (...pairs: string[]): NetworkEdgeInput[] => pairs.map((p) => ({ source: p[0], target: p[1] }));

function inputError(fn: () => unknown): NetworkInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof NetworkInputError) return error;
    throw error;
  }
  throw new Error('expected a NetworkInputError');
}

describe('buildNetworkGraph', () => {
  it('keeps listed isolates and numbers nodes in input order', () => {
    const graph = buildNetworkGraph({
      nodes: [{ id: 'z' }, { id: 'a', sector: 'civil' }, { id: 'q', sector: '' }],
      edges: ties('az'),
    });
    expect(graph.ids).toEqual(['z', 'a', 'q']);
    expect(graph.sectors).toEqual([null, 'civil', null]);
    expect(graph.n).toBe(3);
    expect(graph.m).toBe(1);
  });

  it('rejects unknown actors, self-ties, repeated ties and bad weights with the row index', () => {
    expect(
      inputError(() => buildNetworkGraph({ nodes: [{ id: 'a' }, { id: 'b' }], edges: ties('ab', 'bc') })),
    ).toMatchObject({ code: 'UnknownNode', location: { edgeIndex: 1 } });
    expect(inputError(() => buildNetworkGraph({ edges: ties('ab', 'cc') }))).toMatchObject({
      code: 'SelfTie',
      location: { edgeIndex: 1 },
    });
    expect(inputError(() => buildNetworkGraph({ edges: ties('ab', 'ba') }))).toMatchObject({
      code: 'DuplicateTie',
      location: { edgeIndex: 1 },
    });
    expect(buildNetworkGraph({ edges: ties('ab', 'ba'), directed: true }).m).toBe(2);
    expect(
      inputError(() =>
        buildNetworkGraph({ edges: [{ source: 'a', target: 'b', weight: -1 }], weighted: true }),
      ),
    ).toMatchObject({ code: 'InvalidWeight' });
    expect(
      inputError(() =>
        buildNetworkGraph({ edges: [{ source: 'a', target: 'b', weight: NaN }], weighted: true }),
      ),
    ).toMatchObject({ code: 'InvalidWeight' });
    expect(
      inputError(() => buildNetworkGraph({ nodes: [{ id: 'a' }, { id: 'a' }], edges: [] })),
    ).toMatchObject({ code: 'DuplicateNode', location: { nodeIndex: 1 } });
  });

  it('ignores weights unless weighted', () => {
    const graph = buildNetworkGraph({ edges: [{ source: 'a', target: 'b', weight: 5 }] });
    expect(Array.from(graph.edgeWeights)).toEqual([1]);
  });
});

describe('shortest-path kernel', () => {
  const graph = buildNetworkGraph({ edges: ties('ab', 'bc', 'cd', 'de', 'bf', 'fd', 'gh') });

  it('partials of disjoint source ranges add up to the all-sources result (what workers rely on)', () => {
    const kernel = pathKernelGraph(graph);
    const split = addPathPartial(
      pathMeasuresForSources(kernel, 0, 3),
      pathMeasuresForSources(kernel, 3, graph.n),
    );
    const whole = finalizePathMeasures(graph.n, split);
    const reference = pathMeasures(graph);
    for (let v = 0; v < graph.n; v++) {
      expect(whole.betweenness[v]).toBeCloseTo(reference.betweenness[v], 14);
      expect(whole.closeness[v]).toBeCloseTo(reference.closeness[v], 14);
    }
    expect(whole.diameter).toBe(4); // a–b–c–d–e
  });

  it('counts both shortest paths through b–c–d and b–f–d (betweenness 1/2 each pair)', () => {
    const { betweenness } = pathMeasures(graph);
    const at = (id: string) => betweenness[graph.indexOf.get(id)!];
    // c lies on half of the shortest paths between {a,b} and {d,e}: 4 pairs × ½, over (n−1)(n−2)/2 = 21 pairs.
    expect(at('c')).toBeCloseTo(2 / 21, 14);
    expect(at('f')).toBeCloseTo(2 / 21, 14);
    expect(at('g')).toBe(0);
  });

  it('reports progress per source and handles the empty range', () => {
    const seen: number[] = [];
    pathMeasuresForSources(pathKernelGraph(graph), 0, graph.n, emptyPathPartial(graph.n), (done) =>
      seen.push(done),
    );
    expect(seen.at(-1)).toBe(graph.n);
    expect(Array.from(pathMeasuresForSources(pathKernelGraph(graph), 2, 2).reach)).toEqual(
      new Array(graph.n).fill(0),
    );
  });

  it('uses 1/weight as distance: a strong two-step path beats a weak direct tie', () => {
    const weighted = buildNetworkGraph({
      edges: [
        { source: 'a', target: 'c', weight: 1 },
        { source: 'a', target: 'b', weight: 4 },
        { source: 'b', target: 'c', weight: 4 },
      ],
      weighted: true,
    });
    const { betweenness } = pathMeasures(weighted);
    expect(betweenness[weighted.indexOf.get('b')!]).toBe(1);
  });
});

describe('Gould–Fernandez brokerage', () => {
  const directed = (sectors: Record<string, string>, pairs: string[]) =>
    buildNetworkGraph({
      nodes: Object.entries(sectors).map(([id, sector]) => ({ id, sector })),
      edges: ties(...pairs),
      directed: true,
    });

  it.each([
    ['coordinator', { i: 'A', j: 'A', k: 'A' }],
    ['consultant', { i: 'A', j: 'B', k: 'A' }],
    ['gatekeeper', { i: 'A', j: 'B', k: 'B' }],
    ['representative', { i: 'A', j: 'A', k: 'B' }],
    ['liaison', { i: 'A', j: 'B', k: 'C' }],
  ])('i→j→k makes j a %s', (role, sectors) => {
    const graph = directed(sectors, ['ij', 'jk']);
    const roles = brokerageRoles(graph)[graph.indexOf.get('j')!]!;
    expect(roles[role as 'liaison']).toBe(1);
    expect(roles.total).toBe(1);
  });

  it('does not broker when i is tied to k directly or a sector is unknown', () => {
    const closed = directed({ i: 'A', j: 'B', k: 'C' }, ['ij', 'jk', 'ik']);
    expect(brokerageRoles(closed)[1]!.total).toBe(0);
    const unknown = buildNetworkGraph({
      nodes: [{ id: 'i' }, { id: 'j', sector: 'B' }, { id: 'k', sector: 'C' }],
      edges: ties('ij', 'jk'),
      directed: true,
    });
    expect(brokerageRoles(unknown)).toEqual([
      null,
      { coordinator: 0, gatekeeper: 0, representative: 0, consultant: 0, liaison: 0, total: 0 },
      expect.any(Object),
    ]);
  });

  it('counts an undirected open two-path in both orientations', () => {
    const graph = buildNetworkGraph({
      nodes: [
        { id: 'i', sector: 'A' },
        { id: 'j', sector: 'A' },
        { id: 'k', sector: 'B' },
      ],
      edges: ties('ij', 'jk'),
    });
    expect(brokerageRoles(graph)[1]).toEqual({
      coordinator: 0,
      gatekeeper: 1,
      representative: 1,
      consultant: 0,
      liaison: 0,
      total: 2,
    });
  });
});

describe('E-I index', () => {
  it('is (E − I)/(E + I) over ties between known sectors, also per sector', () => {
    const graph = buildNetworkGraph({
      nodes: [
        { id: 'a', sector: 'public' },
        { id: 'b', sector: 'public' },
        { id: 'c', sector: 'civil' },
        { id: 'd' },
      ],
      edges: ties('ab', 'ac', 'bc', 'cd'),
    });
    const ei = eiIndex(graph);
    expect(ei.graph).toEqual({ external: 2, internal: 1, index: 1 / 3, crossSectorShare: 2 / 3 });
    expect(ei.sectors['civil']).toEqual({ external: 2, internal: 0, index: 1, crossSectorShare: 1 });
    expect(ei.sectors['public']).toEqual({ external: 2, internal: 1, index: 1 / 3, crossSectorShare: 2 / 3 });
  });
});

describe('metrics', () => {
  it('parses measure lists and names the valid ones on error', () => {
    expect([...parseMeasures(' betweenness, closeness ,')]).toEqual(['betweenness', 'closeness']);
    expect(inputError(() => parseMeasures('betweenness,fame')).message).toMatch(
      /^unknown measure 'fame'; known measures: degree,/,
    );
  });

  it('gives a network without ties zero density, one component per actor and modularity 0', () => {
    const graph = buildNetworkGraph({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [] });
    const metrics = computeNetworkMetrics(graph);
    expect(metrics.graph).toMatchObject({
      nodes: 2,
      edges: 0,
      density: 0,
      components: 2,
      modularity: 0,
      isolates: ['a', 'b'],
    });
    expect(metrics.nodes['a']).toMatchObject({
      degree: 0,
      betweenness: 0,
      closeness: 0,
      constraint: null,
      effectiveSize: null,
      isolate: true,
    });
  });

  it('Louvain finds the two triangles of a barbell and is reproducible per seed', () => {
    const graph = buildNetworkGraph({ edges: ties('ab', 'bc', 'ca', 'cd', 'de', 'ef', 'fd') });
    const result = louvainCommunities(graph, 5);
    expect(Array.from(result.community)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(result.modularity).toBeCloseTo(5 / 14, 12);
    expect(louvainCommunities(graph, 5)).toEqual(result);
  });
});

describe('ego networks', () => {
  it('takes alters from both directions and keeps tie directions', () => {
    const graph = buildNetworkGraph({ edges: ties('ab', 'ca', 'bc', 'cd'), directed: true });
    const ego = egoNetwork(graph, 'a');
    expect(ego.alters).toEqual(['b', 'c']);
    expect(ego.metrics.graph).toMatchObject({ nodes: 3, edges: 3, density: 0.5 });
    expect(inputError(() => egoNetwork(graph, 'x'))).toMatchObject({ code: 'UnknownEgo' });
  });
});

describe('wave comparison', () => {
  it('lists new, lost and stable actors and ties and the change of each measure', () => {
    const before = buildNetworkGraph({
      edges: [...ties('ab', 'bc'), { source: 'c', target: 'd', weight: 2 }],
      weighted: true,
    });
    const after = buildNetworkGraph({
      edges: [...ties('ba', 'ce'), { source: 'd', target: 'c', weight: 3 }],
      weighted: true,
    });
    const options = { measures: parseMeasures('degree,betweenness') };
    const result = compareWaves(
      { graph: before, metrics: computeNetworkMetrics(before, options) },
      { graph: after, metrics: computeNetworkMetrics(after, options) },
    );
    expect(result.actors).toEqual({ new: ['e'], lost: [], stable: ['b', 'a', 'c', 'd'] });
    expect(result.ties.new).toEqual([{ source: 'c', target: 'e' }]);
    expect(result.ties.lost).toEqual([{ source: 'b', target: 'c' }]);
    expect(result.ties.stable).toEqual([
      { source: 'a', target: 'b' },
      { source: 'c', target: 'd' },
    ]);
    expect(result.ties.reweighted).toEqual([{ source: 'c', target: 'd', before: 2, after: 3, change: 1 }]);
    expect(result.graph['edges']).toEqual({ before: 3, after: 3, change: 0 });
    expect(result.graph['components']).toEqual({ before: 1, after: 2, change: 1 });
    expect(result.nodes['b']['betweenness']).toEqual({ before: 4 / 6, after: 0, change: -4 / 6 });
    expect(result.nodes['c']['strength']).toEqual({ before: 3, after: 4, change: 1 });
  });
});
