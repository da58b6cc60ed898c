#!/usr/bin/env node
// The programme service's performance promises (issue 11), from the compiled server code:
//   node tools/bench/programme.mjs        (npm run bench -- programme)
//  1. allocation over 10,000 areas (target < 50 ms) — `_programme-allocation.mjs`;
//  2. the programme dashboard read with 500 measures, warm (target p95 < 50 ms);
//  3. event-to-attainment latency: from the moment an indicator import's job is done (its
//     values committed) until the programme's attainment read shows the new value (target
//     p95 < 1 s) — the whole path of the embedded platform: outbox relay, the indicator
//     service's fact publication, the programme service's evidence read model.
// The platform runs embedded in a child process on a throw-away data directory with the
// generated demo city only (no reference data: nothing here depends on third-party files).
import { client, quantile, startPlatform, token, waitForJob } from './_embedded-platform.mjs';
import runAllocation from './_programme-allocation.mjs';
import { runWhenStarted } from './_server-build.mjs';

const MEASURES = 500;
const READS = 200;
const IMPORTS = 20;
const TENANT_USER = 'musterstadt-admin';

/** A programme over 20 planning areas with MEASURES measures, budget, impact model and indicator. */
async function setUpProgramme(call) {
  const areas = (await call('GET', '/api/registry/areas?limit=500')).items ?? [];
  const level = areas.reduce((deepest, a) =>
    (a.path?.length ?? 0) > (deepest.path?.length ?? 0) ? a : deepest,
  ).level;
  const planning = areas.filter((a) => a.level === level).slice(0, 20);
  const programme = await call('POST', '/api/programme/programmes', {
    name: 'Benchmark-Programm',
    fundingPeriods: [{ from: '2024-01-01', to: '2027-12-31' }],
    budgetLines: [{ key: 'projektfonds', label: 'Projektfonds' }],
    fieldsOfAction: [{ key: 'bildung', label: 'Bildung' }],
  });
  await call('PUT', `/api/programme/programmes/${programme.id}/budget`, {
    entries: [2024, 2025, 2026, 2027].map((year) => ({ year, line: 'projektfonds', amountCents: 1e12 })),
  });
  await call('PUT', `/api/programme/programmes/${programme.id}/areas`, {
    runId: null,
    rule: null,
    changes: planning.map((a) => ({ action: 'add', areaId: a.id, reason: 'Benchmark' })),
  });
  const rows = ['title;areas;responsible;field_of_action;budget'];
  for (let i = 0; i < MEASURES; i++)
    rows.push(
      `Maßnahme ${i + 1};${planning[i % planning.length].code};Träger ${i % 37};bildung;2025/projektfonds=${1000 + i}`,
    );
  await call(
    'POST',
    `/api/programme/programmes/${programme.id}/measures/import`,
    rows.join('\n'),
    'text/csv',
  );
  await call('PUT', `/api/programme/programmes/${programme.id}/impact-model`, {
    baseVersion: 0,
    model: {
      id: programme.id,
      title: 'Benchmark',
      nodes: [
        { id: 'a', type: 'activity', title: 'Angebote' },
        { id: 'o', type: 'output', step: 2, title: 'Erreicht' },
        {
          id: 'c',
          type: 'outcome',
          step: 4,
          title: 'Wirkung',
          bindings: [
            {
              id: 'b',
              source: { kind: 'indicator', indicatorCode: 'BENCH', areas: { kind: 'programme-areas' } },
              baseline: { value: 50, period: '2020' },
              target: { value: 10, date: '2030-12-31' },
              polarity: 'lower-is-better',
            },
          ],
        },
      ],
      edges: [
        { from: 'a', to: 'o' },
        { from: 'o', to: 'c' },
      ],
    },
  });
  await call('POST', '/api/indicator/indicators', {
    code: 'BENCH',
    name: { de: 'Benchmark-Anteil' },
    unit: '%',
    polarity: 'higher-is-worse',
    periodicity: 'year',
  }).catch((error) => {
    throw new Error(`indicator create: ${error.message}`);
  });
  return { programme, planning };
}

async function readDashboard(call, programme) {
  // Dashboard reads, warm.
  for (let i = 0; i < 20; i++) await call('GET', `/api/programme/programmes/${programme.id}/dashboard`);
  const reads = [];
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    const dashboard = await call('GET', `/api/programme/programmes/${programme.id}/dashboard`);
    reads.push(performance.now() - started);
    if (i === 0 && Object.values(dashboard.measuresByStatus).reduce((s, n) => s + n, 0) < MEASURES)
      throw new Error('the dashboard does not count every measure');
  }
  reads.sort((a, b) => a - b);
  return reads;
}

async function importToAttainment(call, programme, planning) {
  // Import → attainment.
  const latencies = [];
  for (let i = 0; i < IMPORTS; i++) {
    const value = 40 - i;
    const csv = [
      'area,period,indicator,value',
      ...planning.map((a) => `${a.code},${2021 + i},BENCH,${value}`),
    ].join('\n');
    const job = await call('POST', `/api/indicator/imports?format=csv`, csv, 'application/octet-stream');
    await waitForJob(call, `/api/indicator/imports/${job.id}`, { intervalMs: 20 });
    const committed = performance.now();
    for (;;) {
      const attainment = await call('GET', `/api/programme/programmes/${programme.id}/attainment`);
      const actual = attainment.items[0]?.nodes[0]?.bindings[0]?.current?.actual;
      if (actual?.status === 'value' && Math.abs(actual.value - value) < 1e-9) break;
      if (performance.now() - committed > 30_000)
        throw new Error('attainment did not follow the import within 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    latencies.push(performance.now() - committed);
  }
  latencies.sort((a, b) => a - b);
  return latencies;
}

function summarise(allocation, reads, latencies) {
  const result = {
    allocation,
    dashboard: {
      measures: MEASURES,
      reads: READS,
      p50Ms: Number(quantile(reads, 0.5).toFixed(1)),
      p95Ms: Number(quantile(reads, 0.95).toFixed(1)),
      target: 'p95 < 50 ms',
    },
    eventToAttainment: {
      imports: IMPORTS,
      p50Ms: Number(quantile(latencies, 0.5).toFixed(0)),
      p95Ms: Number(quantile(latencies, 0.95).toFixed(0)),
      maxMs: Number(latencies.at(-1).toFixed(0)),
      target: 'p95 < 1,000 ms',
    },
  };
  process.stderr.write(
    `dashboard (${MEASURES} measures): p50 ${result.dashboard.p50Ms} ms, p95 ${result.dashboard.p95Ms} ms\n` +
      `import commit → attainment: p50 ${result.eventToAttainment.p50Ms} ms, p95 ${result.eventToAttainment.p95Ms} ms\n`,
  );
  return result;
}

export default async function run() {
  const allocation = await runAllocation();
  const platform = await startPlatform({ name: 'bench-programme' });
  try {
    const call = client(platform.url, await token(platform.url, TENANT_USER));
    const { programme, planning } = await setUpProgramme(call);
    const reads = await readDashboard(call, programme);
    const latencies = await importToAttainment(call, programme, planning);
    return summarise(allocation, reads, latencies);
  } finally {
    await platform.stop();
  }
}

runWhenStarted(import.meta.url, async () =>
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`),
);
