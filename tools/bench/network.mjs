#!/usr/bin/env node
// Benchmark of @quartier/network-core against python-igraph (C) and NetworkX on the same seeded
// Barabási–Albert graph (n = 5000, m = 5, NetworkX's construction), in one run on one machine.
//   node tools/bench/network.mjs [--networkx full|skip] [--repeat N]
//   npm run bench -- network      (via tools/bench/run.mjs, which calls the default export)
// Writes bench-results/network.json and prints a short table. Needs Debian's python3-igraph
// (and python3-networkx); the library is compiled with swc into tmp/ (dist/ is left alone).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const N = 5000;
const M = 5;
const SEED = 20240501;

/** Mulberry32, the same PRNG the library seeds Louvain with. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** NetworkX `barabasi_albert_graph(n, m)`: a star of m+1 nodes, then preferential attachment. */
export function barabasiAlbert(n, m, seed) {
  const rng = random(seed);
  const edges = [];
  const repeated = [];
  for (let v = 1; v <= m; v++) {
    edges.push([0, v]);
    repeated.push(0, v);
  }
  for (let source = m + 1; source < n; source++) {
    const targets = new Set();
    while (targets.size < m) targets.add(repeated[Math.floor(rng() * repeated.length)]);
    for (const t of targets) {
      edges.push([source, t]);
      repeated.push(t, source);
    }
  }
  return edges;
}

function compile(out) {
  execFileSync(
    join(root, 'node_modules/.bin/swc'),
    [
      'libs/network/compute/src',
      'libs/network/core/src',
      '-d',
      out,
      '--config-file',
      '.swcrc',
      '--ignore',
      '**/*.spec.ts',
      '--quiet',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const seconds = (started) => Number(((performance.now() - started) / 1000).toFixed(3));

async function best(repeat, fn) {
  let min = Infinity;
  let value;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    value = await fn();
    min = Math.min(min, seconds(started));
  }
  return [min, value];
}

export default async function networkBenchmark(options = {}) {
  const repeat = options.repeat ?? 3;
  const networkx = options.networkx ?? 'full';
  const work = join(root, 'tmp', 'bench-network');
  mkdirSync(work, { recursive: true });
  compile(work);
  const require = createRequire(import.meta.url);
  const core = require(join(work, 'libs/network/core/src/index.js'));
  const { parallelPathMeasures } = require(join(work, 'libs/network/compute/src/network-compute.js'));

  const edgeList = barabasiAlbert(N, M, SEED);
  const csv = join(work, `ba-${N}-${M}.csv`);
  writeFileSync(csv, 'source,target\n' + edgeList.map(([s, t]) => `${s},${t}`).join('\n') + '\n');
  const graph = core.buildNetworkGraph({
    edges: edgeList.map(([s, t]) => ({ source: String(s), target: String(t) })),
  });

  // Ours: the fused Brandes kernel (betweenness + closeness + harmonic + path lengths together).
  const threads = availableParallelism();
  const [singleThread] = await best(repeat, () => core.pathMeasures(graph));
  const [parallel, paths] = await best(repeat, () =>
    parallelPathMeasures(graph, { threads, callerWorks: true }),
  );

  // Every other measure, one by one and all together (path measures passed in, not recomputed).
  const others = [
    'degree',
    'pagerank',
    'eigenvector',
    'clustering',
    'transitivity',
    'centralization',
    'constraint',
    'effectiveSize',
    'community',
    'isolates',
    'bridges',
    'cutPoints',
  ];
  const perMeasure = {};
  for (const name of others)
    [perMeasure[name]] = await best(repeat, () =>
      core.computeNetworkMetrics(graph, { measures: new Set([name]) }),
    );
  const [allOthers, metrics] = await best(repeat, () =>
    core.computeNetworkMetrics(graph, { measures: new Set(core.ALL_MEASURES), pathMeasures: paths }),
  );
  const oursRss = process.resourceUsage().maxRSS;

  process.stderr.write(
    `[bench network] igraph${networkx === 'full' ? ' and full NetworkX (minutes)' : ''} on the same edge list…\n`,
  );
  const python = JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      [join(root, 'tools/bench/network_igraph.py'), csv, '--repeat', String(repeat), '--networkx', networkx],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  );
  let maxDifference = 0;
  for (const [id, value] of Object.entries(python.igraph.betweenness)) {
    maxDifference = Math.max(maxDifference, Math.abs(value - paths.betweenness[graph.indexOf.get(id)]));
  }

  const igraphSeconds = python.igraph.seconds;
  const nxSeconds = python.networkx?.seconds;
  const result = {
    graph: {
      model: 'Barabási–Albert (NetworkX construction, mulberry32 seed)',
      n: graph.n,
      m: graph.m,
      seed: SEED,
    },
    machine: { cpus: cpus().length, threads, node: process.version },
    repeat,
    ours: {
      'betweenness+closeness (1 thread)': singleThread,
      [`betweenness+closeness (${threads} threads)`]: parallel,
      perMeasure,
      'all other measures together': allOthers,
      modularity: metrics.graph.modularity,
      maxRssMiB: Math.round(oursRss / 1024),
    },
    igraph: {
      version: python.igraph.version,
      seconds: Object.fromEntries(Object.entries(igraphSeconds).map(([k, v]) => [k, Number(v.toFixed(3))])),
      maxRssMiB: Math.round(python.igraph.maxRssKiB / 1024),
    },
    networkx: python.networkx
      ? {
          version: python.networkx.version,
          seconds: Object.fromEntries(Object.entries(nxSeconds).map(([k, v]) => [k, Number(v.toFixed(3))])),
          note: python.networkx.note,
        }
      : null,
    checks: {
      betweennessMaxAbsDifferenceToIgraph: maxDifference,
      noSlowerThanIgraph: parallel <= igraphSeconds['betweenness+closeness'],
      speedupVsIgraph: Number((igraphSeconds['betweenness+closeness'] / parallel).toFixed(2)),
      speedupVsNetworkx: nxSeconds
        ? Number((nxSeconds['betweenness+closeness'] / parallel).toFixed(1))
        : null,
      otherMeasuresUnder2s: allOthers < 2,
    },
  };

  const rows = [['measure', 'ours (s)', 'igraph (s)', 'NetworkX (s)']];
  const fmt = (v) => (v === undefined || v === null ? '–' : v.toFixed(3));
  rows.push([
    `betweenness+closeness`,
    `${fmt(parallel)} (${threads} thr), ${fmt(singleThread)} (1 thr)`,
    fmt(igraphSeconds['betweenness+closeness']),
    fmt(nxSeconds?.['betweenness+closeness']),
  ]);
  rows.push(['  betweenness alone', '(fused)', fmt(igraphSeconds.betweenness), fmt(nxSeconds?.betweenness)]);
  rows.push(['  closeness alone', '(fused)', fmt(igraphSeconds.closeness), fmt(nxSeconds?.closeness)]);
  for (const name of others) {
    const key = name === 'effectiveSize' ? null : name;
    rows.push([
      name,
      fmt(perMeasure[name]),
      key ? fmt(igraphSeconds[key]) : '–',
      key ? fmt(nxSeconds?.[key]) : '–',
    ]);
  }
  rows.push(['all other measures', fmt(allOthers), '', '']);
  rows.push(['peak RSS (MiB)', String(result.ours.maxRssMiB), String(result.igraph.maxRssMiB), '']);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
  process.stdout.write(
    `\nnetwork benchmark — BA n=${graph.n}, m=${graph.m} ties, best of ${repeat}\n${table}\n`,
  );
  process.stdout.write(
    `betweenness |ours − igraph| ≤ ${maxDifference.toExponential(1)}; ${result.checks.noSlowerThanIgraph ? 'no slower than' : 'SLOWER than'} igraph (×${result.checks.speedupVsIgraph})` +
      (result.checks.speedupVsNetworkx ? `, ×${result.checks.speedupVsNetworkx} vs NetworkX` : '') +
      `; other measures ${allOthers < 2 ? '<' : '≥'} 2 s\n`,
  );

  if (options.write !== false) {
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results/network.json'), JSON.stringify(result, null, 2) + '\n');
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const value = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  networkBenchmark({
    networkx: value('--networkx'),
    repeat: value('--repeat') ? Number(value('--repeat')) : undefined,
  }).catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
