import type { ServiceTestApp } from '@quartier/service-kit';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';
import { berlinAreaName, seedBerlin, seedMusterstadt } from '../testing/registry-test-tenants';

/** Tenants, their levels and public profile, and who the caller is (`/me`). */
describe('tenants (real PostgreSQL, real OIDC tokens)', () => {
  let t: RegistryTestApp;
  let mitteId: string;
  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    t = await startRegistryTestApp();
    ({ mitteId } = await seedBerlin(t));
    await seedMusterstadt(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('lets platform admins create tenants with levels and tenant admins redefine their own', async () => {
    const levels = [
      { key: 'bezirk', name: 'Stadtbezirk', rank: 0 },
      { key: 'quartier', name: 'Quartier', rank: 1 },
    ];
    const created = await call('PUT', '/api/registry/tenants/neustadt', 'platform', {
      name: 'Neustadt',
      levels,
    });
    expect(created.body).toEqual({ id: 'neustadt', name: 'Neustadt', levels, publicProfile: null });
    expect(
      (await call('GET', '/api/registry/tenants', 'platform')).body.map((x: { id: string }) => x.id),
    ).toContain('neustadt');
    expect((await call('PUT', '/api/registry/tenants/neustadt', 'admin', { name: 'X', levels })).status).toBe(
      403,
    );
    expect(
      (await call('PUT', '/api/registry/tenants/Bad Id', 'platform', { name: 'X', levels })).status,
    ).toBe(400);
    const gap = await call('PUT', '/api/registry/tenants/neustadt', 'platform', {
      name: 'N',
      levels: [{ key: 'a', name: 'A', rank: 1 }],
    });
    expect(gap.body).toMatchObject({ statusCode: 422, code: 'InvalidLevels' });

    const renamed = await call('PATCH', '/api/registry/tenants/current', 'musterstadt-admin', {
      name: 'Musterstadt',
    });
    expect(renamed.body.name).toBe('Musterstadt');
    const removing = await call('PATCH', '/api/registry/tenants/current', 'musterstadt-admin', {
      levels: [{ key: 'stadtbezirk', name: 'Bezirk', rank: 0 }],
    });
    expect(removing.body).toMatchObject({ statusCode: 422, code: 'InvalidLevels' });
    expect(removing.body.message).toMatch(/stadtteil/);
    expect((await call('PATCH', '/api/registry/tenants/current', 'planer', { name: 'Mine' })).status).toBe(
      403,
    );
  });

  it('keeps the tenant’s public profile for survey forms and publishes it', async () => {
    const profile = {
      operatorName: 'Bezirksamt Mitte von Berlin',
      imprintUrl: 'https://example.org/impressum',
      privacyUrl: 'https://example.org/datenschutz',
    };
    const set = await call('PATCH', '/api/registry/tenants/current', 'admin', { publicProfile: profile });
    expect(set.status).toBe(200);
    expect(set.body.publicProfile).toEqual(profile);
    expect((await call('GET', '/api/registry/tenants/current', 'viewer')).body.publicProfile).toEqual(
      profile,
    );
    // Renaming keeps the profile.
    const renamed = await call('PATCH', '/api/registry/tenants/current', 'admin', {
      name: 'Berlin (Demo)',
    });
    expect(renamed.body.publicProfile).toEqual(profile);
    const [event] = await t.db.query(
      `SELECT envelope->'payload' AS payload FROM outbox WHERE type = 'registry.tenant.upserted'
        ORDER BY position DESC LIMIT 1`,
    );
    expect(event.payload.publicProfile).toEqual(profile);
    const bad = await call('PATCH', '/api/registry/tenants/current', 'admin', {
      publicProfile: { imprintUrl: 'javascript:alert(1)' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/imprintUrl/);
  });

  it('tells the portal who the caller is', async () => {
    const me = await call('GET', '/api/registry/me', 'planer');
    expect(me.body).toMatchObject({
      subject: 'planer',
      tenantId: 'berlin-demo',
      tenantName: 'Berlin (Demo)',
      timeZone: 'Europe/Berlin',
      roles: ['planner'],
      assignments: [{ role: 'planner', areaId: mitteId, areaName: berlinAreaName('01'), programmeId: null }],
    });
    const tenant = await call('GET', '/api/registry/tenants/current', 'musterstadt-admin');
    expect(tenant.body.levels.map((l: { key: string }) => l.key)).toEqual(['stadtbezirk', 'stadtteil']);
  });
});
