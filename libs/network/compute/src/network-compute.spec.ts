import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildNetworkGraph,
  computeNetworkMetrics,
  type MeasureName,
  type NetworkMetrics,
} from '@quartier/network-core';
import type { ComputeOptions } from './network-compute';

// Under Jest this file is TypeScript and cannot be a worker entry, so every path here would run
// in-thread: the module is compiled (as tools/build.mjs does) and run in a child process, which
// counts the worker threads it starts (process 'worker' event) — no worker_threads mock.
const root = join(__dirname, '../../../..');
const out = join(root, 'tmp', `network-compute-spec-${process.pid}`);

// A ring with chords of 600 actors: n² = 360,000 pairs, past the size where workers pay off.
const N = 600;
const input = {
  edges: Array.from({ length: N }, (_, i) => [
    { source: `a${i}`, target: `a${(i + 1) % N}` },
    { source: `a${i}`, target: `a${(i + 2) % N}` },
  ]).flat(),
};
const MEASURES: MeasureName[] = ['betweenness', 'closeness', 'averagePathLength', 'diameter', 'pagerank'];

const CHILD = `
const [dir, options] = process.argv.slice(1);
const { computeMetrics } = require(dir + '/libs/network/compute/src/network-compute.js');
const input = JSON.parse(require('node:fs').readFileSync(dir + '/input.json', 'utf8'));
const { measures, ...rest } = JSON.parse(options);
let workers = 0;
process.on('worker', () => workers++);
const phases = [];
computeMetrics(input, { ...rest, measures: new Set(measures), onProgress: (p) => phases.push(p.phase) })
  .then((metrics) => process.stdout.write(JSON.stringify({ workers, phases: [...new Set(phases)], metrics })));
`;

beforeAll(() => {
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
      'libs/network/compute/src',
      'libs/network/core/src',
      'libs/demo-city/src',
      '-d',
      out,
      '--config-file',
      config,
      '--ignore',
      '**/*.spec.ts,**/*.int-spec.ts',
      '--quiet',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  writeFileSync(join(out, 'input.json'), JSON.stringify(input));
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

function compiled(options: Pick<ComputeOptions, 'threads' | 'callerWorks'>): {
  workers: number;
  phases: string[];
  metrics: NetworkMetrics;
} {
  const result = spawnSync(
    process.execPath,
    ['-e', CHILD, out, JSON.stringify({ ...options, measures: MEASURES })],
    {
      encoding: 'utf8',
    },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

const reference = computeNetworkMetrics(buildNetworkGraph(input), { measures: new Set(MEASURES) });

function expectReference(metrics: NetworkMetrics): void {
  expect(metrics.graph.diameter).toBe(reference.graph.diameter);
  expect(metrics.graph.averagePathLength).toBeCloseTo(reference.graph.averagePathLength!, 12);
  for (const id of ['a0', 'a299', 'a599']) {
    expect(metrics.nodes[id].betweenness).toBeCloseTo(reference.nodes[id].betweenness!, 9);
    expect(metrics.nodes[id].closeness).toBeCloseTo(reference.nodes[id].closeness!, 12);
    expect(metrics.nodes[id].pagerank).toBeCloseTo(reference.nodes[id].pagerank!, 12);
  }
}

describe('computeMetrics on compiled JavaScript (worker threads)', () => {
  it('computes in the calling thread, starting no worker, when a caller working along is the one thread allowed', () => {
    const run = compiled({ threads: 1, callerWorks: true });
    expect(run.workers).toBe(0);
    expect(run.phases).toEqual(['paths', 'measures']);
    expectReference(run.metrics);
  }, 30_000);

  it('starts workers when a second thread is allowed', () => {
    // One path worker besides the caller, then the measures worker.
    const run = compiled({ threads: 2, callerWorks: true });
    expect(run.workers).toBe(2);
    expectReference(run.metrics);
  }, 30_000);

  it("keeps a server's calling thread free: one thread allowed is one worker at a time", () => {
    // The path worker, then the measures worker; the caller only coordinates.
    const run = compiled({ threads: 1 });
    expect(run.workers).toBe(2);
    expect(run.phases).toEqual(['paths', 'measures']);
    expectReference(run.metrics);
  }, 30_000);
});
