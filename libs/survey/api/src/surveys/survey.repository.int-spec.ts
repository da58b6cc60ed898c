import type { MigratedSchema } from '@quartier/service-kit';
import { AreaRefRepository } from '../areas/area-ref.repository';
import { migratedSurveySchema, storedSurvey } from '../testing/survey-schema';
import { SurveyRepository } from './survey.repository';
import { TargetAreaRepository } from './target-area.repository';

const TREE = [
  { code: '01', level: 'bezirk', name: 'Mitte', population: 400 },
  { code: '0101', level: 'bezirksregion', parent: '01', population: 300 },
  { code: '010101', level: 'planungsraum', parent: '0101', name: 'Alexanderplatz', population: 200 },
  { code: '010102', level: 'planungsraum', parent: '0101', population: 100 },
  { code: '0102', level: 'bezirksregion', parent: '01', population: 100 },
  { code: '010201', level: 'planungsraum', parent: '0102', population: 100 },
];

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};

describe('survey, target-area and area repositories (migrated survey schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let surveys: SurveyRepository;
  let targets: TargetAreaRepository;
  let areas: AreaRefRepository;

  const setTargets = (surveyId: string, list: { areaId: string; population?: number | null }[]) =>
    schema.db.transaction((m) =>
      targets.replace(
        m,
        surveyId,
        list.map((a) => ({ areaId: a.areaId, population: a.population ?? null })),
      ),
    );

  beforeAll(async () => {
    schema = await migratedSurveySchema();
    surveys = new SurveyRepository(schema.db);
    targets = new TargetAreaRepository(schema.db);
    areas = new AreaRefRepository(schema.db);
  }, 60_000);
  afterAll(() => schema?.close());

  it('finds a survey of its tenant only, by id', async () => {
    const ids = await schema.seedAreas('find', TREE.slice(0, 1));
    const id = await storedSurvey(schema, 'find', ids['01'], { title: 'Nachbarschaft' });
    expect(await surveys.find('find', id)).toEqual({
      id,
      tenantId: 'find',
      title: 'Nachbarschaft',
      type: 'resident',
      status: 'draft',
      scopeAreaId: ids['01'],
      scopeAreaPath: [ids['01']],
      k: 3,
      formVersion: 0,
      indicatorItems: [],
      network: null,
      weighting: null,
      updatedAt: expect.any(Date),
    });
    expect((await surveys.findPublic(id)).id).toBe(id);
    await expect(surveys.find('other', id)).rejects.toMatchObject({ code: 'SurveyNotFound' });
    await expect(surveys.find('find', 'not-a-uuid')).rejects.toMatchObject({ code: 'SurveyNotFound' });
    expect(await surveys.existsWithTitle('find', 'Nachbarschaft')).toBe(true);
    expect(await surveys.existsWithTitle('other', 'Nachbarschaft')).toBe(false);
  });

  it('lists by scope, status and drafts, newest change first, with the total beyond the page', async () => {
    const ids = await schema.seedAreas('list', TREE);
    const inB1 = await storedSurvey(schema, 'list', ids['0101'], {
      title: 'B1',
      scopeAreaPath: [ids['01'], ids['0101']],
      status: 'open',
    });
    const inB2 = await storedSurvey(schema, 'list', ids['0102'], {
      title: 'B2',
      scopeAreaPath: [ids['01'], ids['0102']],
    });
    await storedSurvey(schema, 'list-other', ids['01'], { title: 'other tenant' });
    await schema.db.transaction((m) => surveys.touch(m, inB1));
    const titles = async (
      scope: 'all' | string[],
      filter: Partial<Parameters<SurveyRepository['list']>[2]>,
    ) => {
      const { rows, total } = await surveys.list('list', scope, { limit: 10, offset: 0, ...filter });
      return { titles: rows.map((r) => r.title), total };
    };
    expect(await titles('all', {})).toEqual({ titles: ['B1', 'B2'], total: 2 });
    expect(await titles([ids['0102']], {})).toEqual({ titles: ['B2'], total: 1 });
    expect(await titles([ids['01']], {})).toEqual({ titles: ['B1', 'B2'], total: 2 });
    expect(await titles('all', { excludeDrafts: true })).toEqual({ titles: ['B1'], total: 1 });
    expect(await titles('all', { status: 'draft' })).toEqual({ titles: ['B2'], total: 1 });
    expect(await titles('all', { limit: 1, offset: 1 })).toEqual({ titles: ['B2'], total: 2 });
    expect(inB2).toBeDefined();
  });

  it('lists the surveys covering an area: a target area that is it, lies within it or contains it', async () => {
    const ids = await schema.seedAreas('cover', TREE);
    const planning = await storedSurvey(schema, 'cover', ids['01'], { title: 'targets 010101' });
    const region = await storedSurvey(schema, 'cover', ids['01'], { title: 'targets 0102' });
    await storedSurvey(schema, 'cover', ids['01'], { title: 'no targets' });
    await setTargets(planning, [{ areaId: ids['010101'] }]);
    await setTargets(region, [{ areaId: ids['0102'] }]);
    const covering = async (code: string) =>
      (await surveys.list('cover', 'all', { limit: 10, offset: 0, coveringArea: ids[code] })).rows
        .map((r) => r.title)
        .sort();
    expect(await covering('010101')).toEqual(['targets 010101']);
    expect(await covering('0101')).toEqual(['targets 010101']);
    expect(await covering('01')).toEqual(['targets 010101', 'targets 0102']);
    expect(await covering('010201')).toEqual(['targets 0102']);
    expect(await covering('010102')).toEqual([]);
  });

  it('patches only the fields given; null clears network and weighting', async () => {
    const ids = await schema.seedAreas('patch', TREE.slice(0, 1));
    const id = await storedSurvey(schema, 'patch', ids['01'], { type: 'network' });
    const network = { generator: { prompt: 'Mit wem?' }, interpreters: [], actors: [] } as never;
    await schema.db.transaction((m) => surveys.update(m, id, { title: 'Netz', network }));
    expect(await surveys.find('patch', id)).toMatchObject({ title: 'Netz', k: 3, network });
    await schema.db.transaction((m) => surveys.update(m, id, { k: 5 }));
    expect(await surveys.find('patch', id)).toMatchObject({ title: 'Netz', k: 5, network });
    await schema.db.transaction((m) => surveys.update(m, id, { network: null }));
    expect(await surveys.find('patch', id)).toMatchObject({ title: 'Netz', k: 5, network: null });
  });

  it('keeps form versions; the survey points to the one set', async () => {
    const ids = await schema.seedAreas('form', TREE.slice(0, 1));
    const id = await storedSurvey(schema, 'form', ids['01']);
    expect(await surveys.form(id, 0)).toBeNull();
    await schema.db.transaction(async (m) => {
      await surveys.insertForm(m, id, 1, { settings: { title: 'v1' } }, 'tester');
      await surveys.setFormVersion(m, id, 1);
    });
    await schema.db.transaction(async (m) => {
      await surveys.insertForm(m, id, 2, { settings: { title: 'v2' } }, 'tester');
      await surveys.setFormVersion(m, id, 2);
    });
    expect((await surveys.find('form', id)).formVersion).toBe(2);
    expect(await surveys.form(id, 1)).toEqual({ settings: { title: 'v1' } });
    expect(await surveys.form(id, 2)).toEqual({ settings: { title: 'v2' } });
    await schema.db.transaction((m) => surveys.delete(m, id));
    expect(await surveys.form(id, 2)).toBeNull();
    await expect(surveys.find('form', id)).rejects.toMatchObject({ code: 'SurveyNotFound' });
  });

  it('replaces target areas keyed by code, and drops the boundaries of areas no longer targeted', async () => {
    const ids = await schema.seedAreas('targets', TREE);
    const id = await storedSurvey(schema, 'targets', ids['01']);
    await setTargets(id, [{ areaId: ids['010102'], population: 80 }, { areaId: ids['010101'] }]);
    expect(await targets.ofSurvey(id)).toEqual([
      {
        areaId: ids['010101'],
        key: '010101',
        name: 'Alexanderplatz',
        level: 'planungsraum',
        parentId: ids['0101'],
        population: 200,
      },
      {
        areaId: ids['010102'],
        key: '010102',
        name: '010102',
        level: 'planungsraum',
        parentId: ids['0101'],
        population: 80,
      },
    ]);
    await schema.db.transaction((m) =>
      targets.putGeometries(
        m,
        id,
        [
          { areaId: ids['010101'], geometry: square },
          { areaId: ids['010102'], geometry: square },
        ],
        'replace',
      ),
    );
    await setTargets(id, [{ areaId: ids['010101'] }]);
    expect((await targets.ofSurvey(id)).map((t) => t.key)).toEqual(['010101']);
    expect(await targets.areaIdsWithGeometry(id)).toEqual(new Set([ids['010101']]));
    expect(await targets.geometries(id)).toEqual(new Map([['010101', square]]));
  });

  it('stores boundaries replacing all or, appended, only those of the same areas', async () => {
    const ids = await schema.seedAreas('geo', TREE);
    const id = await storedSurvey(schema, 'geo', ids['01']);
    await setTargets(id, [{ areaId: ids['010101'] }, { areaId: ids['010102'] }]);
    const moved = {
      type: 'Polygon',
      coordinates: [
        [
          [5, 5],
          [6, 5],
          [6, 6],
          [5, 5],
        ],
      ],
    };
    const put = (features: { areaId: string; geometry: typeof square }[], mode: 'replace' | 'append') =>
      schema.db.transaction((m) => targets.putGeometries(m, id, features, mode));
    await put([{ areaId: ids['010101'], geometry: square }], 'replace');
    await put([{ areaId: ids['010102'], geometry: square }], 'append');
    await put([{ areaId: ids['010101'], geometry: moved }], 'append');
    expect(await targets.geometries(id)).toEqual(
      new Map([
        ['010101', moved],
        ['010102', square],
      ]),
    );
    await put([{ areaId: ids['010102'], geometry: moved }], 'replace');
    expect(await targets.geometries(id)).toEqual(new Map([['010102', moved]]));
  });

  it('reads areas of the tenant: by ids, by code, the path through one, those within one', async () => {
    const ids = await schema.seedAreas('areas', TREE);
    await schema.seedAreas('areas-other', TREE.slice(0, 1));
    expect((await areas.byIds('areas', [ids['0102'], ids['010101']])).map((a) => a.code)).toEqual([
      '010101',
      '0102',
    ]);
    expect(await areas.byIds('areas-other', [ids['01']])).toEqual([]);
    expect((await areas.byCode('areas', '0101', '2025-06-01')).map((a) => a.id)).toEqual([ids['0101']]);
    expect(await areas.pathThrough('areas', ids['010101'])).toEqual([ids['01'], ids['0101'], ids['010101']]);
    expect(await areas.pathThrough('areas-other', ids['010101'])).toBeNull();
    expect((await areas.within('areas', ids['0101'])).map((a) => a.code)).toEqual([
      '0101',
      '010101',
      '010102',
    ]);
    expect(await areas.within('areas', ids['01'], 'bezirksregion')).toEqual([
      {
        id: ids['0101'],
        code: '0101',
        name: '0101',
        level: 'bezirksregion',
        parentId: ids['01'],
        population: 300,
      },
      {
        id: ids['0102'],
        code: '0102',
        name: '0102',
        level: 'bezirksregion',
        parentId: ids['01'],
        population: 100,
      },
    ]);
    expect(
      (await areas.childrenOfLevelByPrefix('areas', 'planungsraum', '0101', '2025-06-01')).map((a) => a.code),
    ).toEqual(['010101', '010102']);
  });
});

// The registry keeps a superseded area version's areas, and the new version may reuse their codes
// (new areas, new ids); a version may be imported ahead of its valid-from. A code names the area
// of the version current on the day (currentAreaVersionSql), as in the registry and the indicator.
describe('area repository across area versions (migrated survey schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let areas: AreaRefRepository;
  let v1: Record<string, string>;
  let v2: Record<string, string>;
  let ahead: Record<string, string>;

  beforeAll(async () => {
    schema = await migratedSurveySchema();
    areas = new AreaRefRepository(schema.db);
    // 2020: 01 with 0101 (010101, 010102). 2024: 01, 0101 again (new ids) with 010101 and 010103.
    // 2026 (imported ahead): 01, 0101 with 010104 only.
    v1 = await schema.seedAreas('city', TREE.slice(0, 4), '2020-01-01');
    v2 = await schema.seedAreas(
      'city',
      [...TREE.slice(0, 3), { code: '010103', level: 'planungsraum', parent: '0101' }],
      '2024-01-01',
    );
    ahead = await schema.seedAreas(
      'city',
      [...TREE.slice(0, 2), { code: '010104', level: 'planungsraum', parent: '0101' }],
      '2026-01-01',
    );
    await schema.seedAreas('only-ahead', TREE.slice(0, 1), '2030-01-01');
  }, 60_000);
  afterAll(() => schema?.close());

  it('resolves a reused code to the area of the version in force on the day', async () => {
    expect((await areas.byCode('city', '0101', '2025-06-01')).map((a) => a.id)).toEqual([v2['0101']]);
    expect((await areas.byCode('city', '0101', '2023-12-31')).map((a) => a.id)).toEqual([v1['0101']]);
    // A code only the superseded version has names no area today.
    expect(await areas.byCode('city', '010102', '2025-06-01')).toEqual([]);
  });

  it('resolves to a version imported ahead of its date from that date on', async () => {
    expect((await areas.byCode('city', '0101', '2025-12-31')).map((a) => a.id)).toEqual([v2['0101']]);
    expect((await areas.byCode('city', '0101', '2026-01-01')).map((a) => a.id)).toEqual([ahead['0101']]);
  });

  it('takes the latest version when every version starts later, as the registry does', async () => {
    expect((await areas.byCode('only-ahead', '01', '2025-06-01')).map((a) => a.code)).toEqual(['01']);
    expect(await areas.byCode('nobody', '01', '2025-06-01')).toEqual([]);
  });

  it('lists a level’s areas below a code prefix of the current version only, each code once', async () => {
    const listed = async (today: string) =>
      (await areas.childrenOfLevelByPrefix('city', 'planungsraum', '0101', today)).map((a) => [a.code, a.id]);
    expect(await listed('2025-06-01')).toEqual([
      ['010101', v2['010101']],
      ['010103', v2['010103']],
    ]);
    expect(await listed('2026-01-01')).toEqual([['010104', ahead['010104']]]);
  });

  it('lists the areas within an area in that area’s own version (paths never cross versions)', async () => {
    expect((await areas.within('city', v1['0101'], 'planungsraum')).map((a) => a.id)).toEqual([
      v1['010101'],
      v1['010102'],
    ]);
    expect((await areas.within('city', v2['01'], 'planungsraum')).map((a) => a.id)).toEqual([
      v2['010101'],
      v2['010103'],
    ]);
  });
});
