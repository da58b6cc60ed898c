// Service-level part of `npm run bench -- evaluation` (see evaluation.mjs): the evaluation
// service on a fresh database (needs DATABASE_URL, e.g. the test infrastructure), behind the dev
// OIDC provider. 100 planning areas × 20 indicators × 10 periods arrive as the indicator
// service's events; an evaluation of 10 programme areas with all 20 indicators as outcomes and
// matching on 4 of them is computed live, frozen (POST …/snapshots: gather from the read
// models, validate, canonical JSON, hash, store, outbox), and recomputed from the stored snapshot
// (read, verify the hash, recompute every number) — the first read uncached, the second cached.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { seededRandom } from '../seeded-random.mjs';
import { client } from './_embedded-platform.mjs';
import { serviceTestKit } from './_server-build.mjs';

const require = createRequire(import.meta.url);

const best = async (repeat, fn) => {
  let min = Infinity;
  let value;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    value = await fn();
    min = Math.min(min, performance.now() - started);
  }
  return [Number(min.toFixed(1)), value];
};

/**
 * The indicator service's events for 100 planning areas × 20 indicators × 10 periods, and a
 * programme over the first 10 areas.
 */
async function seedReadModels(t, valueFacts) {
  const tenantId = 'berlin-demo';
  const codes = Array.from({ length: 100 }, (_, i) => `01${String(i).padStart(6, '0')}`);
  const ids = await t.seedAreas(tenantId, [
    { code: '01', level: 'bezirk', name: 'Mitte' },
    ...codes.map((code) => ({ code, level: 'planungsraum', parent: '01', name: `Gebiet ${code}` })),
  ]);
  const indicators = Array.from({ length: 20 }, (_, k) => `I${String(k).padStart(2, '0')}`);
  const periods = Array.from({ length: 10 }, (_, p) => String(2010 + p));
  const random = seededRandom(78);
  for (const code of indicators) {
    const values = codes.flatMap((area) =>
      periods.map((period) => {
        const denominator = 500 + Math.floor(random() * 4500);
        const numerator = 3 + Math.floor(random() * denominator * 0.3);
        return {
          areaId: ids[area],
          period,
          status: 'value',
          value: (100 * numerator) / denominator,
          numerator,
          denominator,
        };
      }),
    );
    for (const payload of valueFacts(
      {
        tenantId,
        indicatorCode: code,
        definitionVersion: 1,
        name: code,
        unit: '%',
        polarity: 'higher-is-worse',
        scale: 100,
        minNumerator: 3,
        sourceId: 'bench',
      },
      values,
    ))
      await t.deliver({ type: 'indicator.values.published', tenantId, payload });
  }
  const programmeId = '0b6a1f0e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
  await t.deliver({
    type: 'programme.programme.upserted',
    tenantId,
    payload: {
      tenantId,
      id: programmeId,
      name: 'Bench',
      funder: 'Bench',
      status: 'active',
      fundingPeriods: [{ from: '2014-01-01', to: '2019-12-31' }],
      areaIds: codes.slice(0, 10).map((code) => ids[code]),
      indexRunId: null,
    },
  });
  return { indicators, programmeId };
}

/** Live results, the snapshot, and the results recomputed from it (first read, then cached). */
async function measure(api, { indicators, programmeId }) {
  const evaluation = await api('POST', '/api/evaluation/evaluations', {
    title: 'Bench',
    object: { kind: 'programme', programmeId },
  });
  const path = `/api/evaluation/evaluations/${evaluation.id}`;
  await api('PUT', `${path}/design`, {
    outcomes: indicators,
    matching: { on: indicators.slice(0, 4), k: 2 },
  });
  const [liveMs, live] = await best(3, () => api('GET', `${path}/results`));
  let started = performance.now();
  const snapshot = await api('POST', `${path}/snapshots`);
  const snapshotMs = Number((performance.now() - started).toFixed(1));
  started = performance.now();
  const frozen = await api('GET', `${path}/results`);
  const firstReadMs = Number((performance.now() - started).toFixed(1));
  const [cachedReadMs] = await best(3, () => api('GET', `${path}/results`));
  return {
    areas: 100,
    indicators: 20,
    periods: 10,
    values: snapshot.valueCount,
    liveResultsMs: liveMs,
    snapshotMs,
    targetMs: 1000,
    meetsTarget: snapshotMs < 1000,
    resultsFromSnapshotFirstMs: firstReadMs,
    resultsFromSnapshotCachedMs: cachedReadMs,
    sameNumbers: JSON.stringify(frozen.numbers) === JSON.stringify(live.numbers),
    hash: snapshot.hash,
  };
}

export async function evaluationServicePart(root) {
  const kit = serviceTestKit();
  if (!kit) return { skipped: 'DATABASE_URL not set' };
  const { startServiceTestApp, valueFacts } = kit;
  const { EVALUATION_SERVICE } = require(join(root, 'dist/server/libs/evaluation/api/src/index.js'));
  const t = await startServiceTestApp({
    service: 'evaluation',
    module: EVALUATION_SERVICE.module,
    moduleClass: EVALUATION_SERVICE.moduleClass,
  });
  try {
    const seeded = await seedReadModels(t, valueFacts);
    return await measure(client(t.url, await t.tokenFor('admin')), seeded);
  } finally {
    await t.close();
  }
}
