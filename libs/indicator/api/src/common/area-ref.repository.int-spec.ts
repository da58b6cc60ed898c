import { migratedIndicatorSchema, type IndicatorSchema } from '../testing/indicator-schema';
import { AreaRefRepository } from './area-ref.repository';

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
    const areas = await repo.all('city');
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

  it('lists an older area version before a newer one, whatever the codes; the newest is current', async () => {
    await schema.seedAreas('versions', [{ code: 'A', level: 'bezirk' }], '2024-01-01');
    await schema.seedAreas('versions', [{ code: 'Z', level: 'bezirk' }], '2021-01-01');
    expect((await repo.all('versions')).map((a) => [a.code, a.current])).toEqual([
      ['Z', false],
      ['A', true],
    ]);
    // A code the newest version takes over: both areas listed, only the newest one current.
    await schema.seedAreas('versions', [{ code: 'Z', level: 'bezirk' }], '2026-01-01');
    expect((await repo.all('versions')).map((a) => [a.code, a.current])).toEqual([
      ['Z', false],
      ['A', false],
      ['Z', true],
    ]);
  });

  it('changes the stamp when an area of the tenant changes, and only then', async () => {
    await schema.seedAreas('stamped', [{ code: 'S1', level: 'bezirk' }]);
    const before = await repo.changeStamp('stamped');
    expect(before).toMatch(/^1-\d{4}-\d\d-\d\d /);
    expect(await repo.changeStamp('stamped')).toBe(before);
    await schema.seedAreas('unrelated', [{ code: 'U', level: 'bezirk' }]);
    expect(await repo.changeStamp('stamped')).toBe(before);
    await schema.seedAreas('stamped', [{ code: 'S2', level: 'bezirk' }]);
    expect(await repo.changeStamp('stamped')).toMatch(/^2-/);
    expect(await repo.changeStamp('nobody')).toBe('0-');
  });

  it('pages the areas within a scope: the scope roots and everything below them', async () => {
    const all = await repo.page('city', 'all', { limit: 2, offset: 1 });
    expect(all.total).toBe(4);
    expect(all.items.map((a) => a.code)).toEqual(['B101', 'B2']);
    expect(all.items[0]).not.toHaveProperty('path');
    const north = await repo.page('city', [ids['B1']], { limit: 50, offset: 0 });
    expect(north).toEqual({
      total: 2,
      items: [
        { id: ids['B1'], code: 'B1', name: 'Nord', level: 'bezirk', parentId: null, population: null },
        expect.objectContaining({ code: 'B101', parentId: ids['B1'] }),
      ],
    });
    const level = await repo.page('city', [ids['B1'], ids['B2']], {
      level: 'planungsraum',
      limit: 50,
      offset: 0,
    });
    expect(level.items.map((a) => a.code)).toEqual(['B101', 'B201']);
    expect(await repo.page('city', [], { limit: 50, offset: 0 })).toEqual({ total: 0, items: [] });
  });

  it('knows whether an area exists in the tenant, and lists codes per level', async () => {
    expect(await repo.exists('city', ids['B101'])).toBe(true);
    expect(await repo.exists('other-city', ids['B101'])).toBe(false);
    expect((await repo.codesAtLevel('city', 'planungsraum')).sort()).toEqual(['B101', 'B201']);
    expect(await repo.codesAtLevel('other-city', 'planungsraum')).toEqual([]);
  });
});
