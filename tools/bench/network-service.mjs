#!/usr/bin/env node
// The 20,000-actor network through the network service's background-job path.
//   node tools/bench/network-service.mjs        (npm run bench -- network-service)
// Two parts, both from the compiled server code in dist/server (built if missing):
//  1. compute: the service's measure computation (worker threads, progress callbacks) on a seeded
//     Barabási–Albert graph (n = 20,000, m = 5, as in tools/bench/network.mjs) — every measure;
//  2. service (when DATABASE_URL points at a PostgreSQL server, e.g. the test infrastructure):
//     the network service on a fresh database behind the dev OIDC provider — CSV import of the
//     graph over HTTP, POST …/metrics/jobs, the job polled every 200 ms until done (the progress
//     events a portal would see), then the cached result read back.
// The BA graph has no weights, so the network is created unweighted (BFS, as in part 1).
// Writes bench-results/network-service.json and prints a short table.
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { client } from './_embedded-platform.mjs';
import { barabasiAlbert } from './network.mjs';
import { ensureServerBuilt, root, runWhenStarted, serviceTestKit, writeResult } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const N = 20_000;
const M = 5;
const SEED = 20240501;
const seconds = (started) => Number(((performance.now() - started) / 1000).toFixed(3));

async function computePart(edges) {
  const { computeMetrics, workersAvailable } = require(
    join(root, 'dist/server/libs/network/compute/src/network-compute.js'),
  );
  const input = {
    nodes: Array.from({ length: N }, (_, i) => ({ id: `v${i}`, sector: null })),
    edges: edges.map(([s, t]) => ({ source: `v${s}`, target: `v${t}` })),
    directed: false,
  };
  const events = [];
  const started = performance.now();
  const metrics = await computeMetrics(input, {
    onProgress: (p) =>
      events.push({ t: seconds(started), phase: p.phase, fraction: Number(p.fraction.toFixed(4)) }),
  });
  const total = seconds(started);
  const pathsDone = events.find((e) => e.phase === 'measures')?.t ?? null;
  return {
    workers: workersAvailable(),
    seconds: total,
    pathPhaseSeconds: pathsDone,
    otherMeasuresSeconds: pathsDone === null ? null : Number((total - pathsDone).toFixed(3)),
    progressEvents: events.length,
    firstProgress: events[0] ?? null,
    graph: {
      nodes: metrics.graph.nodes,
      edges: metrics.graph.edges,
      averagePathLength: metrics.graph.averagePathLength,
      modularity: metrics.graph.modularity,
    },
  };
}

async function servicePart(edges) {
  const kit = serviceTestKit();
  if (!kit) return { skipped: 'DATABASE_URL not set' };
  const { startServiceTestApp } = kit;
  const { NetworkApiModule } = require(join(root, 'dist/server/libs/network/api/src/index.js'));
  const t = await startServiceTestApp({
    service: 'network',
    module: (rt) => NetworkApiModule.forRoot(rt),
    moduleClass: NetworkApiModule,
  });
  try {
    const [mitte] = Object.values(
      await t.seedAreas('berlin-demo', [{ code: '01', level: 'bezirk', name: 'Mitte' }]),
    );
    const token = await t.tokenFor('admin');
    const api = client(t.url, token);
    const network = await api('POST', '/api/network/networks', {
      name: 'BA 20k',
      areaId: mitte,
      weighted: false,
    });
    const wave = await api('POST', `/api/network/networks/${network.id}/waves`, {
      label: 'W1',
      observedOn: '2024-05-15',
    });
    const form = new FormData();
    form.append(
      'nodes',
      new Blob([['id,name', ...Array.from({ length: N }, (_, i) => `v${i},Akteur ${i}`)].join('\n')]),
      'nodes.csv',
    );
    form.append(
      'edges',
      new Blob([['source,target', ...edges.map(([s, x]) => `v${s},v${x}`)].join('\n')]),
      'edges.csv',
    );
    let started = performance.now();
    const imported = await fetch(
      `${t.url}/api/network/networks/${network.id}/waves/${wave.id}/imports?format=csv`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
    );
    const importResult = await imported.json();
    if (imported.status !== 201)
      throw new Error(`import failed: ${JSON.stringify(importResult).slice(0, 300)}`);
    const importSeconds = seconds(started);
    const refused = await api.raw('GET', `/api/network/networks/${network.id}/waves/${wave.id}/metrics`);
    started = performance.now();
    const job = await api('POST', `/api/network/networks/${network.id}/waves/${wave.id}/metrics/jobs`);
    const polls = [];
    let state = job;
    while (state.status !== 'succeeded' && state.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pollStarted = performance.now();
      state = await api('GET', `/api/network/metrics-jobs/${job.id}`);
      polls.push({
        t: seconds(started),
        phase: state.phase,
        progress: Number(state.progress.toFixed(4)),
        pollMs: Number((performance.now() - pollStarted).toFixed(1)),
      });
    }
    const jobSeconds = seconds(started);
    started = performance.now();
    const result = state.status === 'succeeded' ? await api('GET', state.resultPath) : null;
    const readSeconds = seconds(started);
    const distinct = new Set(polls.map((p) => p.progress)).size;
    return {
      importSeconds,
      importResult,
      syncReadBeforeJob: { status: refused.status, code: JSON.parse(refused.bytes.toString('utf8')).code },
      job: {
        status: state.status,
        message: state.message,
        seconds: jobSeconds,
        polls: polls.length,
        distinctProgressValues: distinct,
        maxPollMs: Math.max(...polls.map((p) => p.pollMs)),
      },
      progressTimeline: polls.filter((p, i) => i === 0 || p.phase !== polls[i - 1].phase || i % 5 === 0),
      resultReadSeconds: readSeconds,
      resultActors: result?.actors?.length ?? null,
    };
  } finally {
    await t.close();
  }
}

export default async function run() {
  ensureServerBuilt('dist/server/libs/network/api/src/index.js');
  const edges = barabasiAlbert(N, M, SEED);
  const compute = await computePart(edges);
  const service = await servicePart(edges);
  const result = {
    benchmark: 'network-service',
    graph: { model: 'barabasi-albert', n: N, m: M, seed: SEED, edges: edges.length },
    machine: {
      cpus: cpus().length,
      parallelism: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
    },
    compute,
    service,
  };
  writeResult('network-service', result);
  const rows = [
    [
      'all measures, worker threads (compute path)',
      `${compute.seconds} s`,
      `${compute.progressEvents} progress callbacks; paths ${compute.pathPhaseSeconds} s, rest ${compute.otherMeasuresSeconds} s`,
    ],
  ];
  if (!service.skipped) {
    rows.push([
      'CSV import over HTTP (20k actors, ~100k ties)',
      `${service.importSeconds} s`,
      `${service.importResult.actorsCreated} actors, ${service.importResult.tiesCreated} ties`,
    ]);
    rows.push([
      'measure job (POST → succeeded, polled)',
      `${service.job.seconds} s`,
      `${service.job.polls} polls, ${service.job.distinctProgressValues} distinct progress values, slowest poll ${service.job.maxPollMs} ms`,
    ]);
    rows.push([
      'cached result read (GET …/metrics)',
      `${service.resultReadSeconds} s`,
      `${service.resultActors} actors`,
    ]);
  } else rows.push(['service path', 'skipped', service.skipped]);
  process.stdout.write(
    `\nnetwork service, BA n=${N} m=${M} (${edges.length} ties), ${result.machine.parallelism} threads\n`,
  );
  for (const [what, time, note] of rows)
    process.stdout.write(`  ${what.padEnd(48)} ${time.padStart(10)}   ${note}\n`);
  return result;
}

runWhenStarted(import.meta.url, run);
