import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { IndicatorApiModule } from './indicator-api.module';

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
    t = await startServiceTestApp({
      service: 'indicator',
      module: (rt) => IndicatorApiModule.forRoot(rt),
      moduleClass: IndicatorApiModule,
    });
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
