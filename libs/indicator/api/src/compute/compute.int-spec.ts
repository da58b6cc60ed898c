import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { INDICATOR_SERVICE } from '../indicator.definition';

const TENANT = 'berlin-demo';

describe('derived values from formulas (real PostgreSQL, OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  const definition = (code: string, extra: Record<string, unknown>) => ({
    code,
    name: { de: `Indikator ${code}` },
    polarity: 'higher-is-worse',
    periodicity: 'year',
    ...extra,
  });

  async function importCsv(csv: string) {
    const started = await call(
      'POST',
      '/api/indicator/imports?format=csv',
      'admin',
      csv,
      'application/octet-stream',
    );
    expect(started.status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const job = await call('GET', `/api/indicator/imports/${started.body['id']}`, 'admin');
      if (job.body['status'] === 'succeeded') return;
      if (job.body['status'] === 'failed') throw new Error(JSON.stringify(job.body));
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  type Item = {
    code: string;
    status: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    source: string | null;
  };
  const map = async (indicator: string, level: string, period = '2020') =>
    Object.fromEntries(
      (
        (
          await call(
            'GET',
            `/api/indicator/values?indicator=${indicator}&period=${period}&level=${level}`,
            'viewer',
          )
        ).body['items'] as unknown as Item[]
      ).map((i) => [i.code, i]),
    );

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE, { runtime: { redisUrl: process.env['REDIS_URL'] } });
    ids = await t.seedAreas(TENANT, [
      { code: 'X1', level: 'bezirk', name: 'Nord' },
      { code: 'X101', level: 'planungsraum', parent: 'X1', name: 'Nord A', population: 2000 },
      { code: 'X102', level: 'planungsraum', parent: 'X1', name: 'Nord B', population: 1000 },
      { code: 'X2', level: 'bezirk', name: 'Süd' },
      { code: 'X201', level: 'planungsraum', parent: 'X2', name: 'Süd A', population: 500 },
      { code: 'X202', level: 'planungsraum', parent: 'X2', name: 'Süd B', population: 500 },
    ]);
    await t.seedAreas('musterstadt', [{ code: 'N', level: 'stadtbezirk' }]);
    await t.grant(TENANT, 'planer', 'planner', ids['X1']);
    await t.grant(TENANT, 'viewer', 'viewer', null);
    await t.grant(TENANT, 'analyst', 'analyst', null);
    for (const body of [
      definition('unemployed', { unit: 'count' }),
      definition('residents', { unit: 'count' }),
      definition('ALQ', { unit: '%', formula: '100 * #{unemployed} / #{residents}' }),
      definition('SUM', { unit: 'count', formula: '#{unemployed} + #{residents}' }),
      definition('PLAIN', { unit: '%' }),
    ])
      expect((await call('POST', '/api/indicator/indicators', 'admin', body)).status).toBe(201);
    await importCsv(
      [
        'area,period,indicator,value',
        'X101,2020,unemployed,30',
        'X101,2020,residents,600',
        'X102,2020,unemployed,10',
        'X102,2020,residents,400',
        'X201,2020,unemployed,.',
        'X201,2020,residents,500',
        'X202,2020,unemployed,5',
        'X202,2020,residents,0',
        'X101,2021,unemployed,33',
        'X101,2021,residents,600',
        'X102,2021,residents,400',
      ].join('\n'),
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('computes a ratio formula, keeps its parts and aggregates upper levels as a ratio of sums', async () => {
    const res = await call('POST', '/api/indicator/indicators/ALQ/compute', 'analyst', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      indicator: 'ALQ',
      definitionVersion: 1,
      periods: ['2020', '2021'],
      ratio: { numerator: 'unemployed', denominator: 'residents', scale: 100 },
      ratioNote: null,
      counts: { cells: 6, value: 3, missing: 3, replaced: 0 },
    });
    const lower = await map('ALQ', 'planungsraum');
    expect(lower['X101']).toMatchObject({ status: 'value', value: 5, numerator: 30, denominator: 600 });
    expect(lower['X102']).toMatchObject({ status: 'value', value: 2.5, numerator: 10, denominator: 400 });
    // Suppressed input and division by zero: missing, never 0.
    expect(lower['X201']).toMatchObject({ status: 'missing', value: null });
    expect(lower['X202']).toMatchObject({ status: 'missing', value: null });
    const upper = await map('ALQ', 'bezirk');
    // (30 + 10) / (600 + 400) × 100, not the mean of 5 and 2.5.
    expect(upper['X1']).toMatchObject({
      status: 'value',
      value: 4,
      numerator: 40,
      denominator: 1000,
      source: 'ratio-of-sums',
    });
    expect(upper['X2'].status).not.toBe('value');
    const later = await map('ALQ', 'planungsraum', '2021');
    expect(later['X101']).toMatchObject({ status: 'value', value: 5.5 });
    expect(later['X102']).toMatchObject({ status: 'missing', value: null });

    const stored = await t.db.query(
      `SELECT v.definition_version AS version, v.source_id AS "sourceId", count(*)::int AS n FROM indicator_value v
         JOIN indicator_definition d ON d.id = v.indicator_id WHERE d.code = 'ALQ' GROUP BY 1, 2`,
    );
    expect(stored).toEqual([{ version: 1, sourceId: res.body['sourceId'], n: 6 }]);
    const events = await t.db.query(
      `SELECT envelope->'payload' AS p FROM outbox WHERE type = 'indicator.values.changed' AND envelope->'payload'->>'indicatorCode' = 'ALQ'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].p).toMatchObject({
      tenantId: TENANT,
      definitionVersion: 1,
      periods: ['2020', '2021'],
      sourceId: res.body['sourceId'],
    });
    expect([...(events[0].p.areaIds as string[])].sort()).toEqual(
      [ids['X101'], ids['X102'], ids['X201'], ids['X202']].sort(),
    );
  });

  it('replaces the derived values of the requested periods under the current version', async () => {
    // An indicator of its own, computed once under version 1: the first test expects ALQ at
    // version 1 without values.
    const ratio = definition('ALQ2', { unit: '%', formula: '100 * #{unemployed} / #{residents}' });
    expect((await call('POST', '/api/indicator/indicators', 'admin', ratio)).status).toBe(201);
    expect((await call('POST', '/api/indicator/indicators/ALQ2/compute', 'admin', {})).status).toBe(200);
    const { code: _c, ...content } = definition('ALQ2', {
      unit: '%',
      formula: '#{unemployed} * 100 / #{residents}',
    });
    expect((await call('PUT', '/api/indicator/indicators/ALQ2', 'admin', content)).body['version']).toBe(2);
    const res = await call('POST', '/api/indicator/indicators/ALQ2/compute', 'admin', { periods: ['2020'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      definitionVersion: 2,
      periods: ['2020'],
      counts: { cells: 4, value: 2, missing: 2, replaced: 4 },
    });
    const versions = await t.db.query(
      `SELECT v.period, v.definition_version AS version, count(*)::int AS n FROM indicator_value v
         JOIN indicator_definition d ON d.id = v.indicator_id WHERE d.code = 'ALQ2' GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(versions).toEqual([
      { period: '2020', version: 2, n: 4 },
      { period: '2021', version: 1, n: 2 },
    ]);
  });

  it('keeps no numerator/denominator for a formula that is not a plain ratio', async () => {
    const res = await call('POST', '/api/indicator/indicators/SUM/compute', 'admin', { periods: ['2020'] });
    expect(res.body).toMatchObject({ ratio: null, counts: { cells: 4, value: 3, missing: 1 } });
    expect((await map('SUM', 'planungsraum'))['X202']).toMatchObject({
      value: 5,
      numerator: null,
      denominator: null,
    });
  });

  it('rejects indicators without a formula and unknown ones', async () => {
    expect((await call('POST', '/api/indicator/indicators/PLAIN/compute', 'admin', {})).status).toBe(422);
    expect((await call('POST', '/api/indicator/indicators/NOPE/compute', 'admin', {})).status).toBe(404);
    expect(
      (await call('POST', '/api/indicator/indicators/ALQ/compute', 'admin', { periods: ['20x'] })).status,
    ).toBe(400);
  });

  it('denies viewers, district-scoped planners and other tenants', async () => {
    expect((await call('POST', '/api/indicator/indicators/ALQ/compute', 'viewer', {})).status).toBe(403);
    expect((await call('POST', '/api/indicator/indicators/ALQ/compute', 'planer', {})).status).toBe(403);
    expect(
      (await call('POST', '/api/indicator/indicators/ALQ/compute', 'musterstadt-admin', {})).status,
    ).toBe(404);
  });
});
