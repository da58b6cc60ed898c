import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NetworkMetrics } from '@quartier/network-core';
import { CliError } from '../cli-error';
import { networkMetricsCommand, type NetworkMetricsOptions } from './network';

interface FixtureLike {
  directed: boolean;
  weighted: boolean;
  nodes: Array<{ id: string; sector: string | null }>;
  edges: Array<{ source: string; target: string; weight?: number }>;
  expected: { graph: Record<string, unknown>; nodes: Record<string, Record<string, unknown>> };
}

const root = join(__dirname, '../../../..');
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(root, 'libs/network/core/fixtures', `${name}.json`), 'utf8')) as FixtureLike;
const karate = fixture('karate');
const directedWeighted = fixture('random-directed-weighted');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quartier-network-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
}

function writeFixture(name: string, fixture: FixtureLike): { edges: string; nodes: string } {
  const edges = file(
    `${name}-edges.csv`,
    (fixture.weighted ? 'source,target,weight\n' : 'source,target\n') +
      fixture.edges
        .map((e) => (fixture.weighted ? `${e.source},${e.target},${e.weight}` : `${e.source},${e.target}`))
        .join('\n') +
      '\n',
  );
  const nodes = file(
    `${name}-nodes.csv`,
    'id,sector\n' + fixture.nodes.map((n) => `${n.id},${n.sector ?? ''}`).join('\n') + '\n',
  );
  return { edges, nodes };
}

async function run(options: NetworkMetricsOptions): Promise<{ metrics: NetworkMetrics; stdout: string }> {
  let stdout = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stdout += chunk.toString('utf8');
      callback();
    },
  });
  const metrics = await networkMetricsCommand(options, sink);
  return { metrics, stdout };
}

async function failure(options: NetworkMetricsOptions): Promise<string> {
  try {
    await run(options);
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error('expected the command to fail');
}

function expectClose(actual: unknown, expected: unknown, label: string): void {
  if (expected === null || expected === undefined) {
    expect([label, actual]).toEqual([label, expected]);
    return;
  }
  if (typeof actual !== 'number' || Math.abs(actual - (expected as number)) > 1e-9) {
    throw new Error(`${label}: expected ${String(expected)}, got ${String(actual)}`);
  }
}

describe('quartier network metrics', () => {
  it('prints the NetworkX measures of the karate club as JSON on stdout', async () => {
    const fixture = karate;
    const { edges, nodes } = writeFixture('karate', fixture);
    const { stdout } = await run({ edges, nodes, seed: '7' });
    const json = JSON.parse(stdout) as NetworkMetrics;
    expect(json.graph.nodes).toBe(34);
    expect(json.graph.edges).toBe(78);
    expect(json.graph.components).toBe(1);
    expectClose(json.graph.density, fixture.expected.graph['density'], 'density');
    expect(json.graph.modularity).toBeGreaterThan(0.4);
    for (const [id, expected] of Object.entries(fixture.expected.nodes)) {
      for (const field of [
        'degree',
        'betweenness',
        'closeness',
        'harmonic',
        'pagerank',
        'eigenvector',
        'clustering',
        'constraint',
        'effectiveSize',
      ]) {
        expectClose(
          json.nodes[id][field as keyof (typeof json.nodes)[string]],
          expected[field],
          `${id}.${field}`,
        );
      }
      expect(json.nodes[id].brokerage).toEqual(expected['brokerage']);
      expect(typeof json.nodes[id].community).toBe('number');
    }
  });

  it('handles directed weighted ties with isolates from nodes.csv (no eigenvector, null constraint)', async () => {
    const fixture = directedWeighted;
    const { edges, nodes } = writeFixture('dw', fixture);
    const out = join(dir, 'dw.json');
    await run({ edges, nodes, directed: true, weighted: true, out });
    const json = JSON.parse(readFileSync(out, 'utf8')) as NetworkMetrics;
    expect(json.graph.nodes).toBe(fixture.nodes.length);
    expect(json.graph.isolates).toEqual(fixture.expected.graph['isolates']);
    expect(json.graph.omitted?.['eigenvector']).toBe('defined here for undirected networks only');
    for (const [id, expected] of Object.entries(fixture.expected.nodes)) {
      expect(json.nodes[id].eigenvector).toBeUndefined();
      for (const field of [
        'degree',
        'inDegree',
        'outDegree',
        'strength',
        'betweenness',
        'closeness',
        'pagerank',
        'clustering',
        'constraint',
        'effectiveSize',
      ]) {
        expectClose(
          json.nodes[id][field as keyof (typeof json.nodes)[string]],
          expected[field],
          `${id}.${field}`,
        );
      }
    }
    for (const id of fixture.expected.graph['isolates'] as string[])
      expect(json.nodes[id].constraint).toBeNull();
  });

  it('--measures limits the work to the named measures', async () => {
    const edges = file('small.csv', 'source,target\na,b\nb,c\nc,a\nc,d\n');
    const { metrics } = await run({ edges, measures: 'betweenness,closeness' });
    expect(Object.keys(metrics.nodes['c']).sort()).toEqual(['betweenness', 'closeness']);
    expect(metrics.nodes['c'].betweenness).toBeCloseTo(2 / 3, 12);
    expect(metrics.nodes['d'].closeness).toBeCloseTo(3 / 5, 12);
    expect(metrics.graph.modularity).toBeUndefined();
    expect(metrics.graph).toMatchObject({ nodes: 4, edges: 4, density: 4 / 6, components: 1 });
  });

  it('is deterministic for a given --seed', async () => {
    const fixture = karate;
    const { edges } = writeFixture('karate-seed', fixture);
    const first = await run({ edges, measures: 'community', seed: '42' });
    const second = await run({ edges, measures: 'community', seed: '42' });
    expect(second.stdout).toBe(first.stdout);
    expect(first.metrics.graph.seed).toBe(42);
  });

  it('reports an unknown actor with its line number when nodes.csv is given', async () => {
    const nodes = file('n1.csv', 'id,sector\na,public\nb,civil\n');
    const edges = file('e1.csv', 'source,target\na,b\n\nb,x\n');
    expect(await failure({ edges, nodes })).toBe(
      `${edges} line 4: tie names unknown node 'x' (not in ${nodes})`,
    );
  });

  it('reports malformed and non-positive weights with line numbers', async () => {
    const edges = file('e2.csv', 'source,target,weight\na,b,1\nb,c,1,5\n');
    expect(await failure({ edges, weighted: true })).toMatch(/line 3/);
    const comma = file('e3.csv', 'source,target,weight\na,b,1\nb,c,"1,5"\n');
    expect(await failure({ edges: comma, weighted: true })).toBe(
      `${comma} line 3: weight "1,5" is not a number`,
    );
    const zero = file('e4.csv', 'source,target,weight\na,b,0\n');
    expect(await failure({ edges: zero, weighted: true })).toBe(
      `${zero} line 2: weight 0 must be positive (it is a tie strength)`,
    );
    const empty = file('e5.csv', 'source,target,weight\na,b,\n');
    expect(await failure({ edges: empty, weighted: true })).toBe(
      `${empty} line 2: missing weight (--weighted)`,
    );
    const noColumn = file('e6.csv', 'source,target\na,b\n');
    expect(await failure({ edges: noColumn, weighted: true })).toBe(
      `${noColumn}: --weighted needs a weight column (header source,target,weight)`,
    );
  });

  it('rejects repeated ties, self-ties, duplicate actors, missing columns, unknown measures and bad seeds', async () => {
    const repeated = file('e7.csv', 'source,target\na,b\nb,a\n');
    expect(await failure({ edges: repeated })).toBe(
      `${repeated} line 3: tie b–a repeats an earlier tie (undirected ties are listed once)`,
    );
    expect((await run({ edges: repeated, directed: true })).metrics.graph.edges).toBe(2);
    const self = file('e8.csv', 'source,target\na,a\n');
    expect(await failure({ edges: self })).toBe(`${self} line 2: tie from 'a' to itself`);
    const nodes = file('n2.csv', 'id\na\nb\na\n');
    expect(await failure({ edges: file('e9.csv', 'source,target\na,b\n'), nodes })).toBe(
      `${nodes} line 4: node 'a' is listed twice`,
    );
    const header = file('e10.csv', 'from,to\na,b\n');
    expect(await failure({ edges: header })).toBe(
      `${header}: missing column(s) source, target (header: from,to; expected source,target,weight)`,
    );
    const ok = file('e11.csv', 'source,target\na,b\n');
    expect(await failure({ edges: ok, measures: 'betweenness,fame' })).toMatch(
      /^--measures: unknown measure 'fame'; known measures: degree, betweenness/,
    );
    expect(await failure({ edges: ok, seed: '-1' })).toBe('--seed: "-1" is not a whole number');
    expect(await failure({ edges: join(dir, 'missing.csv') })).toMatch(/^cannot read ties .*missing\.csv/);
    expect(await failure({ edges: file('e12.csv', '') })).toMatch(/empty file/);
  });
});

describe('compiled command line (worker threads, exit codes)', () => {
  const out = join(root, 'tmp', `network-cli-spec-${process.pid}`);
  beforeAll(() => {
    // Compile the command line and the libraries into a private folder inside the repository
    // (so node_modules resolves) instead of touching the shared dist/. The path aliases come from
    // tsconfig.base.json, as tools/build.mjs passes them to swc.
    const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8')) as { jsc: object };
    const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    mkdirSync(out, { recursive: true });
    const config = join(out, 'swcrc.json');
    writeFileSync(
      config,
      JSON.stringify({ ...swcrc, jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths } }),
    );
    execFileSync(
      join(root, 'node_modules/.bin/swc'),
      [
        'apps/cli/src',
        'libs',
        '-d',
        out,
        '--config-file',
        config,
        '--ignore',
        '**/*.spec.ts,**/*.int-spec.ts,libs/portal/**',
        '--quiet',
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(out, 'apps/cli/src/main.js'), ...args], { encoding: 'utf8', cwd: dir });

  it('splits betweenness/closeness over worker threads with the same result as one thread', async () => {
    const { buildNetworkGraph, computeNetworkMetrics } = await import('@quartier/network-core');
    // A seeded preferential-attachment graph large enough (n² ≥ 10⁶) for the worker path.
    let state = 12345;
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const lines = ['source,target'];
    const ends: number[] = [0, 1];
    lines.push('0,1');
    for (let v = 2; v < 1100; v++) {
      const targets = new Set<number>();
      while (targets.size < Math.min(2, v)) targets.add(ends[Math.floor(random() * ends.length)]);
      for (const t of targets) {
        lines.push(`${v},${t}`);
        ends.push(v, t);
      }
    }
    const edges = file('ba.csv', lines.join('\n') + '\n');
    const result = cli([
      'network',
      'metrics',
      '--edges',
      edges,
      '--measures',
      'betweenness,closeness,harmonic,averagePathLength,diameter',
      '--threads',
      '2',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as NetworkMetrics;
    const graph = buildNetworkGraph({
      edges: lines.slice(1).map((l) => ({ source: l.split(',')[0], target: l.split(',')[1] })),
    });
    const single = computeNetworkMetrics(graph, {
      measures: new Set(['betweenness', 'closeness', 'harmonic', 'averagePathLength', 'diameter']),
    });
    expectClose(json.graph.averagePathLength, single.graph.averagePathLength, 'averagePathLength');
    expect(json.graph.diameter).toBe(single.graph.diameter);
    for (const id of graph.ids) {
      expectClose(json.nodes[id].betweenness, single.nodes[id].betweenness, `${id} betweenness`);
      expectClose(json.nodes[id].closeness, single.nodes[id].closeness, `${id} closeness`);
      expectClose(json.nodes[id].harmonic, single.nodes[id].harmonic, `${id} harmonic`);
    }
  }, 60_000);

  it('exits non-zero with the message on stderr for bad input', () => {
    const edges = file('bad.csv', 'source,target,weight\na,b,x\n');
    const result = cli(['network', 'metrics', '--edges', edges, '--weighted']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${edges} line 2: weight "x" is not a number\n`);
  });
});
