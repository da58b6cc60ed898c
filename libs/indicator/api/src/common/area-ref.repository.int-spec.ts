import { migratedIndicatorSchema, type IndicatorSchema } from '../testing/indicator-schema';
import { AreaRefRepository } from './area-ref.repository';

/** The day the read model is asked on (the service's clock's, passed in). */
const TODAY = '2025-06-01';

describe('AreaRefRepository (migrated indicator schema, real PostgreSQL)', () => {
  let schema: IndicatorSchema;
  let repo: AreaRefRepository;
  let ids: Record<string, string>;

  beforeAll(async () => {
    schema = await migratedIndicatorSchema();
    repo = new AreaRefRepository(schema.db);
    // Listed out of code order on purpose: the repository sorts.
    ids = await schema.seedAreas('city', [
      { code: 'B2', level: 'bezirk', name: 'Süd' },
      { code: 'B1', level: 'bezirk', name: 'Nord' },
      { code: 'B101', level: 'planungsraum', parent: 'B1', population: 1200 },
      { code: 'B201', level: 'planungsraum', parent: 'B2' },
    ]);
    await schema.seedAreas('other-city', [{ code: 'B1', level: 'bezirk' }]);
  }, 60_000);
  afterAll(() => schema?.close());

  it('lists every area of one tenant with its ancestor path, by code', async () => {
    const areas = await repo.all('city', TODAY);
    expect(areas.map((a) => a.code)).toEqual(['B1', 'B101', 'B2', 'B201']);
    expect(areas.find((a) => a.code === 'B101')).toEqual({
      id: ids['B101'],
      code: 'B101',
      name: 'B101',
      level: 'planungsraum',
      parentId: ids['B1'],
      path: [ids['B1']],
      population: 1200,
      current: true,
    });
  });

  it('lists an older area version before a newer one, whatever the codes; the one in force today is current', async () => {
    await schema.seedAreas('versions', [{ code: 'A', level: 'bezirk' }], '2024-01-01');
    await schema.seedAreas('versions', [{ code: 'Z', level: 'bezirk' }], '2021-01-01');
    expect((await repo.all('versions', TODAY)).map((a) => [a.code, a.current])).toEqual([
      ['Z', false],
      ['A', true],
    ]);
    // A version dated ahead takes over a code: both areas listed, the one in force current —
    // until the new version's day.
    await schema.seedAreas('versions', [{ code: 'Z', level: 'bezirk' }], '2026-01-01');
    expect((await repo.all('versions', TODAY)).map((a) => [a.code, a.current])).toEqual([
      ['Z', false],
      ['A', true],
      ['Z', false],
    ]);
    expect((await repo.all('versions', '2026-01-01')).map((a) => [a.code, a.current])).toEqual([
      ['Z', false],
      ['A', false],
      ['Z', true],
    ]);
    // Only versions dated ahead: the latest is current (the registry's rule).
    await schema.seedAreas('ahead', [{ code: 'F', level: 'bezirk' }], '2030-01-01');
    await schema.seedAreas('ahead', [{ code: 'E', level: 'bezirk' }], '2029-01-01');
    expect((await repo.all('ahead', TODAY)).map((a) => [a.code, a.current])).toEqual([
      ['E', false],
      ['F', true],
    ]);
  });

  it('changes the stamp when an area of the tenant changes or another version becomes current, and only then', async () => {
    await schema.seedAreas('stamped', [{ code: 'S1', level: 'bezirk' }]);
    const before = await repo.changeStamp('stamped', TODAY);
    expect(before).toMatch(/^1-\d{4}-\d\d-\d\d .*-2020-01-01$/);
    expect(await repo.changeStamp('stamped', TODAY)).toBe(before);
    await schema.seedAreas('unrelated', [{ code: 'U', level: 'bezirk' }]);
    expect(await repo.changeStamp('stamped', TODAY)).toBe(before);
    await schema.seedAreas('stamped', [{ code: 'S2', level: 'bezirk' }]);
    const after = await repo.changeStamp('stamped', TODAY);
    expect(after).toMatch(/^2-/);
    // A version dated ahead: a change now, and again on its day (no event then).
    await schema.seedAreas('stamped', [{ code: 'S3', level: 'bezirk' }], '2026-01-01');
    const ahead = await repo.changeStamp('stamped', TODAY);
    expect(ahead).toMatch(/^3-.*-2020-01-01$/);
    expect(await repo.changeStamp('stamped', '2026-01-01')).toBe(ahead.replace(/2020-01-01$/, '2026-01-01'));
    expect(await repo.changeStamp('nobody', TODAY)).toBe('0--');
  });

  it('pages the areas within a scope: the scope roots and everything below them', async () => {
    const all = await repo.page('city', 'all', { limit: 2, offset: 1 }, TODAY);
    expect(all.total).toBe(4);
    expect(all.items.map((a) => a.code)).toEqual(['B101', 'B2']);
    expect(all.items[0]).not.toHaveProperty('path');
    const north = await repo.page('city', [ids['B1']], { limit: 50, offset: 0 }, TODAY);
    expect(north).toEqual({
      total: 2,
      items: [
        { id: ids['B1'], code: 'B1', name: 'Nord', level: 'bezirk', parentId: null, population: null },
        expect.objectContaining({ code: 'B101', parentId: ids['B1'] }),
      ],
    });
    const level = await repo.page(
      'city',
      [ids['B1'], ids['B2']],
      { level: 'planungsraum', limit: 50, offset: 0 },
      TODAY,
    );
    expect(level.items.map((a) => a.code)).toEqual(['B101', 'B201']);
    expect(await repo.page('city', [], { limit: 50, offset: 0 }, TODAY)).toEqual({ total: 0, items: [] });
  });

  it('pages the current version’s areas, or every version’s when asked to', async () => {
    const v1 = await schema.seedAreas(
      'paged',
      [
        { code: 'P1', level: 'bezirk' },
        { code: 'P2', level: 'bezirk' },
      ],
      '2020-01-01',
    );
    const v2 = await schema.seedAreas(
      'paged',
      [
        { code: 'P1', level: 'bezirk' },
        { code: 'P3', level: 'bezirk' },
      ],
      '2024-01-01',
    );
    const v3 = await schema.seedAreas('paged', [{ code: 'P4', level: 'bezirk' }], '2026-01-01');
    const page = async (versions: 'current' | 'all' | undefined, offset = 0, today = TODAY) => {
      const { total, items } = await repo.page(
        'paged',
        'all',
        { level: 'bezirk', versions, limit: 2, offset },
        today,
      );
      return { total, items: items.map((a) => a.id) };
    };
    expect(await page(undefined)).toEqual({ total: 2, items: [v2['P1'], v2['P3']] });
    expect(await page('current')).toEqual(await page(undefined));
    expect(await page('current', 0, '2026-01-01')).toEqual({ total: 1, items: [v3['P4']] });
    expect(await page('all')).toEqual({ total: 5, items: [v1['P1'], v2['P1']] });
    expect(await page('all', 2)).toEqual({ total: 5, items: [v1['P2'], v2['P3']] });
  });

  it('knows whether an area exists in the tenant, and lists codes per level', async () => {
    expect(await repo.exists('city', ids['B101'])).toBe(true);
    expect(await repo.exists('other-city', ids['B101'])).toBe(false);
    expect((await repo.codesAtLevel('city', 'planungsraum')).sort()).toEqual(['B101', 'B201']);
    expect(await repo.codesAtLevel('other-city', 'planungsraum')).toEqual([]);
  });
});
