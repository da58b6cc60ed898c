// The public networks of graphology's test resources (reference data folder, `external/networks`,
// see its SOURCES.md), read as Gephi reads them and compared, measure by measure, with NetworkX
// 2.8.8 on the simple graph of each file (`reference-networkx.json.gz`: parallel ties summed,
// self-ties dropped, PageRank and eigenvector centrality converged with tol=1e-13).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { requireReferenceData } from '@quartier/reference-data';
import { planImport } from './import-plan';
import {
  buildNetworkGraph,
  computeNetworkMetrics,
  convertNetworkDocument,
  ImportIssues,
  networkDocumentFormat,
  parseGexf,
  parseGraphml,
  type ConvertedNetwork,
  type NodeMetrics,
} from '@quartier/network-core';

interface ReferenceRun {
  readonly density: number;
  readonly components: number;
  readonly measures: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const DATASETS = [
  'les_miserables.gexf',
  'miserables.graphml',
  'celegans.gexf',
  '1898.gexf',
  'case.gexf',
  'rio.gexf',
  'arctic.gexf',
  'yeast.gexf',
];
const PARSER_CASES = [
  'mixed.gexf',
  'v1_3.gexf',
  'multigraph.graphml',
  'mixed_multigraph.graphml',
  'attributes.graphml',
];
const files = [...DATASETS, ...PARSER_CASES, 'reference-networkx.json.gz'];
const paths = requireReferenceData(
  files.map((f) => `external/networks/${f}`),
  20, // 12 reference runs (the 8 datasets, 4 of them also weighted) and 8 further tests
);
const run = paths ? describe : describe.skip;
const pathOf = (file: string): string => paths![files.indexOf(file)];
const text = (file: string): string => readFileSync(pathOf(file), 'utf8');

function reference(): Record<string, ReferenceRun> {
  const json = JSON.parse(gunzipSync(readFileSync(pathOf('reference-networkx.json.gz'))).toString('utf8'));
  return json.runs;
}

function convert(file: string): ConvertedNetwork {
  return convertNetworkDocument(text(file), file, networkDocumentFormat(file)!, {
    parallelTies: 'sum',
    selfTies: 'drop',
  });
}

const MEASURES: readonly (keyof NodeMetrics)[] = [
  'degree',
  'inDegree',
  'outDegree',
  'betweenness',
  'closeness',
  'pagerank',
  'eigenvector',
  'clustering',
  'constraint',
  'effectiveSize',
];

run('real networks: every measure as converged NetworkX computes it (1e-6)', () => {
  const runs = paths ? reference() : {};
  const cases = Object.keys(runs).map((key) => [key] as const);

  it.each(cases)('%s', (key) => {
    const expected = runs[key];
    const weighted = key.endsWith(' weighted');
    const network = convert(key.replace(/ weighted$/, ''));
    expect(network.issues).toEqual([]);
    const graph = buildNetworkGraph({
      nodes: network.nodes.map((n) => ({ id: n.id })),
      edges: network.edges,
      directed: network.directed,
      weighted,
    });
    const metrics = computeNetworkMetrics(graph);
    expect(metrics.graph.density).toBeCloseTo(expected.density, 12);
    expect(metrics.graph.components).toBe(expected.components);
    let compared = 0;
    for (const measure of MEASURES) {
      const values = expected.measures[measure];
      if (!values) continue;
      for (const [id, value] of Object.entries(values)) {
        const ours = metrics.nodes[id]?.[measure];
        // NetworkX's NaN (constraint of an isolate) is null in the file and in Quartier.
        if (value === null ? ours !== null : typeof ours !== 'number' || Math.abs(ours - value) > 1e-6)
          throw new Error(`${key} ${measure} of ${id}: ${String(ours)} vs NetworkX ${value}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("arctic: node 177's PageRank is the converged value, not NetworkX's default stop", () => {
    const network = convert('arctic.gexf');
    const graph = buildNetworkGraph({ nodes: network.nodes, edges: network.edges, directed: true });
    const pagerank = computeNetworkMetrics(graph).nodes['177'].pagerank!;
    // NetworkX's own stop at tol=1e-13 leaves up to n·1e-13 (L1) in its reference value.
    expect(Math.abs(pagerank - runs['arctic.gexf'].measures['pagerank']['177'])).toBeLessThan(1e-10);
    expect(
      Math.abs(pagerank - runs['arctic.gexf'].measures['pagerank@nx-default-stop']['177']),
    ).toBeGreaterThan(2e-4);
  });
});

run('real networks: what the files hold', () => {
  it.each([
    ['celegans.gexf', 306, 2148, 197, 0],
    ['rio.gexf', 366, 1096, 0, 11],
    ['yeast.gexf', 2361, 7182 - 536 - 0, 0, 536],
  ])(
    '%s: %i actors, %i ties after folding (%i repeats merged, %i self-ties dropped)',
    (file, nodes, ties, merged, selfTies) => {
      const network = convert(file);
      expect([network.nodes.length, network.parallelTiesMerged, network.selfTiesDropped]).toEqual([
        nodes,
        merged,
        selfTies,
      ]);
      expect(network.edges.length).toBe(ties);
    },
  );

  it('imports every file without the strict mode, and refuses the repeats in it naming their lines', () => {
    const context = { networkDirected: false, actors: [], resolveArea: () => undefined };
    for (const file of [...DATASETS, ...PARSER_CASES]) {
      const issues = new ImportIssues();
      const parse = file.endsWith('.gexf') ? parseGexf : parseGraphml;
      const plan = planImport(parse(text(file), file, issues), context, issues);
      expect({ file, issues: issues.list }).toEqual({ file, issues: [] });
      expect(plan.ties.length).toBeGreaterThan(0);
    }
    const strict = new ImportIssues();
    planImport(
      parseGexf(text('rio.gexf'), 'rio.gexf', strict),
      { ...context, ties: { parallelTies: 'strict', selfTies: 'strict' } },
      strict,
    );
    expect(strict.list.length).toBe(11);
    expect(strict.list.every((i) => i.line !== null && /to itself/.test(i.message))).toBe(true);
  });

  it('mixed.gexf and v1_3.gexf: edge labels stay labels, weights and per-edge direction are read', () => {
    const issues = new ImportIssues();
    const context = { networkDirected: true, actors: [], resolveArea: () => undefined };
    const mixed = planImport(parseGexf(text('mixed.gexf'), 'mixed.gexf', issues), context, issues);
    expect(issues.list).toEqual([]);
    expect(
      mixed.ties.map((t) => [t.source, t.target, t.directed, t.type, t.weight, t.attributes['label']]),
    ).toEqual([
      ['key:1', 'key:2', true, 'cooperation', 1, undefined],
      ['key:2', 'key:3', true, 'cooperation', 4.56, 'Nice edge'],
      ['key:3', 'key:1', false, 'cooperation', 1, undefined],
    ]);
    const v13 = planImport(parseGexf(text('v1_3.gexf'), 'v1_3.gexf', issues), context, issues);
    expect(issues.list).toEqual([]);
    expect(v13.ties.map((t) => [t.type, t.attributes])).toEqual([['cooperation', { kind: 'likes' }]]);
    const mapped = planImport(
      parseGexf(text('v1_3.gexf'), 'v1_3.gexf', issues),
      {
        ...context,
        ties: {
          parallelTies: 'sum',
          selfTies: 'drop',
          typeAttribute: 'kind',
          typeValues: { likes: 'information' },
        },
      },
      issues,
    );
    expect(issues.list).toEqual([]);
    expect(mapped.ties.map((t) => [t.type, t.attributes])).toEqual([['information', {}]]);
  });

  it('mixed graphs convert as Gephi reads them: undirected ties of a directed file as two arcs', () => {
    const mixed = convert('mixed.gexf');
    expect(mixed).toMatchObject({ directed: true, undirectedAsArcs: 1, directedAsUndirected: 0 });
    expect(mixed.edges.map((e) => [e.source, e.target, e.weight, e.label])).toEqual([
      ['1', '2', 1, undefined],
      ['2', '3', 4.56, 'Nice edge'],
      ['3', '1', 1, undefined],
      ['1', '3', 1, undefined],
    ]);
    const graphml = convert('mixed_multigraph.graphml');
    expect(graphml).toMatchObject({ directed: false, directedAsUndirected: 2, parallelTiesMerged: 1 });
  });

  it('multigraph.graphml: the parallel ties are summed (count as weight where unweighted)', () => {
    const network = convert('multigraph.graphml');
    expect(network.parallelTiesMerged).toBeGreaterThan(0);
    const n2n4 = network.edges.find((e) => [e.source, e.target].sort().join() === 'n2,n4');
    expect(n2n4?.weight).toBe(2);
  });
});
