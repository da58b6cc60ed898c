import { FixedClock, type ServiceTestApp } from '@quartier/service-kit';
import { runImport, startIndicatorTestApp, TENANT } from '../testing/indicator-test-app';

// A city whose areas are replaced by a new area version (the registry keeps the old version's
// areas, and so does the read model): the maps list the most recent version's areas — the
// version value imports resolve codes to — for every period, each code once. Values stored
// against a superseded area do not show up as the new area with the same code.
describe('indicator maps after a new area version (real PostgreSQL, Redis, OIDC tokens)', () => {
  let t: ServiceTestApp;
  let v1: Record<string, string>;
  let v2: Record<string, string>;

  type Layer = { codes: string[]; values: (number | null)[]; flags: string; statistics: unknown };
  type Item = { areaId: string; code: string; status: string; value: number | null };
  const get = async <T>(path: string, user = 'viewer') => {
    const response = await t.call('GET', path, user);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    return response.body as unknown as T;
  };
  const layer = (period: string, level = 'planungsraum', user = 'viewer') =>
    get<Layer>(`/api/indicator/values/layer?indicator=Q1&period=${period}&level=${level}`, user);
  const records = (period: string, level = 'planungsraum') =>
    get<{ items: Item[]; statistics: { counts: Record<string, number> } }>(
      `/api/indicator/values?indicator=Q1&period=${period}&level=${level}`,
    );
  const cells = (l: Layer) => l.codes.map((code, i) => [code, l.values[i], l.flags[i]]);

  beforeAll(async () => {
    // Version 1 (valid from 2020-01-01): X1 (X101, X102), X2 (X201, X202); values for 2020.
    ({ t, ids: v1 } = await startIndicatorTestApp());
    const before = ['area,period,indicator,value'];
    for (const [code, value] of [
      ['X101', 11],
      ['X102', 12],
      ['X201', 21],
      ['X202', 22],
    ] as const)
      before.push(`${code},2020,Q1,${value}`);
    const first = await runImport(t, 'csv', before.join('\n'));
    if (first.job?.status !== 'succeeded') throw new Error(`import: ${JSON.stringify(first.job)}`);
    // Version 2 (valid from 2024-01-01) keeps the codes X1, X101 and X102 (new areas, new ids),
    // drops X2, X201 and X202 and adds X3 with X301 and X302.
    v2 = await t.seedAreas(
      TENANT,
      [
        { code: 'X1', level: 'bezirk', name: 'Nord (2024)' },
        { code: 'X101', level: 'planungsraum', parent: 'X1', name: 'Nord A (2024)', population: 1000 },
        { code: 'X102', level: 'planungsraum', parent: 'X1', name: 'Nord B (2024)', population: 1000 },
        { code: 'X3', level: 'bezirk', name: 'Ost' },
        { code: 'X301', level: 'planungsraum', parent: 'X3', name: 'Ost A', population: 1000 },
        { code: 'X302', level: 'planungsraum', parent: 'X3', name: 'Ost B', population: 1000 },
      ],
      '2024-01-01',
    );
    // Values for 2024 after the switch: the codes resolve to version 2's areas.
    const after = ['area,period,indicator,value', 'X101,2024,Q1,31', 'X102,2024,Q1,32', 'X301,2024,Q1,41'];
    const second = await runImport(t, 'csv', after.join('\n'));
    if (second.job?.status !== 'succeeded') throw new Error(`import: ${JSON.stringify(second.job)}`);
  }, 120_000);
  afterAll(() => t?.close());

  it('lists exactly the new version’s areas in the value layer, each code once, with their values', async () => {
    const planning = await layer('2024');
    expect(cells(planning)).toEqual([
      ['X101', 31, 'v'],
      ['X102', 32, 'v'],
      ['X301', 41, 'v'],
      ['X302', null, 'm'],
    ]);
    expect(planning.statistics).toMatchObject({ counts: { value: 3, suppressed: 0, missing: 1 } });
    // Upper levels: the new version's districts, aggregated from the new version's areas only.
    const districts = await layer('2024', 'bezirk');
    expect(cells(districts)).toEqual([
      ['X1', 31.5, 'a'],
      ['X3', null, 'm'],
    ]);
  });

  it('lists the new version’s areas for a period before the switch too: old values stay with the old areas', async () => {
    // 2020's values were stored against version 1's X101 and X102; the areas of version 2 with
    // the same codes have none, and X201/X202 (superseded) are not listed at all.
    const planning = await layer('2020');
    expect(cells(planning)).toEqual([
      ['X101', null, 'm'],
      ['X102', null, 'm'],
      ['X301', null, 'm'],
      ['X302', null, 'm'],
    ]);
    expect(cells(await layer('2020', 'bezirk'))).toEqual([
      ['X1', null, 'm'],
      ['X3', null, 'm'],
    ]);
  });

  it('answers the records format, several maps and the ranking with the same areas: the new ids', async () => {
    const map = await records('2024');
    expect(map.items.map((i) => [i.code, i.areaId, i.status, i.value])).toEqual([
      ['X101', v2['X101'], 'value', 31],
      ['X102', v2['X102'], 'value', 32],
      ['X301', v2['X301'], 'value', 41],
      ['X302', v2['X302'], 'missing', null],
    ]);
    expect(map.items.map((i) => i.areaId)).not.toContain(v1['X101']);
    expect(map.statistics.counts).toEqual({ value: 3, suppressed: 0, missing: 1 });
    const maps = await get<{ indicators: { periods: { period: string; items: Item[] }[] }[] }>(
      '/api/indicator/values/maps?indicators=Q1&periods=2020,2024&level=planungsraum',
    );
    expect(maps.indicators[0].periods.map((p) => [p.period, p.items.map((i) => i.areaId)])).toEqual([
      ['2020', [v2['X101'], v2['X102'], v2['X301'], v2['X302']]],
      ['2024', [v2['X101'], v2['X102'], v2['X301'], v2['X302']]],
    ]);
    const ranking = await get<{ items: { code: string }[]; unranked: { code: string }[] }>(
      '/api/indicator/values/ranking?indicator=Q1&period=2024&level=planungsraum',
    );
    expect(ranking.items.map((i) => i.code)).toEqual(['X301', 'X102', 'X101']);
    expect(ranking.unranked.map((i) => i.code)).toEqual(['X302']);
  });

  it('keeps a superseded area’s own series, reachable by its id', async () => {
    const series = await get<{ area: { id: string }; points: { period: string; value: number | null }[] }>(
      `/api/indicator/values/series?indicator=Q1&area=${v1['X101']}`,
    );
    expect(series.area.id).toBe(v1['X101']);
    expect(series.points.map((p) => [p.period, p.value])).toEqual([
      ['2020', 11],
      ['2024', null],
    ]);
  });

  it('limits the new version’s areas to the caller’s scope like any other', async () => {
    // The planner's scope is version 1's X1: nothing of version 2 lies below it.
    expect((await layer('2024', 'planungsraum', 'planer')).codes).toEqual([]);
  });
});

// A version imported ahead of its valid-from date is not current before that day (the service's
// clock's): maps keep the version in force, and value imports resolve a code both versions use
// to the area in force. On the day the new version takes over, without any new event.
describe('indicator maps with an area version dated ahead (real PostgreSQL, Redis, fixed clock)', () => {
  let t: ServiceTestApp;
  let v1: Record<string, string>;
  let ahead: Record<string, string>;
  const clock = new FixedClock(new Date('2025-06-01T10:00:00Z'));

  type Layer = { codes: string[]; values: (number | null)[] };
  const layer = async (period: string) => {
    const response = await t.call(
      'GET',
      `/api/indicator/values/layer?indicator=Q1&period=${period}&level=planungsraum`,
      'viewer',
    );
    if (response.status !== 200) throw new Error(`layer: ${response.status} ${response.text}`);
    const body = response.body as unknown as Layer;
    return body.codes.map((code, i) => [code, body.values[i]]);
  };

  beforeAll(async () => {
    // Version 1 (valid from 2020-01-01, in force): X1 (X101, X102), X2 (X201, X202).
    ({ t, ids: v1 } = await startIndicatorTestApp({ clock }));
    // Valid from 2026-01-01, imported on 2025-06-01: X1 with X101 (code reused) and X103.
    ahead = await t.seedAreas(
      TENANT,
      [
        { code: 'X1', level: 'bezirk', name: 'Nord (2026)' },
        { code: 'X101', level: 'planungsraum', parent: 'X1', name: 'Nord A (2026)', population: 1000 },
        { code: 'X103', level: 'planungsraum', parent: 'X1', name: 'Nord C (2026)', population: 1000 },
      ],
      '2026-01-01',
    );
    const values = ['area,period,indicator,value', 'X101,2025,Q1,11', 'X201,2025,Q1,21'];
    const imported = await runImport(t, 'csv', values.join('\n'));
    if (imported.job?.status !== 'succeeded') throw new Error(`import: ${JSON.stringify(imported.job)}`);
  }, 120_000);
  afterAll(() => t?.close());

  it('lists the version in force until the new one’s day, with the values imported meanwhile', async () => {
    expect(await layer('2025')).toEqual([
      ['X101', 11],
      ['X102', null],
      ['X201', 21],
      ['X202', null],
    ]);
    const series = await t.call(
      'GET',
      `/api/indicator/values/series?indicator=Q1&area=${v1['X101']}`,
      'viewer',
    );
    expect(series.body.points).toEqual([expect.objectContaining({ period: '2025', value: 11 })]);
  });

  it('lists the new version’s areas from its valid-from day on', async () => {
    clock.set(new Date('2026-01-01T00:00:00Z'));
    try {
      expect(await layer('2025')).toEqual([
        ['X101', null],
        ['X103', null],
      ]);
      const records = await t.call(
        'GET',
        '/api/indicator/values?indicator=Q1&period=2025&level=planungsraum',
        'viewer',
      );
      expect(records.body.items.map((i: { areaId: string }) => i.areaId)).toEqual([
        ahead['X101'],
        ahead['X103'],
      ]);
    } finally {
      clock.set(new Date('2025-06-01T10:00:00Z'));
    }
  });
});
