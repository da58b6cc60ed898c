import type { ServiceTestApp } from '@quartier/service-kit';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';
import { berlinAreaName, seedBerlin, seedMusterstadt } from '../testing/registry-test-tenants';

/** Granting and revoking roles: events, denials, and roles the identity provider must grant too. */
describe('role assignments (real PostgreSQL, real OIDC tokens)', () => {
  let t: RegistryTestApp;
  let mitteId: string;
  let kreuzbergId: string;
  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  // Musterstadt is there so that its administrator is a caller of another tenant.
  beforeAll(async () => {
    t = await startRegistryTestApp();
    ({ mitteId, kreuzbergId } = await seedBerlin(t));
    await seedMusterstadt(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('grants, lists and revokes with events; tenant admins only', async () => {
    const granted = await call('POST', '/api/registry/role-assignments', 'admin', {
      subject: 'analyst',
      role: 'analyst',
      areaId: kreuzbergId,
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      subject: 'analyst',
      role: 'analyst',
      areaId: kreuzbergId,
      areaName: berlinAreaName('02'),
    });
    const list = await call('GET', '/api/registry/role-assignments?subject=analyst', 'admin');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(granted.body.id);
    expect(
      (
        await call('POST', '/api/registry/role-assignments', 'admin', {
          subject: 'analyst',
          role: 'analyst',
          areaId: kreuzbergId,
        })
      ).status,
    ).toBe(409);
    expect((await call('DELETE', `/api/registry/role-assignments/${granted.body.id}`, 'admin')).status).toBe(
      204,
    );
    expect((await call('DELETE', `/api/registry/role-assignments/${granted.body.id}`, 'admin')).status).toBe(
      404,
    );
    const types = await t.db.query(
      `SELECT type FROM outbox WHERE envelope->'payload'->>'id' = $1 ORDER BY position`,
      [granted.body.id],
    );
    expect(types.map((r: { type: string }) => r.type)).toEqual([
      'registry.role-assignment.granted',
      'registry.role-assignment.revoked',
    ]);
  });

  it('denies planners, validates roles and areas', async () => {
    expect((await call('GET', '/api/registry/role-assignments', 'planer')).status).toBe(403);
    expect(
      (
        await call('POST', '/api/registry/role-assignments', 'planer', {
          subject: 'x',
          role: 'viewer',
          areaId: mitteId,
        })
      ).status,
    ).toBe(403);
    const badRole = await call('POST', '/api/registry/role-assignments', 'admin', {
      subject: 'x',
      role: 'emperor',
    });
    expect(badRole.body).toMatchObject({ statusCode: 400 });
    expect(badRole.body.message).toMatch(/^role:/);
    expect(
      (
        await call('POST', '/api/registry/role-assignments', 'musterstadt-admin', {
          subject: 'x',
          role: 'viewer',
          areaId: mitteId,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses assignments that cannot take effect: roles the provider grants by itself, roles the user lacks', async () => {
    for (const role of ['platform-admin', 'tenant-admin']) {
      const refused = await call('POST', '/api/registry/role-assignments', 'admin', {
        subject: 'viewer',
        role,
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'RoleNotAssignable', details: { role } });
    }
    // Signing in notes the roles the viewer's token carries: viewer, not planner.
    expect((await call('GET', '/api/registry/me', 'viewer')).status).toBe(200);
    const planner = await call('POST', '/api/registry/role-assignments', 'admin', {
      subject: 'viewer',
      role: 'planner',
      areaId: kreuzbergId,
    });
    expect(planner.status).toBe(409);
    expect(planner.body).toMatchObject({
      code: 'RoleNotHeldAtProvider',
      details: { subject: 'viewer', role: 'planner', providerRoles: ['viewer'] },
    });
    expect(planner.body.details.seenAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The administrator has the provider grant it: accepted, and listed as not yet in effect.
    const acknowledged = await call('POST', '/api/registry/role-assignments', 'admin', {
      subject: 'viewer',
      role: 'planner',
      areaId: kreuzbergId,
      acknowledgeProviderRole: true,
    });
    expect(acknowledged.status).toBe(201);
    expect(acknowledged.body).toMatchObject({ providerRoles: ['viewer'], effective: false });
    const viewerRole = await call('POST', '/api/registry/role-assignments', 'admin', {
      subject: 'viewer',
      role: 'viewer',
      areaId: kreuzbergId,
    });
    expect(viewerRole.body).toMatchObject({ effective: true });
    const listed = await call('GET', '/api/registry/role-assignments?subject=viewer', 'admin');
    expect(
      listed.body.items
        .filter((i: { areaId: string | null }) => i.areaId === kreuzbergId)
        .map((i: { role: string; effective: boolean | null }) => [i.role, i.effective]),
    ).toEqual([
      ['planner', false],
      ['viewer', true],
    ]);
    // Someone who never signed in: the assignment applies once the provider grants the role.
    const unseen = await call('POST', '/api/registry/role-assignments', 'admin', {
      subject: 'neue.kollegin',
      role: 'analyst',
    });
    expect(unseen.body).toMatchObject({ providerRoles: null, effective: null });
    for (const id of [acknowledged.body.id, viewerRole.body.id, unseen.body.id])
      expect((await call('DELETE', `/api/registry/role-assignments/${id}`, 'admin')).status).toBe(204);
  });
});
