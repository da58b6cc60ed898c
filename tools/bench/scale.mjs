#!/usr/bin/env node
// Scale (issue 16): generated cities of 1,000, 10,000 and 50,000 planning areas (four levels,
// @quartier/demo-city) run through ONE embedded platform, one step at a time, through the real
// APIs (platform administrator, one tenant per city):
//   1. area import of every level (GeoJSON uploads, jobs polled) — seconds, and the platform's
//      RSS after it and its peak so far (VmHWM);
//   2. replication into the indicator service while and after the areas are imported: latency of
//      its area list (`/api/indicator/area-refs`, polled sequentially) and how long after the last
//      import job it is complete;
//   3. value import: 3 indicators × 10 periods for every planning area (rows/s, from the start of
//      the upload until the job's end is answered — a long poll of the job);
//   4. map reads of one indicator/period over the planning level, warm: the JSON map endpoint and
//      the vector tiles of a full-city view (bytes on the wire, gzip-encoded; p50/p95 per request);
//   5. an index run over the planning level;
//   6. the portal's indicator explorer in headless Chromium over the largest city (when the
//      portal is built): bytes of the map's data and the time until the map is drawn.
//   node tools/bench/scale.mjs                     (npm run bench -- scale)
//   QUARTIER_SCALE_SIZES=1000,10000 node tools/bench/scale.mjs
//   QUARTIER_SCALE_PROFILE=1 …   the platform runs with --cpu-prof (profiles in bench-results/profiles)
// Besides wall times, the CPU seconds of the platform and its PostgreSQL per step: on the shared
// 2-core machine wall times follow the load, CPU time measures the work. The value import and the
// index run also say whether a major collection of the platform's heap fell into them: at 1,000
// areas that alone made the import take 0.26–0.30 s instead of 0.16–0.20 s (docs/benchmarks.md).
import { mkdirSync, mkdtempSync, rmSync, statSync, createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  client,
  collectionsBetween,
  collectionsOf,
  cpuSecondsOf,
  checkpoint,
  housekeepingOf,
  memoryOf,
  quantile,
  startPlatform,
  token,
  waitForJob,
} from './_embedded-platform.mjs';
import { SCALE_INDEX, SCALE_INDICATORS, writeLevelFiles, writeValueFile } from './_scale-city.mjs';
import { measureExplorer } from './_scale-browser.mjs';
import { fullCityTiles } from './_scale-tiles.mjs';
import { root, runWhenStarted, writeResult } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const SIZES = (process.env.QUARTIER_SCALE_SIZES ?? '1000,10000,50000').split(',').map(Number);
const MAP_READS = 40;
const REPLICATION_LIMIT_MS = 300_000;
const seconds = (ms) => Number((ms / 1000).toFixed(2));
const ms = (value) => Number(value.toFixed(1));
const sleep = (t) => new Promise((r) => setTimeout(r, t));

// Area import jobs are polled every 20 ms: the measured time ends at the first answer that
// reads done, so the interval is measurement error (50 ms added 25 ms on average, 5 % of a
// 1,000-area import); a poll costs the platform about 2 ms. The value import's job is asked with
// `?wait=30`, the long poll its API offers every client: the answer comes when the job has ended
// (or after 30 s, then asked again), so the time ends at the job's end, not at the next poll.
const POLL_MS = 20;

/** Polls the indicator service's area list, one request after the other, until stopped. */
function replicationProbe(call, level) {
  const latencies = [];
  let total = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const page = await call('GET', `/api/indicator/area-refs?level=${level}&limit=50`);
      latencies.push(performance.now() - started);
      total = page.total;
      await sleep(100);
    }
  })();
  return {
    total: () => total,
    stop: async () => {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        requests: sorted.length,
        p50Ms: ms(quantile(sorted, 0.5)),
        p99Ms: ms(quantile(sorted, 0.99)),
        maxMs: ms(sorted.at(-1)),
      };
    },
  };
}

async function importAreas(call, files, pid) {
  const started = performance.now();
  for (const { level, file } of files) {
    const job = await call(
      'POST',
      `/api/registry/area-imports?level=${level}&codeProperty=code&nameProperty=name&populationProperty=population`,
      () => createReadStream(file),
      'application/geo+json',
    );
    await waitForJob(call, `/api/registry/area-imports/${job.id}`, { intervalMs: POLL_MS });
  }
  return { seconds: seconds(performance.now() - started), memory: memoryOf(pid) };
}

async function importValues(call, file, rows) {
  for (const indicator of SCALE_INDICATORS)
    await call('POST', '/api/indicator/indicators', { ...indicator, periodicity: 'year' });
  const started = performance.now();
  const job = await call(
    'POST',
    '/api/indicator/imports?format=csv&fileName=values.csv',
    () => createReadStream(file),
    'application/octet-stream',
  );
  const done = await waitForJob(call, `/api/indicator/imports/${job.id}`, { longPoll: true });
  const elapsed = performance.now() - started;
  if (done.observations !== rows) throw new Error(`value import kept ${done.observations} of ${rows} rows`);
  return { rows, seconds: seconds(elapsed), rowsPerSecond: Math.round(rows / (elapsed / 1000)) };
}

async function timed(reads, request) {
  for (let i = 0; i < 5; i++) await request();
  const latencies = [];
  let bytes = 0;
  for (let i = 0; i < reads; i++) {
    const started = performance.now();
    bytes = await request();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { bytes, p50Ms: ms(quantile(latencies, 0.5)), p95Ms: ms(quantile(latencies, 0.95)) };
}

async function mapReads(call, level) {
  const query = `indicator=ALG2&period=2024&level=${level}`;
  const json = await timed(MAP_READS, async () => {
    const response = await call.wire(`/api/indicator/values?${query}`, { 'accept-encoding': 'gzip' });
    if (response.status !== 200) throw new Error(`map read: ${response.status}`);
    return response.wireBytes;
  });
  const tiles = await fullCityTiles(call, level, query, timed);
  return { json, tiles };
}

async function runIndex(call, level, definitionId) {
  const id =
    definitionId ?? (await call('POST', '/api/indicator/index-definitions', { definition: SCALE_INDEX })).id;
  const started = performance.now();
  const run = await call('POST', `/api/indicator/index-definitions/${id}/runs`, { period: '2024', level });
  return { seconds: seconds(performance.now() - started), validAreas: run.validAreaCount, definitionId: id };
}

/**
 * Seconds until the platform is settled, null after `limitMs`: it with its PostgreSQL uses less
 * than a tenth of a core over 2 s — the import's values are published and applied by the
 * evidence read models — and PostgreSQL's housekeeping after the import is over: no autovacuum
 * worker at work and no checkpoint being written. The CPU alone shows neither (autovacuum sleeps
 * in its cost delay, a checkpoint mostly writes), yet settled runs that overlapped them were the
 * slow ones (docs/benchmarks.md, ninth pass). A checkpoint still spreading its writes is asked to
 * finish at once (`CHECKPOINT`): what waiting for it would bring, minus the wait of up to 4.5
 * minutes. The index step runs right after the import (as a user may) and again then.
 */
async function settled(platform, limitMs = 180_000) {
  const started = performance.now();
  for (;;) {
    const before = cpuSecondsOf(platform.pid);
    await sleep(2000);
    if (cpuSecondsOf(platform.pid) - before < 0.2) {
      const housekeeping = await housekeepingOf(platform.databaseUrl());
      if (housekeeping.autovacuum === 0 && !housekeeping.checkpointing)
        return seconds(performance.now() - started);
      if (housekeeping.autovacuum === 0) await checkpoint(platform.databaseUrl());
    }
    if (performance.now() - started > limitMs) return null;
  }
}

async function measureCity(platform, admin, size, work) {
  const { generateDemoCity } = require(join(root, 'dist/server/libs/demo-city/src/index.js'));
  const city = generateDemoCity({ areas: size, seed: 3 });
  const tenant = `scale-${size}`;
  await admin('PUT', `/api/registry/tenants/${tenant}`, { name: `Skalierung ${size}`, levels: city.levels });
  const call = client(platform.url, await token(platform.url, 'platform'), tenant);
  const files = await writeLevelFiles(city, work);
  const planning = city.levels.at(-1).key;
  const loads = [];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 5000);
  const probe = replicationProbe(call, planning);
  const cpu = () => cpuSecondsOf(platform.pid);
  const cpuAtStart = cpu();
  const areas = await importAreas(call, files, platform.pid);
  const importEnded = performance.now();
  while (probe.total() < size && performance.now() - importEnded < REPLICATION_LIMIT_MS) await sleep(50);
  const completeAfter = probe.total() >= size ? seconds(performance.now() - importEnded) : null;
  // CPU of the platform and its PostgreSQL from the first upload until the list is complete.
  const replication = {
    completeAfterSeconds: completeAfter,
    areaList: await probe.stop(),
    cpuSeconds: Number((cpu() - cpuAtStart).toFixed(1)),
  };
  const values = await writeValueFile(city, work);
  let gcBefore = await collectionsOf(platform.url);
  let cpuBefore = cpu();
  const valueImport = {
    ...(await importValues(call, values.file, values.rows)),
    cpuSeconds: Number((cpu() - cpuBefore).toFixed(1)),
    collections: collectionsBetween(gcBefore, await collectionsOf(platform.url)),
    // Which step raises the peak: the platform's RSS and peak so far after each one.
    memory: memoryOf(platform.pid),
  };
  const map = { ...(await mapReads(call, planning)), memory: memoryOf(platform.pid) };
  gcBefore = await collectionsOf(platform.url);
  cpuBefore = cpu();
  const first = await runIndex(call, planning);
  const index = {
    seconds: first.seconds,
    validAreas: first.validAreas,
    cpuSeconds: Number((cpu() - cpuBefore).toFixed(2)),
    collections: collectionsBetween(gcBefore, await collectionsOf(platform.url)),
  };
  const afterSeconds = await settled(platform);
  cpuBefore = cpu();
  const again = await runIndex(call, planning, first.definitionId);
  index.settled = {
    seconds: again.seconds,
    afterSeconds,
    cpuSeconds: Number((cpu() - cpuBefore).toFixed(2)),
  };
  clearInterval(sampler);
  const { checkpoints } = await housekeepingOf(platform.databaseUrl());
  const result = {
    areas: size,
    // On a shared machine wall times follow the load: the 1-minute load average, sampled every
    // 5 s while the city was measured (mean).
    load: Number((loads.reduce((a, b) => a + b, loadavg()[0]) / (loads.length + 1)).toFixed(1)),
    allAreas: city.areas.length,
    geojsonMiB: Number((files.reduce((s, f) => s + statSync(f.file).size, 0) / 2 ** 20).toFixed(1)),
    areaImport: areas,
    replication,
    valueImport,
    map,
    index,
    memory: memoryOf(platform.pid),
    // Of the whole platform's life so far (the cities are measured one after the other).
    checkpoints,
  };
  return { result, city, files };
}

function row(r) {
  const map = r.map.tiles
    ? `${r.map.tiles.p50Ms} / ${r.map.tiles.p95Ms} ms per tile (${r.map.tiles.tiles} tiles, ${(r.map.tiles.bytes / 2 ** 20).toFixed(2)} MB)${rasterOf(r.map.tiles.raster)}`
    : '–';
  return [
    r.areas.toLocaleString('en'),
    `${r.areaImport.seconds} s`,
    `${r.areaImport.memory.rssMiB} MiB (peak ${r.memory.peakMiB} MiB)`,
    `${r.valueImport.seconds} s (${Math.round(r.valueImport.rowsPerSecond / 1000)}k rows/s; CPU ${r.valueImport.cpuSeconds} s${majors(r.valueImport.collections)})`,
    `${r.map.json.p50Ms} / ${r.map.json.p95Ms} ms (${(r.map.json.bytes / 2 ** 20).toFixed(2)} MB)`,
    map,
    `${r.index.seconds} s (CPU ${r.index.cpuSeconds} s${majors(r.index.collections)}); settled ${r.index.settled.seconds} s (${r.index.settled.afterSeconds ?? '> 180'} s later)`,
    `p99 ${r.replication.areaList.p99Ms} ms, complete after ${r.replication.completeAfterSeconds ?? '> 300'} s (CPU of import and replication ${r.replication.cpuSeconds} s)`,
    String(r.load),
  ];
}

/** Major collections of the platform's heap that fell into a step, which the step then paid for. */
function majors(collections) {
  return collections.major > 0
    ? `; ${collections.major} major GC, ${collections.majorMs} ms paused, heap ${collections.heapBeforeMiB} MiB before`
    : '';
}

/** The area-id rasters of the same view: PNGs and their codes, cold (first answer) and warm. */
function rasterOf(raster) {
  if (!raster) return '';
  const kb = (bytes) => Math.round(bytes / 1024);
  return (
    `; as id rasters ${raster.p50Ms} / ${raster.p95Ms} ms per tile, ${kb(raster.pngBytes)} kB PNG + ` +
    `${kb(raster.codesBytes)} kB codes, first view ${raster.coldViewMs} ms`
  );
}

function browserLine(browser) {
  if (!browser)
    return 'Browser: not measured (build the portal: `node tools/build.mjs`; Chromium at /usr/bin/chromium).';
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);
  // The step's selector accepts "0": a map that drew nothing must not pass for a fast one.
  if (browser.features === 0)
    return (
      `Browser: the explorer's map reported NOTHING drawn (0 features) ${browser.pageMs} ms after the reload; ` +
      `tile answers by status ${JSON.stringify(browser.tileStatuses ?? {})}, page errors ` +
      `${JSON.stringify(browser.pageErrors ?? [])}.`
    );
  return (
    `Browser (explorer, ${browser.features.toLocaleString('en')} features drawn, cache disabled): map data ` +
    `${mb(browser.mapBytes)} MB in ${browser.mapRequests} requests, drawn ${browser.renderMs} ms after the value ` +
    `layer was requested (median of ${browser.renderRunsMs.join(', ')} ms; page reload to drawn map ` +
    `${browser.pageMs} ms; measured once the platform was idle, ${browser.settledAfterSeconds} s after seeding); ` +
    `the whole page ${mb(browser.allBytes)} MB, ` +
    `of which the ranking list ${mb(browser.rankingBytes)} MB.`
  );
}

export function table(results) {
  const header = [
    'N areas',
    'area import',
    'RSS after',
    '3 × 10 periods import',
    'map JSON p50/p95 (gzip on the wire)',
    'map tiles, full-city view (gzip on the wire)',
    'index run: right after the import; settled',
    'indicator area list during replication',
    'load',
  ];
  const lines = [header, header.map(() => '---'), ...results.map(row)];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export default async function run() {
  const profile = process.env.QUARTIER_SCALE_PROFILE === '1';
  const profiles = join(root, 'bench-results/profiles');
  if (profile) mkdirSync(profiles, { recursive: true });
  const platform = await startPlatform({
    name: 'bench-scale',
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
  });
  const work = mkdtempSync(join(tmpdir(), 'quartier-bench-scale-'));
  const results = [];
  let browser = null;
  try {
    const admin = client(platform.url, await token(platform.url, 'platform'));
    let largest;
    for (const size of SIZES) {
      process.stderr.write(`scale: ${size} areas …\n`);
      largest = await measureCity(platform, admin, size, work).catch((error) => {
        process.stderr.write(`platform log (end):\n${platform.log().slice(-4000)}\n`);
        throw error;
      });
      results.push(largest.result);
      process.stderr.write(`${JSON.stringify(largest.result)}\n`);
    }
    process.stderr.write(
      `scale: the explorer in Chromium over ${largest.city.planningAreas.length} areas …\n`,
    );
    browser = await measureExplorer({
      url: platform.url,
      root,
      work,
      ...largest,
      settle: () => settled(platform),
    });
    process.stderr.write(`${JSON.stringify(browser ?? 'skipped: portal not built or no Chromium')}\n`);
  } finally {
    await platform.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const markdown = `${table(results)}\n\n${browserLine(browser)}`;
  process.stderr.write(`\n${markdown}\n`);
  writeResult('scale', { measuredAt: new Date().toISOString(), results, browser });
  return { results, browser, table: markdown };
}

runWhenStarted(import.meta.url, async () => process.stdout.write(`${(await run()).table}\n`));
