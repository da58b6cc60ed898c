#!/usr/bin/env node
// Benchmark of @quartier/network-core against python-igraph (C) and NetworkX on the same seeded
// Barabási–Albert graphs (NetworkX's construction), in one run on one machine:
//   node tools/bench/network.mjs [--networkx full|skip] [--repeat N] [--n 5000] [--small 1000]
//   npm run bench -- network      (via tools/bench/run.mjs, which calls the default export)
// Like with like: the library's fused shortest-path pass (betweenness + closeness + harmonic in
// one Brandes sweep) runs on 1 thread and on all threads; igraph is single-threaded, so the
// single-thread ratio is the library against igraph and the all-thread ratio is what the service
// gains from its worker threads. igraph needs one pass per measure: the ratios are given against
// the sum of its three passes (the same outputs) and against its betweenness alone. Every measure
// is timed best of N in each library — except NetworkX's shortest-path measures on the large
// graph (minutes each: timed once) and its constraint and effective size there (pure Python,
// O(degree²) per hub: not timed); the small graph times every measure in every library best of
// N. Every timed measure's values are compared with igraph's and NetworkX's (max |difference|).
// Writes bench-results/network.json and prints a table. Needs Debian's python3-igraph and
// python3-networkx; the library is compiled with swc into tmp/ (dist/ is left alone).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { seededRandom } from '../seeded-random.mjs';
import { root, runWhenStarted, writeResult } from './_server-build.mjs';

const N = 5000;
const SMALL = 1000;
const M = 5;
const SEED = 20240501;

/** NetworkX `barabasi_albert_graph(n, m)`: a star of m+1 nodes, then preferential attachment. */
export function barabasiAlbert(n, m, seed) {
  const rng = seededRandom(seed);
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

/**
 * The two libraries, and the demo city whose seeded generator Louvain draws from, compiled into
 * `out` (path aliases of tsconfig.base.json rewritten, as tools/build.mjs does).
 */
function compile(out) {
  const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  swcrc.jsc = { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths };
  const config = join(out, 'swcrc.json');
  writeFileSync(config, JSON.stringify(swcrc));
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
    ].concat(['--ignore', '**/*.spec.ts', '--quiet']),
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const round = (v, digits = 3) => (v === null || v === undefined ? null : Number(v.toFixed(digits)));
const cpuSeconds = (usage) => (usage.user + usage.system) / 1e6;

/** Best wall time of `repeat` runs (with the process CPU seconds of the best run), and the last value. */
async function best(repeat, fn) {
  let wall = Infinity;
  let cpu = Infinity;
  let value;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    value = await fn();
    const took = (performance.now() - started) / 1000;
    if (took < wall) [wall, cpu] = [took, cpuSeconds(process.cpuUsage(cpuStarted))];
  }
  return { seconds: round(wall), cpuSeconds: round(cpu), value };
}

// Measures computed one at a time, and how to read each one's values out of the library's result.
const perNode = (key) => (metrics) => (id) => metrics.nodes[id][key];
const MEASURES = {
  degree: perNode('degree'),
  pagerank: perNode('pagerank'),
  eigenvector: perNode('eigenvector'),
  clustering: perNode('clustering'),
  transitivity: (metrics) => metrics.graph.transitivity,
  centralization: (metrics) => metrics.graph.degreeCentralization,
  constraint: perNode('constraint'),
  effectiveSize: perNode('effectiveSize'),
  community: (metrics) => metrics.graph.modularity,
  isolates: (metrics) => metrics.graph.isolates,
  bridges: (metrics) => metrics.graph.bridges,
  cutPoints: (metrics) => metrics.graph.cutPoints,
};
const PATH_MEASURES = ['betweenness', 'closeness', 'harmonic'];

/** The library on one graph: the fused path pass on 1 and on all threads, then every other measure. */
async function timeOurs(lib, graph, repeat, threads) {
  const single = await best(repeat, () => lib.core.pathMeasures(graph));
  const parallel = await best(repeat, () => lib.parallelPathMeasures(graph, { threads, callerWorks: true }));
  const values = {};
  for (const name of PATH_MEASURES) {
    const array = parallel.value[name];
    values[name] = (id) => array[graph.indexOf.get(id)];
  }
  const seconds = {};
  const cpu = {};
  let membership;
  for (const [name, read] of Object.entries(MEASURES)) {
    const run = await best(repeat, () =>
      lib.core.computeNetworkMetrics(graph, { measures: new Set([name]) }),
    );
    seconds[name] = run.seconds;
    cpu[name] = run.cpuSeconds;
    values[name] = read(run.value);
    if (name === 'community')
      membership = Object.fromEntries(graph.ids.map((id) => [id, run.value.nodes[id].community]));
  }
  const all = await best(repeat, () =>
    lib.core.computeNetworkMetrics(graph, {
      measures: new Set(lib.core.ALL_MEASURES),
      pathMeasures: parallel.value,
    }),
  );
  return { single, parallel, seconds, cpu, all, values, membership };
}

/** Max |ours − theirs| per node (or of the scalar); for sets, how many elements only one side has. */
function difference(ours, theirs, names) {
  if (theirs === undefined) return null;
  if (typeof ours === 'function') {
    let max = 0;
    names.forEach((id, i) => {
      const a = ours(id);
      const b = theirs[i];
      if ((a === null) !== (b === null)) max = Infinity;
      else if (a !== null) max = Math.max(max, Math.abs(a - b));
    });
    return max;
  }
  if (Array.isArray(ours)) {
    const key = (x) => (Array.isArray(x) ? [...x].sort().join('–') : String(x));
    const a = new Set(ours.map(key));
    const b = new Set(theirs.map(key));
    return [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
  }
  return Math.abs(ours - theirs);
}

function crossCheck(ours, baseline, names) {
  if (!baseline) return null;
  const checks = {};
  for (const name of [...PATH_MEASURES, ...Object.keys(MEASURES)]) {
    // Louvain partitions differ between implementations: check the modularity the library
    // reports for its own partition against the baseline's computation of it.
    const theirs = name === 'community' ? baseline.values.modularityOfOurs : baseline.values[name];
    const d = difference(ours.values[name], theirs, names);
    if (d !== null) checks[name] = d;
  }
  return checks;
}

function runBaselines(csv, repeat, networkx, { once, skip }, membershipFile) {
  const args = [join(root, 'tools/bench/network_igraph.py'), csv, '--repeat', String(repeat)];
  args.push('--networkx', networkx, '--networkx-once', once.join(','), '--networkx-skip', skip.join(','));
  args.push('--membership', membershipFile);
  return JSON.parse(
    execFileSync('/usr/bin/python3', args, {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
}

/** Ratios of baseline time to ours (> 1: ours is faster), single-thread and all-thread apart. */
function ratios(ours, seconds) {
  if (!seconds || seconds.betweenness === undefined) return null;
  const sameOutputs = PATH_MEASURES.reduce((sum, name) => sum + seconds[name], 0);
  const ratio = (base, mine) => round(base / mine, 2);
  return {
    [`${PATH_MEASURES.join('+')} (3 passes) / ours fused`]: {
      singleThread: ratio(sameOutputs, ours.single.seconds),
      allThreads: ratio(sameOutputs, ours.parallel.seconds),
    },
    'betweenness alone / ours fused': {
      singleThread: ratio(seconds.betweenness, ours.single.seconds),
      allThreads: ratio(seconds.betweenness, ours.parallel.seconds),
    },
  };
}

async function benchGraph(lib, { n, repeat, threads, networkx, networkxLimits }) {
  const work = join(root, 'tmp', 'bench-network');
  const edgeList = barabasiAlbert(n, M, SEED);
  const csv = join(work, `ba-${n}-${M}.csv`);
  writeFileSync(csv, 'source,target\n' + edgeList.map(([s, t]) => `${s},${t}`).join('\n') + '\n');
  const graph = lib.core.buildNetworkGraph({
    edges: edgeList.map(([s, t]) => ({ source: String(s), target: String(t) })),
  });
  const ours = await timeOurs(lib, graph, repeat, threads);
  const membershipFile = join(work, `membership-${n}.json`);
  writeFileSync(membershipFile, JSON.stringify(ours.membership));
  process.stderr.write(`[bench network] n=${n}: igraph and NetworkX on the same edge list…\n`);
  const python = runBaselines(csv, repeat, networkx, networkxLimits, membershipFile);
  const baseline = (which) =>
    python[which] && {
      version: python[which].version,
      seconds: Object.fromEntries(Object.entries(python[which].seconds).map(([k, v]) => [k, round(v)])),
      cpuSeconds: Object.fromEntries(
        Object.entries(python.cpuSeconds)
          .filter(([k]) => k.startsWith(`${which}.`))
          .map(([k, v]) => [k.slice(which.length + 1), round(v)]),
      ),
      ...(python[which].times ? { timesRun: python[which].times } : {}),
      maxAbsDifference: crossCheck(ours, python[which], python.names),
      ourPartitionModularity: python[which].values.modularityOfOurs,
      ownLouvainModularity: python[which].values.community,
    };
  const igraph = baseline('igraph');
  const nx = baseline('networkx');
  return {
    graph: {
      model: 'Barabási–Albert (NetworkX construction, mulberry32 seed)',
      n: graph.n,
      m: graph.m,
      seed: SEED,
    },
    ours: {
      'paths fused, 1 thread': { seconds: ours.single.seconds, cpuSeconds: ours.single.cpuSeconds },
      [`paths fused, ${threads} threads`]: {
        seconds: ours.parallel.seconds,
        cpuSeconds: ours.parallel.cpuSeconds,
      },
      seconds: ours.seconds,
      cpuSeconds: ours.cpu,
      'all other measures together': ours.all.seconds,
      modularity: ours.all.value.graph.modularity,
    },
    igraph: { ...igraph, maxRssMiB: Math.round(python.igraph.maxRssKiB / 1024) },
    networkx: nx ?? null,
    ratios: { igraph: ratios(ours, igraph.seconds), networkx: ratios(ours, nx?.seconds) },
  };
}

function printGraph(result, threads, repeat) {
  const fmt = (v) => (v === undefined || v === null ? '–' : v.toFixed(3));
  const diff = (v) => (v === undefined || v === null ? '–' : v === 0 ? '0' : v.toExponential(1));
  const { ours, igraph, networkx: nx } = result;
  const rows = [['measure', 'ours (s)', 'igraph (s)', '|Δ| igraph', 'NetworkX (s)', '|Δ| NetworkX']];
  rows.push([
    'paths fused (b+c+h)',
    `${fmt(ours['paths fused, 1 thread'].seconds)} (1 thr), ${fmt(ours[`paths fused, ${threads} threads`].seconds)} (${threads} thr)`,
    '',
    '',
    '',
    '',
  ]);
  for (const name of PATH_MEASURES)
    rows.push([
      `  ${name}`,
      '(fused)',
      fmt(igraph.seconds[name]),
      diff(igraph.maxAbsDifference[name]),
      fmt(nx?.seconds[name]),
      diff(nx?.maxAbsDifference?.[name]),
    ]);
  for (const name of Object.keys(MEASURES))
    rows.push([
      name,
      fmt(ours.seconds[name]),
      fmt(igraph.seconds[name]),
      diff(igraph.maxAbsDifference[name]),
      fmt(nx?.seconds[name]),
      diff(nx?.maxAbsDifference?.[name]),
    ]);
  rows.push(['all other measures', fmt(ours['all other measures together']), '', '', '', '']);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
  const once = nx?.timesRun
    ? Object.entries(nx.timesRun)
        .filter(([, t]) => t === 1)
        .map(([k]) => k)
    : [];
  process.stdout.write(
    `\nnetwork benchmark — BA n=${result.graph.n}, m=${result.graph.m} ties, best of ${repeat}` +
      (once.length ? ` (NetworkX ${once.join(', ')} timed once)` : '') +
      `\n${table}\n`,
  );
  for (const [base, r] of Object.entries(result.ratios))
    for (const [what, v] of Object.entries(r ?? {}))
      process.stdout.write(
        `${base}: ${what} = ×${v.singleThread} on 1 thread, ×${v.allThreads} on ${threads}\n`,
      );
}

export default async function networkBenchmark(options = {}) {
  const repeat = options.repeat ?? 3;
  const networkx = options.networkx ?? 'full';
  const n = options.n ?? N;
  const small = options.small ?? SMALL;
  const work = join(root, 'tmp', 'bench-network');
  mkdirSync(work, { recursive: true });
  compile(work);
  const require = createRequire(import.meta.url);
  const lib = {
    core: require(join(work, 'libs/network/core/src/index.js')),
    parallelPathMeasures: require(join(work, 'libs/network/compute/src/network-compute.js'))
      .parallelPathMeasures,
  };
  const threads = availableParallelism();
  const graphs = {};
  // On the large graph NetworkX's path measures take minutes each and its constraint and
  // effective size many minutes: the small graph times them best of `repeat`.
  graphs.large = await benchGraph(lib, {
    n,
    repeat,
    threads,
    networkx,
    networkxLimits: { once: PATH_MEASURES, skip: ['constraint', 'effectiveSize'] },
  });
  printGraph(graphs.large, threads, repeat);
  if (small > 0) {
    graphs.small = await benchGraph(lib, {
      n: small,
      repeat,
      threads,
      networkx,
      networkxLimits: { once: [], skip: [] },
    });
    printGraph(graphs.small, threads, repeat);
  }
  const result = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      threads,
      node: process.version,
      loadAverage: loadavg(),
    },
    repeat,
    ...graphs,
  };
  if (options.write !== false) {
    writeResult('network', result);
  }
  return result;
}

runWhenStarted(import.meta.url, (args) => {
  const value = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return networkBenchmark({
    networkx: value('--networkx'),
    repeat: value('--repeat') ? Number(value('--repeat')) : undefined,
    n: value('--n') ? Number(value('--n')) : undefined,
    small: value('--small') ? Number(value('--small')) : undefined,
  });
});
