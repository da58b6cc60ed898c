import type { ServiceTestApp } from '@quartier/service-kit';
import { areaFeatureCollectionSchema } from './area.dto';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';
import { berlinAreaName, seedBerlin, seedMusterstadt } from '../testing/registry-test-tenants';

/** Reading and editing areas: scope per caller, GeoJSON, the outbox, denials and bad input. */
describe('areas (real PostgreSQL, real OIDC tokens)', () => {
  let t: RegistryTestApp;
  let mitteId: string;
  let kreuzbergId: string;
  let mitteRegionId: string;
  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  // Musterstadt is there so that its administrator is a caller of another tenant with areas.
  beforeAll(async () => {
    t = await startRegistryTestApp();
    ({ mitteId, kreuzbergId, mitteRegionId } = await seedBerlin(t));
    await seedMusterstadt(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('lists the top level with pagination and per-user editability', async () => {
    const res = await call('GET', '/api/registry/areas?parent=root&limit=1', 'planer');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        code: '01',
        name: berlinAreaName('01'),
        level: 'bezirk',
        parentId: null,
        editable: true,
      }),
    ]);
    const second = await call('GET', '/api/registry/areas?parent=root&limit=1&offset=1', 'planer');
    expect(second.body.items).toEqual([expect.objectContaining({ code: '02', editable: false })]);
    const viewer = await call('GET', '/api/registry/areas?parent=root', 'viewer');
    expect(viewer.body.items.map((a: { editable: boolean }) => a.editable)).toEqual([false, false]);
  });

  it('filters by level and parent and finds by name or code prefix', async () => {
    const regions = await call('GET', `/api/registry/areas?level=bezirksregion&limit=1000`, 'viewer');
    expect(regions.body.total).toBeGreaterThan(5);
    expect(regions.body.items.every((a: { level: string }) => a.level === 'bezirksregion')).toBe(true);
    const children = await call('GET', `/api/registry/areas?parent=${mitteId}`, 'viewer');
    expect(
      children.body.items.every(
        (a: { parentId: string; code: string }) => a.parentId === mitteId && a.code.startsWith('01'),
      ),
    ).toBe(true);
    const byCode = await call('GET', `/api/registry/areas?q=010101`, 'viewer');
    expect(byCode.body.items.map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining(['010101', '01010101']),
    );
  });

  it('searches from one character on, a page at a time, and refuses an empty or over-long ?q= naming q', async () => {
    const one = await call('GET', '/api/registry/areas?q=0&limit=20', 'viewer');
    expect(one.status).toBe(200);
    // Every Berlin code starts with 0: the answer is the first page of all of them.
    expect(one.body.items).toHaveLength(20);
    expect(one.body.total).toBeGreaterThan(20);
    for (const q of ['', 'x'.repeat(101)]) {
      const res = await call('GET', `/api/registry/areas?q=${q}`, 'viewer');
      expect({ status: res.status, code: res.body.code, field: res.body.details?.[0]?.field }).toEqual({
        status: 400,
        code: 'ValidationFailed',
        field: 'q',
      });
    }
  });

  it('shows an area with ancestors (root first), children and population summed from the import', async () => {
    const res = await call('GET', `/api/registry/areas/${mitteRegionId}`, 'viewer');
    expect(res.status).toBe(200);
    expect(res.body.ancestors.map((a: { code: string }) => a.code)).toEqual(['01', '0101']);
    expect(res.body.children.length).toBeGreaterThan(0);
    expect(res.body.children.every((c: { code: string }) => c.code.startsWith('010101'))).toBe(true);
    expect(res.body.validFrom).toBe('2006-01-01');
    expect(res.body.areaSqm).toBeGreaterThan(100000);
  });

  it('shows areas outside the caller’s scope read-only', async () => {
    const res = await call('GET', `/api/registry/areas/${kreuzbergId}`, 'planer');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: '02', editable: false });
  });

  it('serves a level as GeoJSON with editable flags for the caller', async () => {
    const res = await fetch(`${t.url}/api/registry/areas/geojson?level=bezirk`, {
      headers: { authorization: `Bearer ${await t.tokenFor('planer')}` },
    });
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const collection: ReturnType<typeof JSON.parse> = await res.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(
      collection.features.map((f: { properties: { code: string; editable: boolean } }) => [
        f.properties.code,
        f.properties.editable,
      ]),
    ).toEqual([
      ['01', true],
      ['02', false],
    ]);
    expect(collection.features[0].geometry.type).toBe('Polygon');
  });

  // PostgreSQL writes the GeoJSON as text, so no compile-time check proves it matches the
  // schema the portal's types are generated from: the answer is parsed with that schema here.
  it('answers GeoJSON exactly as its OpenAPI document describes it', async () => {
    const res = await fetch(`${t.url}/api/registry/areas/geojson?level=bezirk`, {
      headers: { authorization: `Bearer ${await t.tokenFor('planer')}` },
    });
    const body: unknown = await res.json();
    const parsed = areaFeatureCollectionSchema.safeParse(body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Parsing drops what the schema does not document: nothing may be lost.
    expect(parsed.data).toEqual(body);
    expect(parsed.data?.features.length).toBeGreaterThan(0);
  });

  it('lets a planner edit inside his district, with the change published through the outbox', async () => {
    const res = await call('PATCH', `/api/registry/areas/${mitteRegionId}`, 'planer', {
      population: 12345,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: mitteRegionId, population: 12345, editable: true });
    const [event] = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'registry.area.upserted' AND key = $1 ORDER BY position DESC LIMIT 1`,
      [`berlin-demo:${mitteRegionId}`],
    );
    expect(event.envelope.payload).toMatchObject({
      id: mitteRegionId,
      population: 12345,
      tenantId: 'berlin-demo',
    });
  });

  it('denies: planner outside his scope 403, viewer 403, other tenant 404, unknown 404', async () => {
    expect(
      (await call('PATCH', `/api/registry/areas/${kreuzbergId}`, 'planer', { name: 'X' })).body,
    ).toMatchObject({ statusCode: 403, code: 'OutOfScope' });
    expect(
      (await call('PATCH', `/api/registry/areas/${mitteId}`, 'viewer', { name: 'X' })).body,
    ).toMatchObject({ statusCode: 403, code: 'MissingRole' });
    expect((await call('GET', `/api/registry/areas/${mitteId}`, 'musterstadt-admin')).status).toBe(404);
    expect(
      (await call('PATCH', `/api/registry/areas/${mitteId}`, 'musterstadt-admin', { name: 'X' })).status,
    ).toBe(404);
    expect(
      (await call('GET', `/api/registry/areas/00000000-0000-4000-8000-000000000000`, 'admin')).status,
    ).toBe(404);
    // 36 characters of hex digits and hyphens that are no UUID: unknown, as for any other text.
    expect(
      (await call('PATCH', `/api/registry/areas/${'-'.repeat(36)}`, 'planer', { name: 'X' })).status,
    ).toBe(404);
    const [{ name }] = await t.db.query(`SELECT name FROM area WHERE id = $1`, [kreuzbergId]);
    expect(name).toBe(berlinAreaName('02'));
  });

  it('rejects bad input with 400 naming the field, and changes nothing', async () => {
    const negative = await call('PATCH', `/api/registry/areas/${mitteId}`, 'admin', { population: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toMatch(/^population:/);
    const unknown = await call('PATCH', `/api/registry/areas/${mitteId}`, 'admin', { colour: 'red' });
    expect(unknown.status).toBe(400);
    const empty = await call('PATCH', `/api/registry/areas/${mitteId}`, 'admin', {});
    expect(empty.body.message).toMatch(/nothing to change/);
    const badQuery = await call('GET', '/api/registry/areas?limit=5000', 'admin');
    expect(badQuery.body).toMatchObject({ statusCode: 400, code: 'ValidationFailed' });
    expect(badQuery.body.message).toMatch(/^limit:/);
    const malformed = await call(
      'PATCH',
      `/api/registry/areas/${mitteId}`,
      'admin',
      '{"population":',
      'application/json',
    );
    expect(malformed.status).toBe(400);
  });
});
