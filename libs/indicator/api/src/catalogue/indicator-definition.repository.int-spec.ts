import type { EntityManager } from 'typeorm';
import { migratedIndicatorSchema, type IndicatorSchema } from '../testing/indicator-schema';
import type { IndicatorContent } from './indicator.dto';
import { IndicatorDefinitionRepository } from './indicator-definition.repository';

const content = (de: string, en = de): IndicatorContent => ({
  name: { de, en },
  description: '',
  unit: '%',
  polarity: 'higher-is-worse',
  source: 'test',
  periodicity: 'year',
  impactStep: null,
  confidentiality: null,
});

describe('IndicatorDefinitionRepository (migrated indicator schema, real PostgreSQL)', () => {
  let schema: IndicatorSchema;
  let repo: IndicatorDefinitionRepository;

  /** A definition at version 1, as the catalogue writes it. */
  const define = (
    tenantId: string,
    code: string,
    body: IndicatorContent,
    sourceKind: 'manual' | 'network' = 'manual',
  ) =>
    schema.db.transaction(async (m) => {
      const id = await repo.insert(m, tenantId, code, sourceKind);
      await repo.insertVersion(m, { definitionId: id, version: 1, tenantId, body, createdBy: 'tester' });
      return id;
    });

  /** Whether `lock` has to wait for a lock another transaction holds (200 ms lock timeout). */
  const waits = (lock: (m: EntityManager) => Promise<unknown>) =>
    schema.db
      .transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '200ms'`);
        await lock(m);
      })
      .then(
        () => false,
        (error: { code?: string }) => {
          if (error.code === '55P03') return true;
          throw error;
        },
      );

  beforeAll(async () => {
    schema = await migratedIndicatorSchema();
    repo = new IndicatorDefinitionRepository(schema.db);
  }, 60_000);
  afterAll(() => schema?.close());

  it('reads the current version of live definitions, by code, one tenant only', async () => {
    const id = await define('list', 'B', content('Arbeitslosigkeit', 'Unemployment'));
    await define('list', 'A', content('Kinderarmut', 'Child poverty'), 'network');
    await define('list-other', 'C', content('Arbeitslosigkeit'));
    const live = await repo.live('list');
    expect(live.map((d) => d.code)).toEqual(['A', 'B']);
    expect(live[1]).toEqual({
      id,
      code: 'B',
      version: 1,
      sourceKind: 'manual',
      body: content('Arbeitslosigkeit', 'Unemployment'),
      createdBy: 'tester',
      updatedAt: expect.any(Date),
    });
    expect((await repo.live('list', { source: 'network' })).map((d) => d.code)).toEqual(['A']);
    expect((await repo.live('list', { q: 'unemploy' })).map((d) => d.code)).toEqual(['B']);
    expect((await repo.live('list', { q: 'a' })).map((d) => d.code)).toEqual(['A', 'B']);
    expect(await repo.liveByCode('list', 'B')).toEqual(live[1]);
    expect(await repo.liveByCode('list', 'C')).toBeNull();
  });

  it('matches % and _ in a search literally', async () => {
    await define('search', 'PCT', content('Quote in %'));
    await define('search', 'ANY', content('Quote in Punkten'));
    expect((await repo.live('search', { q: '%' })).map((d) => d.code)).toEqual(['PCT']);
    expect((await repo.live('search', { q: 'in_' })).map((d) => d.code)).toEqual([]);
  });

  it('keeps every version; the current one is what live reads return', async () => {
    const id = await define('versions', 'V', content('Erste Fassung'));
    await schema.db.transaction(async (m) => {
      const locked = await repo.lockLiveByCode(m, 'versions', 'V');
      expect(locked).toEqual({ id, version: 1 });
      await repo.insertVersion(m, {
        definitionId: id,
        version: 2,
        tenantId: 'versions',
        body: content('Zweite Fassung'),
        createdBy: 'editor',
      });
      await repo.setCurrentVersion(m, id, 2);
    });
    expect((await repo.versions(id)).map((v) => [v.version, v.body.name.de, v.createdBy])).toEqual([
      [1, 'Erste Fassung', 'tester'],
      [2, 'Zweite Fassung', 'editor'],
    ]);
    expect(await repo.liveByCode('versions', 'V')).toMatchObject({ version: 2, createdBy: 'editor' });
  });

  it('soft-deletes a definition once; it can be revived at its next version', async () => {
    const id = await define('deletes', 'D', content('Gelöscht'));
    expect(await repo.softDelete('deletes', 'D')).toBe(true);
    expect(await repo.softDelete('deletes', 'D')).toBe(false);
    expect(await repo.liveByCode('deletes', 'D')).toBeNull();
    expect(await repo.liveCodes('deletes', null)).toEqual([]);
    await schema.db.transaction(async (m) => {
      expect(await repo.lockLiveByCode(m, 'deletes', 'D')).toBeNull();
      expect(await repo.lockAnyByCode(m, 'deletes', 'D')).toEqual({ id, deleted: true, version: 1 });
      await repo.revive(m, id, 2, 'network');
      await repo.insertVersion(m, {
        definitionId: id,
        version: 2,
        tenantId: 'deletes',
        body: content('Wieder da'),
        createdBy: 'tester',
      });
    });
    expect(await repo.liveByCode('deletes', 'D')).toMatchObject({ id, version: 2, sourceKind: 'network' });
    expect(await repo.lockAnyByCode(schema.db.manager, 'deletes', 'nothing')).toBeNull();
  });

  it('lists live codes, all or a chosen few, sorted', async () => {
    for (const code of ['Z', 'M', 'A']) await define('codes', code, content(code));
    expect(await repo.liveCodes('codes', null)).toEqual(['A', 'M', 'Z']);
    expect(await repo.liveCodes('codes', ['Z', 'A', 'unknown'])).toEqual(['A', 'Z']);
  });

  it('holds the row lock of a code, and the creation lock of a code not defined yet, until commit', async () => {
    await define('locks', 'L', content('Gesperrt'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = schema.db.transaction(async (m) => {
      await repo.lockLiveByCode(m, 'locks', 'L');
      await repo.lockCodeForCreation(m, 'locks', 'NEW');
      locked();
      await held;
    });
    await isLocked;
    expect(await waits((m) => repo.lockAnyByCode(m, 'locks', 'L'))).toBe(true);
    expect(await waits((m) => repo.lockCodeForCreation(m, 'locks', 'NEW'))).toBe(true);
    expect(await waits((m) => repo.lockCodeForCreation(m, 'locks', 'OTHER'))).toBe(false);
    expect(await waits((m) => repo.lockCodeForCreation(m, 'other-tenant', 'NEW'))).toBe(false);
    release();
    await holder;
    expect(await waits((m) => repo.lockLiveByCode(m, 'locks', 'L'))).toBe(false);
  });
});
