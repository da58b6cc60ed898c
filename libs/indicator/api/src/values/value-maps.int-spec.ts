import type { ServiceTestApp } from '@quartier/service-kit';
import { runImport, startIndicatorTestApp } from '../testing/indicator-test-app';

// GET /api/indicator/values/maps: several indicators and periods over one level in one answer,
// checked against the one-map endpoint it stands in for (same cells, suppression and scope).
describe('indicator value maps (real PostgreSQL, Redis, OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  type Item = { code: string; areaId: string; status: string; value: number | null };
  type Maps = {
    level: string;
    parent: string | null;
    indicators: {
      indicator: { code: string };
      periods: { period: string; items: Item[]; statistics: unknown }[];
    }[];
  };
  const maps = async (query: string, user?: string) => {
    const response = await t.call('GET', `/api/indicator/values/maps?${query}`, user);
    return {
      status: response.status,
      body: response.body as unknown as Maps,
      message: response.body['message'],
    };
  };
  const single = async (query: string, user: string) =>
    (await t.call('GET', `/api/indicator/values?${query}`, user)).body as unknown as {
      items: Item[];
      statistics: unknown;
    };

  beforeAll(async () => {
    ({ t, ids } = await startIndicatorTestApp());
    const csv = ['area,period,indicator,value,numerator,denominator'];
    for (const period of ['2019', '2020', '2021'])
      for (const [area, numerator, denominator] of [
        ['X101', 2, 2000],
        ['X102', 300, 1000],
        ['X201', 50, 500],
        ['X202', 25, 500],
      ] as const) {
        const shift = Number(period) - 2019;
        csv.push(`${area},${period},Q2,,${numerator + shift},${denominator}`);
        csv.push(`${area},${period},Q1,${10 + shift},,`);
      }
    const { job } = await runImport(t, 'csv', csv.join('\n'));
    if (job?.status !== 'succeeded') throw new Error(`import: ${JSON.stringify(job)}`);
  }, 120_000);
  afterAll(() => t?.close());

  it('answers the latest periods of several indicators, each map equal to the one-map endpoint', async () => {
    const answer = await maps('indicators=Q2,Q1&latest=2&level=planungsraum', 'viewer');
    expect(answer.status).toBe(200);
    expect(answer.body.level).toBe('planungsraum');
    expect(answer.body.parent).toBeNull();
    expect(answer.body.indicators.map((i) => [i.indicator.code, i.periods.map((p) => p.period)])).toEqual([
      ['Q2', ['2020', '2021']],
      ['Q1', ['2020', '2021']],
    ]);
    for (const { indicator, periods } of answer.body.indicators)
      for (const { period, items, statistics } of periods) {
        const map = await single(`indicator=${indicator.code}&period=${period}&level=planungsraum`, 'viewer');
        expect({ items, statistics }).toEqual({ items: map.items, statistics: map.statistics });
      }
    expect(answer.body.indicators[0].periods[1].items.find((i) => i.code === 'X201')?.value).toBeCloseTo(
      10.4,
    );
    // Suppression as published: X101's 2 cases in 2019 are below Q2's minimum numerator of 3.
    const q2 = await maps('indicators=Q2&periods=2019&level=planungsraum', 'viewer');
    expect(q2.body.indicators[0].periods[0].items.find((i) => i.code === 'X101')).toMatchObject({
      status: 'suppressed',
      value: null,
    });
  });

  it('answers given periods below a parent, aggregates on upper levels', async () => {
    const answer = await maps(
      `indicators=Q1&periods=2021,2019&level=planungsraum&parent=${ids['X1']}`,
      'viewer',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.parent).toBe(ids['X1']);
    expect(
      answer.body.indicators[0].periods.map((p) => [p.period, p.items.map((i) => [i.code, i.value])]),
    ).toEqual([
      [
        '2021',
        [
          ['X101', 12],
          ['X102', 12],
        ],
      ],
      [
        '2019',
        [
          ['X101', 10],
          ['X102', 10],
        ],
      ],
    ]);
    const districts = await maps('indicators=Q2&periods=2020&level=bezirk', 'viewer');
    const map = await single('indicator=Q2&period=2020&level=bezirk', 'viewer');
    expect(districts.body.indicators[0].periods[0].items).toEqual(map.items);
  });

  it('limits the maps to the caller’s scope and tenant; bad queries name the field', async () => {
    // The planner's scope is X1: X2's areas and the aggregates reaching outside X1 are not there.
    const areas = await maps('indicators=Q1,Q2&latest=1&level=planungsraum', 'planer');
    expect(areas.status).toBe(200);
    for (const { periods } of areas.body.indicators)
      expect(periods[0].items.map((i) => i.code)).toEqual(['X101', 'X102']);
    const outside = await maps(`indicators=Q1&latest=3&level=planungsraum&parent=${ids['X2']}`, 'planer');
    expect(outside.body.indicators[0].periods.map((p) => p.items)).toEqual([[], [], []]);
    const districts = await maps('indicators=Q2&latest=1&level=bezirk', 'planer');
    expect(districts.body.indicators[0].periods[0].items.map((i) => i.code)).toEqual(['X1']);
    // Another tenant does not know the indicators; no token, no answer.
    expect((await maps('indicators=Q2&latest=1&level=bezirk', 'musterstadt-admin')).status).toBe(404);
    expect((await maps('indicators=Q2&latest=1&level=bezirk')).status).toBe(401);
    expect((await maps('indicators=Q2,NOPE&latest=1&level=bezirk', 'viewer')).status).toBe(404);
    expect((await maps('indicators=Q2&latest=1&level=nowhere', 'viewer')).status).toBe(404);
    const both = await maps('indicators=Q2&latest=1&periods=2020&level=bezirk', 'viewer');
    expect(both.status).toBe(400);
    expect(both.message).toMatch(/latest/);
    expect((await maps('indicators=Q2&level=bezirk', 'viewer')).status).toBe(400);
    const badPeriod = await maps('indicators=Q2&periods=2020,20x&level=bezirk', 'viewer');
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.message).toMatch(/periods/);
  });
});
