import { FixedClock, type ServiceTestApp } from '@quartier/service-kit';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';
import { seedBerlin, seedMusterstadt, testSquare, waitForImport } from '../testing/registry-test-tenants';

/** Area versions from imports with a validFrom, and the crosswalks between them. */
describe('area versions and crosswalks (real PostgreSQL, real OIDC tokens)', () => {
  let t: RegistryTestApp;
  // The registry's day: a version valid from 2030 lies ahead of it.
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  // Berlin is there for its planner and its administrator, callers who may not see Musterstadt's.
  beforeAll(async () => {
    t = await startRegistryTestApp({ clock });
    await seedMusterstadt(t);
    await seedBerlin(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('creates a version per validFrom on import, lists them and replaces a crosswalk all-or-nothing', async () => {
    const reform = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'NEU', name: 'Nordstadt neu' }, geometry: testSquare(9) },
      ],
    };
    const start = await call(
      'POST',
      '/api/registry/area-imports?level=stadtbezirk&validFrom=2030-01-01',
      'musterstadt-admin',
      reform,
      'application/geo+json',
    );
    expect((await waitForImport(t, start.body.id, 'musterstadt-admin')).status).toBe('succeeded');
    const versions = await call('GET', '/api/registry/area-versions', 'musterstadt-admin');
    expect(
      versions.body.map((v: { validFrom: string; current: boolean }) => [v.validFrom, v.current]),
    ).toEqual([
      ['2000-01-01', true],
      ['2030-01-01', false],
    ]);
    // The version dated 2030-01-01 takes over at midnight in Berlin (the default
    // QUARTIER_TIME_ZONE), i.e. 23:00 UTC on New Year's Eve — not an hour later at UTC midnight.
    const current = async () =>
      (await call('GET', '/api/registry/area-versions', 'musterstadt-admin')).body.map(
        (v: { current: boolean }) => v.current,
      );
    clock.set(new Date('2029-12-31T22:59:59.999Z'));
    try {
      expect(await current()).toEqual([true, false]);
      const before = await call('GET', '/api/registry/areas?level=stadtbezirk', 'musterstadt-admin');
      expect(before.body.items.map((a: { code: string }) => a.code)).not.toContain('NEU');
      clock.set(new Date('2029-12-31T23:00:00.000Z'));
      expect(await current()).toEqual([false, true]);
      const areas = await call('GET', '/api/registry/areas?level=stadtbezirk', 'musterstadt-admin');
      expect(areas.body.items.map((a: { code: string }) => a.code)).toEqual(['NEU']);
    } finally {
      clock.set(new Date('2026-03-02T09:00:00Z'));
    }
    const [old, next] = versions.body;
    const created = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'registry.area-version.created' AND envelope->'payload'->>'id' = $1`,
      [next.id],
    );
    expect(created).toHaveLength(1);

    const bad = await call('PUT', `/api/registry/area-versions/${next.id}/crosswalk`, 'musterstadt-admin', {
      fromVersionId: old.id,
      entries: [{ fromCode: 'N', toCode: 'NEU', weight: 0.6 }],
    });
    expect(bad.body).toMatchObject({ statusCode: 422, code: 'InvalidCrosswalk' });
    expect(bad.body.message).toMatch(/sum to 0.6/);
    const unknown = await call(
      'PUT',
      `/api/registry/area-versions/${next.id}/crosswalk`,
      'musterstadt-admin',
      {
        fromVersionId: old.id,
        entries: [{ fromCode: 'Z', toCode: 'NEU', weight: 1 }],
      },
    );
    expect(unknown.body.message).toBe('entries.0.fromCode: Z is not an area of the old version');
    expect(
      (await call('GET', `/api/registry/area-versions/${next.id}/crosswalk`, 'musterstadt-admin')).body
        .entries,
    ).toEqual([]);

    const ok = await call('PUT', `/api/registry/area-versions/${next.id}/crosswalk`, 'musterstadt-admin', {
      fromVersionId: old.id,
      entries: [
        { fromCode: 'N', toCode: 'NEU', weight: 1 },
        { fromCode: 'S', toCode: 'NEU', weight: 1 },
      ],
    });
    expect(ok.status).toBe(200);
    expect(
      ok.body.entries.map((e: { fromCode: string; toCode: string; weight: number }) => [
        e.fromCode,
        e.toCode,
        e.weight,
      ]),
    ).toEqual([
      ['N', 'NEU', 1],
      ['S', 'NEU', 1],
    ]);
    const published = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'registry.crosswalk.replaced' ORDER BY position DESC LIMIT 1`,
    );
    expect(published[0].envelope.payload).toMatchObject({ fromVersionId: old.id, toVersionId: next.id });
  });

  it('keeps crosswalks for tenant admins and versions inside their tenant', async () => {
    const [version] = (await call('GET', '/api/registry/area-versions', 'musterstadt-admin')).body;
    expect(
      (
        await call('PUT', `/api/registry/area-versions/${version.id}/crosswalk`, 'planer', {
          fromVersionId: version.id,
          entries: [],
        })
      ).status,
    ).toBe(403);
    expect((await call('GET', `/api/registry/area-versions/${version.id}/crosswalk`, 'admin')).status).toBe(
      404,
    );
  });
});
