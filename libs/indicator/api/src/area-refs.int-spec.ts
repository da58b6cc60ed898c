import { FixedClock, startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { INDICATOR_SERVICE } from './indicator.definition';

describe('indicator service: area_ref read model endpoint', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const get = async (path: string, user?: string) => {
    const response = await fetch(`${t.url}${path}`, {
      headers: user ? { authorization: `Bearer ${await t.tokenFor(user)}` } : {},
    });
    return { status: response.status, body: (await response.json()) as ReturnType<typeof JSON.parse> };
  };

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE);
    ids = await t.seedAreas('berlin-demo', [
      { code: '01', level: 'bezirk', name: 'Mitte' },
      { code: '0101', level: 'prognoseraum', parent: '01' },
      { code: '02', level: 'bezirk', name: 'Friedrichshain-Kreuzberg' },
      { code: '0201', level: 'prognoseraum', parent: '02' },
    ]);
    await t.seedAreas('musterstadt', [{ code: 'N', level: 'stadtbezirk' }]);
    await t.grant('berlin-demo', 'planer', 'planner', ids['01']);
    await t.grant('berlin-demo', 'viewer', 'viewer', null);
  });
  afterAll(() => t.close());

  it('lists the replicated areas of the caller’s tenant, narrowed to the caller’s scope', async () => {
    const viewer = await get('/api/indicator/area-refs?limit=10', 'viewer');
    expect(viewer.body.items.map((a: { code: string }) => a.code)).toEqual(['01', '0101', '02', '0201']);
    const planner = await get('/api/indicator/area-refs', 'planer');
    expect(planner.body).toEqual({
      total: 2,
      items: [
        expect.objectContaining({ code: '01', name: 'Mitte' }),
        expect.objectContaining({ code: '0101', parentId: ids['01'] }),
      ],
    });
    const other = await get('/api/indicator/area-refs', 'musterstadt-admin');
    expect(other.body.items.map((a: { code: string }) => a.code)).toEqual(['N']);
  });

  it('denies without token (401) and without any assignment (403)', async () => {
    expect((await get('/api/indicator/area-refs')).status).toBe(401);
    expect((await get('/api/indicator/area-refs', 'analyst')).status).toBe(403);
  });

  it('filters by level and validates the query', async () => {
    const level = await get('/api/indicator/area-refs?level=bezirk', 'viewer');
    expect(level.body.items.map((a: { code: string }) => a.code)).toEqual(['01', '02']);
    expect((await get('/api/indicator/area-refs?limit=0', 'viewer')).status).toBe(400);
  });
});

// The registry keeps a superseded area version's areas (codes may be reused by the new one), and
// a version may be imported ahead of its valid-from date. The list shows the current version's
// areas — the one in force on the service clock's day — unless every version is asked for.
describe('indicator service: area_ref list across area versions (real PostgreSQL, fixed clock)', () => {
  let t: ServiceTestApp;
  const clock = new FixedClock(new Date('2025-06-01T10:00:00Z'));
  let v1: Record<string, string>;
  let v2: Record<string, string>;
  let v3: Record<string, string>;

  type Page = { total: number; items: { id: string; code: string }[] };
  const list = async (query: string) => {
    const response = await t.call('GET', `/api/indicator/area-refs?${query}`, 'viewer');
    if (response.status !== 200) throw new Error(`${query}: ${response.status} ${response.text}`);
    const page = response.body as Page;
    return { total: page.total, items: page.items.map((a) => [a.code, a.id]) };
  };

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE, { runtime: { clock } });
    // 2020: X1 with X101, X102. 2024 (in force since): X1, X101 again (new areas, new ids) and
    // X103. 2026 (imported ahead of its day): X1 with X104 only.
    v1 = await t.seedAreas(
      'berlin-demo',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X101', level: 'planungsraum', parent: 'X1' },
        { code: 'X102', level: 'planungsraum', parent: 'X1' },
      ],
      '2020-01-01',
    );
    v2 = await t.seedAreas(
      'berlin-demo',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X101', level: 'planungsraum', parent: 'X1' },
        { code: 'X103', level: 'planungsraum', parent: 'X1' },
      ],
      '2024-01-01',
    );
    v3 = await t.seedAreas(
      'berlin-demo',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X104', level: 'planungsraum', parent: 'X1' },
      ],
      '2026-01-01',
    );
    await t.grant('berlin-demo', 'viewer', 'viewer', null);
  }, 60_000);
  afterAll(() => t?.close());

  it('lists and counts the areas of the version in force today, each code once', async () => {
    expect(await list('level=planungsraum')).toEqual({
      total: 2,
      items: [
        ['X101', v2['X101']],
        ['X103', v2['X103']],
      ],
    });
    expect(await list('level=planungsraum&limit=1&offset=1')).toEqual({
      total: 2,
      items: [['X103', v2['X103']]],
    });
    expect(await list('')).toEqual({
      total: 3,
      items: [
        ['X1', v2['X1']],
        ['X101', v2['X101']],
        ['X103', v2['X103']],
      ],
    });
  });

  it('lists every version’s areas when asked to (versions=all), oldest version first within a code', async () => {
    expect(await list('level=planungsraum&versions=all')).toEqual({
      total: 5,
      items: [
        ['X101', v1['X101']],
        ['X101', v2['X101']],
        ['X102', v1['X102']],
        ['X103', v2['X103']],
        ['X104', v3['X104']],
      ],
    });
    expect((await t.call('GET', '/api/indicator/area-refs?versions=old', 'viewer')).status).toBe(400);
  });

  it('switches to a version imported ahead of time at midnight in Berlin on its valid-from day', async () => {
    // The platform's time zone (QUARTIER_TIME_ZONE, Berlin by default): 1 January starts at
    // 23:00 UTC on New Year's Eve, so the UTC day would switch an hour late.
    clock.set(new Date('2025-12-31T22:59:59.999Z'));
    try {
      expect((await list('level=planungsraum')).items.map(([code]) => code)).toEqual(['X101', 'X103']);
      clock.set(new Date('2025-12-31T23:00:00.000Z'));
      expect(await list('level=planungsraum')).toEqual({ total: 1, items: [['X104', v3['X104']]] });
    } finally {
      clock.set(new Date('2025-06-01T10:00:00Z'));
    }
    expect((await list('level=planungsraum')).total).toBe(2);
  });
});
