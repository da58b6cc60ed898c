import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { INDICATOR_SERVICE } from '../indicator.definition';

const TENANT = 'berlin-demo';
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021];

describe('data-quality flags (real PostgreSQL, OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  type Flag = {
    code: string;
    period: string;
    value?: number;
    median?: number;
    robustSd?: number;
    robustZ?: number;
  };
  type Item = { code: string; flags: Flag[] };
  const quality = async (user: string, extra = '') => {
    const res = await call(
      'GET',
      `/api/indicator/values/quality?indicator=QX&level=planungsraum${extra}`,
      user,
    );
    return { ...res, items: (res.body['items'] ?? []) as unknown as Item[] };
  };
  const summary = (items: Item[]) =>
    items.flatMap((i) => i.flags.map((f) => `${i.code} ${f.period} ${f.code}`)).sort();

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE, { runtime: { redisUrl: process.env['REDIS_URL'] } });
    ids = await t.seedAreas(TENANT, [
      { code: 'X1', level: 'bezirk' },
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => ({ code: `P${i}`, level: 'planungsraum', parent: 'X1' })),
      { code: 'X2', level: 'bezirk' },
      { code: 'P8', level: 'planungsraum', parent: 'X2' },
    ]);
    await t.grant(TENANT, 'viewer', 'viewer', null);
    await t.grant(TENANT, 'planer', 'planner', ids['X1']);
    expect(
      (
        await call('POST', '/api/indicator/indicators', 'admin', {
          code: 'QX',
          name: { de: 'Anteil X' },
          unit: '%',
          polarity: 'higher-is-worse',
          periodicity: 'year',
          plausible: { min: 0, max: 100 },
        })
      ).status,
    ).toBe(201);
    const rows = ['area,period,indicator,value'];
    for (let i = 1; i <= 8; i++)
      for (const y of YEARS) {
        // P5 delivered nothing for 2019: a gap. P3's 2021 value and P6's 2020 value are planted errors.
        if (i === 5 && y === 2019) continue;
        let value = 10 + i + 0.5 * (y - 2016) + ((i * y) % 3) * 0.1;
        if (i === 3 && y === 2021) value = 60;
        if (i === 6 && y === 2020) value = 120;
        rows.push(`P${i},${y},QX,${value}`);
      }
    const started = await call(
      'POST',
      '/api/indicator/imports?format=csv',
      'admin',
      rows.join('\n'),
      'application/octet-stream',
    );
    expect(started.status).toBe(202);
    for (let n = 0; n < 400; n++) {
      const job = await call('GET', `/api/indicator/imports/${started.body['id']}`, 'admin');
      if (job.body['status'] === 'succeeded') break;
      if (job.body['status'] === 'failed') throw new Error(JSON.stringify(job.body));
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('flags the planted outliers, the implausible value and the gap', async () => {
    const res = await quality('viewer');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      level: 'planungsraum',
      periods: YEARS.map(String),
      plausible: { min: 0, max: 100 },
    });
    expect(res.items.map((i) => i.code).sort()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8']);
    expect(summary(res.items)).toEqual([
      'P3 2021 outlier-history',
      'P3 2021 outlier-peers',
      'P5 2019 gap',
      'P6 2020 implausible',
      'P6 2020 outlier-history',
      'P6 2020 outlier-peers',
    ]);
    const p3 = res.items.find((i) => i.code === 'P3') as Item;
    // History 13, 13.5, 14, 14.5, 15: median 14, MAD 0.5 → robust SD 0.7413.
    const history = p3.flags.find((f) => f.code === 'outlier-history') as Flag;
    expect(history.value).toBe(60);
    expect(history.median).toBeCloseTo(14, 10);
    expect(history.robustSd).toBeCloseTo(0.7413, 4);
    expect(history.robustZ).toBeCloseTo(46 / 0.7413, 2);
    expect(res.body['counts']).toMatchObject({
      gap: 1,
      implausible: 1,
      'outlier-history': 2,
      'outlier-peers': 2,
    });
  });

  it('limits areas and peers to the caller’s scope and to the parent', async () => {
    const planner = await quality('planer');
    expect(planner.status).toBe(200);
    expect(planner.items.map((i) => i.code).sort()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    const south = await quality('viewer', `&parent=${ids['X2']}`);
    // A single area has no peers and no outlier history beyond its own smooth series.
    expect(south.items.map((i) => [i.code, i.flags])).toEqual([['P8', []]]);
  });

  it('answers unknown indicators and levels with 404 and bad queries with 400', async () => {
    expect(
      (await call('GET', '/api/indicator/values/quality?indicator=NOPE&level=planungsraum', 'viewer')).status,
    ).toBe(404);
    expect(
      (await call('GET', '/api/indicator/values/quality?indicator=QX&level=nope', 'viewer')).status,
    ).toBe(404);
    expect((await call('GET', '/api/indicator/values/quality?indicator=QX', 'viewer')).status).toBe(400);
    expect(
      (
        await call(
          'GET',
          '/api/indicator/values/quality?indicator=QX&level=planungsraum',
          'musterstadt-admin',
        )
      ).status,
    ).toBe(404);
  });
});
