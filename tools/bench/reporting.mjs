// Reporting service benchmark (issue 13), through the running embedded platform with the Berlin
// demo (it needs the reference data folder: LOR geometries and MSS tables; without it the
// benchmark says so and measures nothing):
//  1. one area profile PDF, warm: request (data gathered over HTTP with the reader's token and
//     pinned) → rendered by the job runner → downloaded; p50/p95 over 20 runs, split into
//     gathering, rendering and download. Target: p95 < 1 s.
//  2. the profiles of all Berlin planning areas as one ZIP (`level: planungsraum`): time from the
//     request to the finished file, CPU seconds of the platform process, resident memory before
//     and at its peak (sampled every 250 ms). Target: < 3 min on 2 cores, RSS growth < 300 MB.
// The machine's load average is reported too: on a shared machine wall times follow it; so are
// CPU seconds (the platform process — all its threads — and with its embedded PostgreSQL),
// which measure the work whatever the load.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { client, cpuSecondsOf, memoryOf, quantile, startPlatform, token } from './_embedded-platform.mjs';
import { root } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const WARM_RUNS = 20;

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function report(api, body, onPoll = () => undefined) {
  const started = performance.now();
  const { id } = await api('POST', '/api/reporting/reports', body);
  const pinned = performance.now();
  let view;
  for (;;) {
    view = await api('GET', `/api/reporting/reports/${id}`);
    onPoll(view);
    if (['done', 'failed', 'cancelled'].includes(view.status)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (view.status !== 'done') throw new Error(`report ${id} ${view.status}: ${JSON.stringify(view.error)}`);
  const rendered = performance.now();
  const file = await api.raw('GET', `/api/reporting/reports/${id}/file`);
  const downloaded = performance.now();
  return {
    view,
    bytes: file.bytes,
    gatherMs: pinned - started,
    renderMs: rendered - pinned,
    downloadMs: downloaded - rendered,
    totalMs: downloaded - started,
  };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: Math.round(quantile(sorted, 0.5)), p95: Math.round(quantile(sorted, 0.95)) };
};

export default async function run() {
  // The files the platform's Berlin demo reads: without every one of them it seeds no Berlin.
  const { BERLIN_DEMO_FILES, referenceDataNotFound, referenceDataPath } = require(
    join(root, 'dist/server/libs/reference-data/src/index.js'),
  );
  const missing = BERLIN_DEMO_FILES.filter((file) => referenceDataPath(file) === undefined);
  if (missing.length > 0) {
    const skipped = referenceDataNotFound(missing, 'the reporting benchmark');
    process.stderr.write(`${skipped}\n`);
    return { skipped };
  }
  const loadBefore = loadavg();
  // With the reference data, so Berlin is seeded (which takes longer than the demo city alone).
  const platform = await startPlatform({
    name: 'bench-reporting',
    referenceData: true,
    readyTimeoutMs: 900_000,
  });
  try {
    const api = client(platform.url, await token(platform.url, 'viewer'));
    const areas = await api('GET', '/api/registry/areas?level=planungsraum&limit=1000');
    const subject = areas.items.find((a) => a.code.startsWith('01')) ?? areas.items[0];
    const single = { type: 'area-profile', areaId: subject.id, format: 'pdf', language: 'de' };
    for (let i = 0; i < 3; i++) await report(api, single);
    const runs = [];
    const singleLoad = loadavg();
    const singleCpu = [cpuSeconds(platform.pid), cpuSecondsOf(platform.pid)];
    for (let i = 0; i < WARM_RUNS; i++) runs.push(await report(api, single));
    const singleCpuMs = [cpuSeconds(platform.pid), cpuSecondsOf(platform.pid)].map((c, i) =>
      Math.round(((c - singleCpu[i]) * 1000) / WARM_RUNS),
    );
    const batchLoad = loadavg();

    const rssBefore = memoryOf(platform.pid).rssMiB;
    const cpuBefore = cpuSeconds(platform.pid);
    const treeCpuBefore = cpuSecondsOf(platform.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, memoryOf(platform.pid).rssMiB)), 250);
    const batch = await report(api, { type: 'area-profile', level: 'planungsraum', format: 'pdf' }).finally(
      () => clearInterval(sampler),
    );
    const cpu = cpuSeconds(platform.pid) - cpuBefore;
    const treeCpu = cpuSecondsOf(platform.pid) - treeCpuBefore;
    const result = {
      loadAverage: {
        before: loadBefore.map((l) => +l.toFixed(2)),
        single: singleLoad.map((l) => +l.toFixed(2)),
        batch: batchLoad.map((l) => +l.toFixed(2)),
        after: loadavg().map((l) => +l.toFixed(2)),
      },
      areaProfile: {
        area: `${subject.code} ${subject.name}`,
        warmRuns: WARM_RUNS,
        totalMs: stats(runs.map((r) => r.totalMs)),
        gatherMs: stats(runs.map((r) => r.gatherMs)),
        renderMs: stats(runs.map((r) => r.renderMs)),
        downloadMs: stats(runs.map((r) => r.downloadMs)),
        pdfBytes: runs[0].bytes.length,
        // Per profile, status polls (every 25 ms) included.
        platformCpuMs: singleCpuMs[0],
        platformWithPostgresCpuMs: singleCpuMs[1],
        targetP95Ms: 1000,
      },
      batch: {
        areas: areas.items.length,
        seconds: +(batch.totalMs / 1000).toFixed(1),
        gatherSeconds: +(batch.gatherMs / 1000).toFixed(1),
        platformCpuSeconds: +cpu.toFixed(1),
        platformWithPostgresCpuSeconds: +treeCpu.toFixed(1),
        zipBytes: batch.bytes.length,
        rssBeforeMiB: rssBefore,
        rssPeakMiB: rssPeak,
        rssGrowthMiB: rssPeak - rssBefore,
        targets: { seconds: 180, rssGrowthMiB: 300 },
      },
    };
    process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await platform.stop();
  }
}
