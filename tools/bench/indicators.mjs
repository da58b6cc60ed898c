#!/usr/bin/env node
// Indicator service benchmark (issue 3), from the compiled server code in dist/server.
//   node tools/bench/indicators.mjs            (npm run bench -- indicators)
// 1. import: a generated long CSV of 1,000,000 values (1,000 areas × 100 indicators × 10
//    periods, with numerator/denominator) uploaded over HTTP to a started indicator service and
//    imported through its real path (spool → per-row validation → COPY into a load table →
//    insert in key order, all-or-nothing, outbox events), timed from the upload's first byte to
//    the job reported done; in the same run the baseline end to end: a client reads the same
//    file, resolves codes to ids and COPYs the rows into a table created LIKE indicator_value
//    INCLUDING ALL (same key, collation, checks, indexes), timed from opening the file to COMMIT.
//    Both times, the ratio, the earlier narrow-table ratio beside it, and the process's peak RSS
//    while importing (the service runs in this process).
// 2. core: aggregation up a 3-level hierarchy + one composite index for 1,000 areas × 300
//    indicators × 30 periods (pure library, no I/O).
// 3. map request p95, warm: autocannon against the same service (one indicator, one period,
//    1,000 areas), Redis cache when REDIS_URL is set.
// Parts 1 and 3 need DATABASE_URL (a PostgreSQL server, e.g. the test infrastructure).
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyIntoServiceShape, narrowCopy } from './_indicators-baseline.mjs';
import { seededRandom } from '../seeded-random.mjs';
import { ensureServerBuilt, root, runWhenStarted, serviceTestKit, writeResult } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const AREAS = 1000;
// A quick run: INDICATOR_BENCH_INDICATORS=10 (100,000 values), INDICATOR_BENCH_SKIP_CORE=1.
const INDICATORS = Number(process.env.INDICATOR_BENCH_INDICATORS ?? 100);
const PERIODS = 10;
const seconds = (started) => Number(((performance.now() - started) / 1000).toFixed(3));
const mib = (bytes) => Number((bytes / 2 ** 20).toFixed(1));

const areaCode = (i) => `A${String(i).padStart(4, '0')}`;
const indicatorCode = (k) => `I${String(k).padStart(3, '0')}`;
const periodOf = (p) => String(2010 + p);

async function generateCsv(file) {
  const random = seededRandom(20250101);
  async function* lines() {
    yield 'area,period,indicator,value,numerator,denominator\n';
    for (let i = 0; i < AREAS; i++) {
      let chunk = '';
      for (let p = 0; p < PERIODS; p++) {
        for (let k = 0; k < INDICATORS; k++) {
          const denominator = 200 + Math.floor(random() * 4800);
          const numerator = Math.floor(random() * denominator * 0.3);
          chunk += `${areaCode(i)},${periodOf(p)},${indicatorCode(k)},${((numerator / denominator) * 100).toFixed(4)},${numerator},${denominator}\n`;
        }
      }
      yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(file));
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const baseline = peak;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop: () => (
      clearInterval(timer),
      { baselineMiB: mib(baseline), peakMiB: mib(peak), growthMiB: mib(peak - baseline) }
    ),
  };
}

/** 10 districts → 100 regions → 1,000 planning areas, and the indicators of the file. */
async function seedCatalogue(t, token) {
  const areas = [];
  for (let d = 0; d < 10; d++) {
    areas.push({ code: `D${d}`, level: 'district' });
    for (let r = 0; r < 10; r++) {
      areas.push({ code: `R${d}${r}`, level: 'region', parent: `D${d}` });
      for (let a = 0; a < 10; a++)
        areas.push({
          code: areaCode(d * 100 + r * 10 + a),
          level: 'area',
          parent: `R${d}${r}`,
          population: 1000 + a * 100,
        });
    }
  }
  await t.seedAreas('berlin-demo', areas);
  for (let k = 0; k < INDICATORS; k++) {
    const response = await fetch(`${t.url}/api/indicator/indicators`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        code: indicatorCode(k),
        name: { de: `Indikator ${k}` },
        unit: '%',
        polarity: 'higher-is-worse',
        periodicity: 'year',
        confidentiality: { minNumerator: 3 },
      }),
    });
    if (response.status !== 201)
      throw new Error(`indicator ${k}: ${response.status} ${await response.text()}`);
  }
}

/** The file through the service: from the upload's first byte until the job is reported done (polled every 100 ms). */
async function importThroughService(t, token, file) {
  const memory = rssSampler();
  const started = performance.now();
  const upload = await fetch(`${t.url}/api/indicator/imports?format=csv&fileName=values.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })),
    duplex: 'half',
  });
  const accepted = await upload.json();
  if (upload.status !== 202) throw new Error(`import refused: ${JSON.stringify(accepted)}`);
  const uploadSeconds = seconds(started);
  let job = accepted;
  const polls = [];
  // When each status was first seen and the slowest poll: a poll that waits for seconds is the
  // service's event loop busy, which the job table's times do not show.
  const seen = {};
  let slowestPoll = 0;
  while (job.status !== 'succeeded' && job.status !== 'failed') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const asked = performance.now();
    job = await (
      await fetch(`${t.url}/api/indicator/imports/${accepted.id}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    slowestPoll = Math.max(slowestPoll, seconds(asked));
    seen[job.status] ??= seconds(started);
    polls.push(Number(job.progress.toFixed(3)));
  }
  const totalSeconds = seconds(started);
  const rss = memory.stop();
  if (job.status !== 'succeeded')
    throw new Error(`import failed: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`);
  const [{ created_at, started_at, finished_at }] = await t.db.query(
    `SELECT created_at, started_at, finished_at FROM job WHERE id = $1`,
    [accepted.id],
  );
  const between = (a, b) => (new Date(b).getTime() - new Date(a).getTime()) / 1000;
  const jobSeconds = between(started_at, finished_at);
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM indicator_value`);
  return {
    importPath: {
      uploadSeconds,
      totalSeconds,
      jobSeconds,
      // Between the job's creation and its start: the job runner's pick-up.
      queuedSeconds: between(created_at, started_at),
      rows: job.observations,
      storedRows: n,
      polls: polls.length,
      statusFirstSeenAtSeconds: seen,
      slowestPollSeconds: slowestPoll,
      distinctProgress: new Set(polls).size,
    },
    memory: rss,
  };
}

/** Map request: one indicator, one period, 1,000 areas; the first call computes, then warm under autocannon. */
async function mapRequest(t, token) {
  const autocannon = require('autocannon');
  const path = `/api/indicator/values?indicator=${indicatorCode(Math.min(7, INDICATORS - 1))}&period=${periodOf(5)}&level=area`;
  const started = performance.now();
  const cold = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const coldBody = await cold.json();
  if (cold.status !== 200) throw new Error(`map request: ${cold.status} ${JSON.stringify(coldBody)}`);
  const coldMs = Number((performance.now() - started).toFixed(1));
  const load = await autocannon({
    url: `${t.url}${path}`,
    headers: { authorization: `Bearer ${token}` },
    connections: 10,
    duration: 10,
  });
  return {
    areas: coldBody.items.length,
    coldMs,
    requests: load.requests.total,
    non2xx: load.non2xx,
    latencyMs: {
      p50: load.latency.p50,
      p90: load.latency.p90,
      p97_5: load.latency.p97_5,
      p99: load.latency.p99,
      max: load.latency.max,
    },
    note: 'autocannon reports p90 and p97.5; p95 lies between them',
    cache: process.env.REDIS_URL ? 'redis' : 'memory',
  };
}

async function servicePart(work) {
  const kit = serviceTestKit();
  if (!kit) return { skipped: 'DATABASE_URL not set' };
  const { startServiceTestApp } = kit;
  const { IndicatorApiModule, INDICATOR_SERVICE } = require(
    join(root, 'dist/server/libs/indicator/api/src/index.js'),
  );
  const t = await startServiceTestApp({
    service: 'indicator',
    module: (rt) => IndicatorApiModule.forRoot(rt),
    moduleClass: IndicatorApiModule,
    streamedBodyPaths: INDICATOR_SERVICE.streamedBodyPaths,
    runtime: { redisUrl: process.env.REDIS_URL },
  });
  try {
    const token = await t.tokenFor('admin');
    await seedCatalogue(t, token);
    const file = join(work, 'values.csv');
    const started = performance.now();
    await generateCsv(file);
    const generateSeconds = seconds(started);
    const bytes = statSync(file).size;

    // Same database, same server, same file, same table shape: the only difference is what
    // happens to the rows on their way in.
    const [{ schema }] = await t.db.query(`SELECT current_schema() AS schema`);
    const connection = { connectionString: t.db.options.url, options: `-c search_path=${schema}` };
    const copy = await copyIntoServiceShape(connection, file, 'berlin-demo');
    const narrow = await narrowCopy(connection, file);
    const { importPath, memory } = await importThroughService(t, token, file);
    return {
      file: { rows: AREAS * INDICATORS * PERIODS, bytes, generateSeconds },
      importPath,
      copyBaseline: copy,
      ratioOfCopySpeed: Number((copy.seconds / importPath.totalSeconds).toFixed(3)),
      serviceTimeOverCopy: Number((importPath.totalSeconds / copy.seconds).toFixed(2)),
      previousBaseline: {
        what: 'COPY of the file as it is into a narrow table (codes, primary key), BEGIN to COMMIT',
        seconds: narrow.seconds,
        ratioOfCopySpeed: Number((narrow.seconds / importPath.totalSeconds).toFixed(3)),
        ratioOfCopySpeedJobOnly: Number((narrow.seconds / importPath.jobSeconds).toFixed(3)),
      },
      memory,
      mapRequest: await mapRequest(t, token),
    };
  } finally {
    await t.close();
  }
}

/** Two indices over the first ten indicators (status: three classes, dynamics: two). */
function indexDefinition(core, indexIndicators) {
  return core.parseIndexDefinition({
    id: 'bench',
    population: 'EW',
    minPopulation: 300,
    indices: [
      {
        id: 'status',
        indicators: indexIndicators.slice(0, 5),
        classes: [
          { code: '1', label: 'a', upTo: -1 },
          { code: '2', label: 'b', upTo: 1, inclusive: true },
          { code: '3', label: 'c' },
        ],
      },
      {
        id: 'dynamics',
        indicators: indexIndicators.slice(5),
        classes: [
          { code: '+', label: 'a', upTo: -1 },
          { code: '-', label: 'b' },
        ],
      },
    ],
  });
}

function corePart() {
  const core = require(join(root, 'dist/server/libs/indicator/core/src/index.js'));
  const AREAS_CORE = 1000;
  const INDICATORS_CORE = 300;
  const PERIODS_CORE = 30;
  const random = seededRandom(7);
  // 10 districts → 100 regions → 1,000 areas.
  const areas = [];
  for (let d = 0; d < 10; d++) {
    areas.push({ id: `D${d}`, parentId: null, population: null });
    for (let r = 0; r < 10; r++) areas.push({ id: `R${d}${r}`, parentId: `D${d}`, population: null });
  }
  const leaves = [];
  for (let i = 0; i < AREAS_CORE; i++) {
    const id = areaCode(i);
    leaves.push(id);
    areas.push({
      id,
      parentId: `R${Math.floor(i / 100)}${Math.floor(i / 10) % 10}`,
      population: 300 + Math.floor(random() * 5000),
    });
  }
  // values[period][indicator] = Map(area → cell)
  const generateStarted = performance.now();
  const values = [];
  for (let p = 0; p < PERIODS_CORE; p++) {
    const perIndicator = [];
    for (let k = 0; k < INDICATORS_CORE; k++) {
      const cells = new Map();
      for (const id of leaves) {
        const denominator = 200 + Math.floor(random() * 4800);
        const numerator = Math.floor(random() * denominator * 0.3);
        cells.set(id, { status: 'value', value: (numerator / denominator) * 100, numerator, denominator });
      }
      perIndicator.push(cells);
    }
    values.push(perIndicator);
  }
  const generateSeconds = seconds(generateStarted);
  const indexIndicators = Array.from({ length: 10 }, (_, k) => indicatorCode(k));
  const definition = indexDefinition(core, indexIndicators);
  const started = performance.now();
  // The hierarchy is prepared once, as the service does per area-tree version.
  const prepared = core.prepareHierarchy(areas);
  let aggregatedCells = 0;
  let validAreas = 0;
  let indexMs = 0;
  for (let p = 0; p < PERIODS_CORE; p++) {
    const resolved = [];
    for (let k = 0; k < INDICATORS_CORE; k++) {
      const cells = core.resolveHierarchyValues(prepared, values[p][k], { scale: 100, suppression: null });
      aggregatedCells += cells.length;
      if (k < indexIndicators.length) resolved.push(cells);
    }
    // Cells come back in hierarchy order; the leaves are the last AREAS_CORE entries.
    const offset = areas.length - AREAS_CORE;
    const inputs = leaves.map((id, i) => {
      const values = { EW: areas[offset + i].population };
      indexIndicators.forEach((code, k) => (values[code] = resolved[k][offset + i].value));
      return { area: id, values };
    });
    const indexStarted = performance.now();
    validAreas += core.computeCompositeIndex(definition, inputs).validAreaCount;
    indexMs += performance.now() - indexStarted;
  }
  const total = seconds(started);
  return {
    areas: AREAS_CORE,
    hierarchyAreas: areas.length,
    indicators: INDICATORS_CORE,
    periods: PERIODS_CORE,
    generateSeconds,
    seconds: total,
    indexSeconds: Number((indexMs / 1000).toFixed(3)),
    aggregationSeconds: Number((total - indexMs / 1000).toFixed(3)),
    aggregatedCells,
    indexRuns: PERIODS_CORE,
    validAreasPerRun: validAreas / PERIODS_CORE,
  };
}

export default async function run() {
  ensureServerBuilt('dist/server/libs/indicator/api/src/index.js');
  const work = mkdtempSync(join(tmpdir(), 'quartier-bench-indicators-'));
  try {
    // Service first: its RSS baseline must not include the core part's generated data.
    const service = await servicePart(work);
    const core = process.env.INDICATOR_BENCH_SKIP_CORE ? { skipped: true } : corePart();
    const result = {
      benchmark: 'indicators',
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        loadAverage: loadavg(),
      },
      core,
      service,
    };
    writeResult('indicators', result);
    const rows = [
      [
        `aggregation + index, ${core.areas} areas × ${core.indicators} ind. × ${core.periods} periods (core)`,
        `${core.seconds} s`,
        `goal < 2 s; aggregation ${core.aggregationSeconds} s (${core.aggregatedCells} cells), ${core.indexRuns} index runs ${core.indexSeconds} s`,
      ],
    ];
    if (!service.skipped) {
      rows.push([
        `COPY of ${service.file.rows} rows into LIKE indicator_value (file → COMMIT)`,
        `${service.copyBaseline.seconds} s`,
        `${mib(service.file.bytes)} MiB CSV, codes resolved by the client, ${service.copyBaseline.rows} rows`,
      ]);
      rows.push([
        'service import (upload → job succeeded)',
        `${service.importPath.totalSeconds} s`,
        `upload ${service.importPath.uploadSeconds} s, queued ${service.importPath.queuedSeconds} s, job ${service.importPath.jobSeconds} s; ${service.importPath.storedRows} rows stored`,
      ]);
      rows.push([
        'import speed / COPY speed (both end to end)',
        `${Math.round(service.ratioOfCopySpeed * 100)} %`,
        `goal ≥ 50 %; the service takes ×${service.serviceTimeOverCopy} the COPY's time`,
      ]);
      rows.push([
        'previous baseline: narrow-table COPY, BEGIN → COMMIT',
        `${service.previousBaseline.seconds} s`,
        `its ratio ${Math.round(service.previousBaseline.ratioOfCopySpeed * 100)} % (job only ${Math.round(service.previousBaseline.ratioOfCopySpeedJobOnly * 100)} %)`,
      ]);
      rows.push([
        'peak RSS while importing',
        `${service.memory.peakMiB} MiB`,
        `baseline ${service.memory.baselineMiB} MiB, growth ${service.memory.growthMiB} MiB`,
      ]);
      rows.push([
        `map request warm (${service.mapRequest.areas} areas, ${service.mapRequest.cache})`,
        `p97.5 ${service.mapRequest.latencyMs.p97_5} ms`,
        `p90 ${service.mapRequest.latencyMs.p90} ms, p50 ${service.mapRequest.latencyMs.p50} ms, cold ${service.mapRequest.coldMs} ms, ${service.mapRequest.requests} requests`,
      ]);
    } else rows.push(['service part', 'skipped', service.skipped]);
    process.stdout.write('\nindicators\n');
    for (const [what, time, note] of rows)
      process.stdout.write(`  ${what.padEnd(72)} ${time.padStart(14)}   ${note}\n`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

runWhenStarted(import.meta.url, run);
