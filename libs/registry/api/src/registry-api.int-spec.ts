import { generateDemoCity } from '@quartier/demo-city';
import type { ServiceTestApp } from '@quartier/service-kit';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { areaImportOptionsSchema } from '@quartier/registry-core';
import { AreaImportsService } from './area-imports/area-imports.service';
import { areaFeatureCollectionSchema } from './areas/area.dto';
import {
  BERLIN_DEMO,
  MUSTERSTADT_DEMO,
  TWO_DISTRICT_TEST_CITY,
  twoDistrictTestCityAreas,
} from './demo/demo-tenants';
import { RoleAssignmentsService } from './role-assignments/role-assignments.service';
import { TenantsService } from './tenants/tenants.service';
import { startRegistryTestApp, type RegistryTestApp } from './testing/registry-test-app';

// Two districts of a generated city stand in for Berlin's in the planners' tenant: same four
// levels, same hierarchical two-digit codes (01, 0101, 010101, 01010101).
const CITY = generateDemoCity({ areas: 40, districts: 2, seed: 5 });
const nameOf = (code: string) => CITY.areas.find((a) => a.code === code)!.name;

describe('registry API (real PostgreSQL, real OIDC tokens)', () => {
  let t: RegistryTestApp;
  let work: string;
  let mitteId: string;
  let kreuzbergId: string;
  let mitteRegionId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  async function countAreas(tenant: string): Promise<number> {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM area WHERE tenant_id = $1`, [tenant]);
    return n;
  }

  async function waitForImport(id: string, user = 'admin') {
    for (let i = 0; i < 200; i++) {
      const res = await call('GET', `/api/registry/area-imports/${id}`, user);
      if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  beforeAll(async () => {
    t = await startRegistryTestApp();
    work = mkdtempSync(join(tmpdir(), 'registry-int-'));
    const tenants = t.app.get(TenantsService);
    const imports = t.app.get(AreaImportsService);
    await tenants.upsert(BERLIN_DEMO.id, BERLIN_DEMO.name, BERLIN_DEMO.levels);
    for (const [rank, level] of BERLIN_DEMO.levels.entries()) {
      const features = CITY.areas
        .filter((a) => a.level === CITY.levels[rank].key)
        .map((a) => ({ type: 'Feature', properties: { id: a.code, name: a.name }, geometry: a.geometry }));
      const path = join(work, `${level.key}.geojson`);
      writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
      const job = await imports.importFile(
        BERLIN_DEMO.id,
        'test',
        areaImportOptionsSchema.parse({ level: level.key, validFrom: '2006-01-01' }),
        path,
      );
      expect(job).toMatchObject({ status: 'succeeded', errors: [] });
    }
    await tenants.upsert(MUSTERSTADT_DEMO.id, MUSTERSTADT_DEMO.name, TWO_DISTRICT_TEST_CITY.levels);
    for (const level of TWO_DISTRICT_TEST_CITY.levels) {
      const path = join(work, `m-${level.key}.geojson`);
      writeFileSync(path, JSON.stringify(twoDistrictTestCityAreas(level.key)));
      await imports.importFile(
        MUSTERSTADT_DEMO.id,
        'test',
        areaImportOptionsSchema.parse({ level: level.key, populationProperty: 'ew' }),
        path,
      );
    }
    const ids = await t.db.query(
      `SELECT code, id FROM area WHERE tenant_id = 'berlin-demo' AND code IN ('01', '02', '010101')`,
    );
    const byCode = Object.fromEntries(ids.map((r: { code: string; id: string }) => [r.code, r.id]));
    mitteId = byCode['01'];
    kreuzbergId = byCode['02'];
    mitteRegionId = byCode['010101'];
    await t.app
      .get(RoleAssignmentsService)
      .grant(BERLIN_DEMO.id, { subject: 'planer', role: 'planner', areaId: mitteId, programmeId: null });
    await t.app
      .get(RoleAssignmentsService)
      .grant(BERLIN_DEMO.id, { subject: 'viewer', role: 'viewer', areaId: null, programmeId: null });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('authentication', () => {
    it('answers 401 with a Bearer challenge without a token or with a forged one', async () => {
      const missing = await call('GET', '/api/registry/areas');
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const forged = await fetch(`${t.url}/api/registry/areas`, {
        headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
      });
      expect(forged.status).toBe(401);
    });

    it('keeps health and docs public, with only registry routes in the registry document', async () => {
      expect((await call('GET', '/api/registry/health')).body).toEqual({
        status: 'ok',
        service: 'registry',
        checks: { database: 'ok' },
      });
      const docs = await call('GET', '/api/registry/docs-json');
      expect(docs.status).toBe(200);
      const paths = Object.keys(docs.body.paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/registry/areas',
          '/api/registry/areas/{id}',
          '/api/registry/area-imports',
          '/api/registry/role-assignments',
        ]),
      );
      expect(paths.every((p) => p.startsWith('/api/registry/'))).toBe(true);
    });

    it('sets security headers', async () => {
      const res = await call('GET', '/api/registry/health');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-correlation-id')).toMatch(/.+/);
    });
  });

  describe('areas', () => {
    it('lists the top level with pagination and per-user editability', async () => {
      const res = await call('GET', '/api/registry/areas?parent=root&limit=1', 'planer');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          code: '01',
          name: nameOf('01'),
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
      const [{ name }] = await t.db.query(`SELECT name FROM area WHERE id = $1`, [kreuzbergId]);
      expect(name).toBe(nameOf('02'));
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

  describe('GeoJSON imports', () => {
    const square = (x: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 50],
          [x + 0.01, 50],
          [x + 0.01, 50.01],
          [x, 50.01],
          [x, 50],
        ],
      ],
    });
    const feature = (id: string | undefined, name: string, geometry: unknown = square(9)) => ({
      type: 'Feature',
      properties: { id, name },
      geometry,
    });

    it('rejects a file with bad features as a whole, listing every feature error', async () => {
      const before = await countAreas('musterstadt');
      const body = {
        type: 'FeatureCollection',
        features: [
          feature('N9', 'Neu'),
          feature('N9', 'Doppelt'),
          feature(undefined, 'Ohne Code'),
          feature('X1', 'Ohne Eltern'),
          feature('N8', 'Offen', {
            type: 'Polygon',
            coordinates: [
              [
                [9, 50],
                [9.1, 50],
                [9.1, 50.1],
                [9, 50.1],
              ],
            ],
          }),
        ],
      };
      const start = await call(
        'POST',
        '/api/registry/area-imports?level=stadtteil',
        'musterstadt-admin',
        body,
        'application/geo+json',
      );
      expect(start.status).toBe(202);
      const job = await waitForImport(start.body.id, 'musterstadt-admin');
      expect(job.status).toBe('failed');
      expect(job.errors).toEqual([
        { feature: 1, reason: 'code "N9" was already used by feature 0' },
        { feature: 2, reason: 'property "id" (code) is missing or empty' },
        { feature: 3, reason: 'no area on the level above has a code that is a prefix of "X1"' },
        { feature: 4, reason: 'ring 0: is not closed (first and last position differ)' },
      ]);
      expect(job.message).toBe('4 invalid feature(s); nothing was imported');
      expect(await countAreas('musterstadt')).toBe(before);
    });

    it('imports a valid file, reports progress counts and publishes each area', async () => {
      const before = await countAreas('musterstadt');
      const body = {
        type: 'FeatureCollection',
        features: [feature('N9', 'Neubaugebiet'), feature('S9', 'Südhafen', square(9.2))],
      };
      const start = await call(
        'POST',
        '/api/registry/area-imports?level=stadtteil',
        'musterstadt-admin',
        JSON.stringify(body),
        'application/json',
      );
      const job = await waitForImport(start.body.id, 'musterstadt-admin');
      expect(job).toMatchObject({
        status: 'succeeded',
        processed: 2,
        created: 2,
        updated: 0,
        errors: [],
        progress: 1,
      });
      expect(await countAreas('musterstadt')).toBe(before + 2);
      const events = await t.db.query(
        `SELECT envelope FROM outbox WHERE tenant_id = 'musterstadt' AND envelope->'payload'->>'code' IN ('N9', 'S9')`,
      );
      expect(events).toHaveLength(2);
    });

    it('rejects what is not a FeatureCollection, an empty body and an unknown level', async () => {
      const notGeo = await call(
        'POST',
        '/api/registry/area-imports?level=stadtteil',
        'musterstadt-admin',
        '{"type":"Point"}',
        'application/geo+json',
      );
      expect((await waitForImport(notGeo.body.id, 'musterstadt-admin')).message).toMatch(
        /not a GeoJSON FeatureCollection/,
      );
      const empty = await call(
        'POST',
        '/api/registry/area-imports?level=stadtteil',
        'musterstadt-admin',
        '',
        'application/geo+json',
      );
      expect(empty.body).toMatchObject({ statusCode: 422, code: 'InvalidAreaImport' });
      const level = await call(
        'POST',
        '/api/registry/area-imports?level=kiez',
        'musterstadt-admin',
        '{}',
        'application/geo+json',
      );
      expect(level.body).toMatchObject({ statusCode: 422, code: 'LevelNotFound' });
    });

    it('is for tenant admins only, and jobs stay in their tenant', async () => {
      expect(
        (
          await call(
            'POST',
            '/api/registry/area-imports?level=bezirk',
            'planer',
            '{}',
            'application/geo+json',
          )
        ).status,
      ).toBe(403);
      const start = await call(
        'POST',
        '/api/registry/area-imports?level=stadtteil',
        'musterstadt-admin',
        '{"type":"FeatureCollection","features":[]}',
        'application/geo+json',
      );
      expect((await call('GET', `/api/registry/area-imports/${start.body.id}`, 'admin')).status).toBe(404);
    });
  });

  describe('area versions and crosswalks', () => {
    const square = (x: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 50],
          [x + 0.01, 50],
          [x + 0.01, 50.01],
          [x, 50.01],
          [x, 50],
        ],
      ],
    });

    it('creates a version per validFrom on import, lists them and replaces a crosswalk all-or-nothing', async () => {
      const reform = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'NEU', name: 'Nordstadt neu' }, geometry: square(9) },
        ],
      };
      const start = await call(
        'POST',
        '/api/registry/area-imports?level=stadtbezirk&validFrom=2030-01-01',
        'musterstadt-admin',
        reform,
        'application/geo+json',
      );
      expect((await waitForImport(start.body.id, 'musterstadt-admin')).status).toBe('succeeded');
      const versions = await call('GET', '/api/registry/area-versions', 'musterstadt-admin');
      expect(
        versions.body.map((v: { validFrom: string; current: boolean }) => [v.validFrom, v.current]),
      ).toEqual([
        ['2000-01-01', true],
        ['2030-01-01', false],
      ]);
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

  describe('tenants', () => {
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
      expect(
        (await call('PUT', '/api/registry/tenants/neustadt', 'admin', { name: 'X', levels })).status,
      ).toBe(403);
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
  });

  describe('role assignments', () => {
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
        areaName: nameOf('02'),
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
      expect(
        (await call('DELETE', `/api/registry/role-assignments/${granted.body.id}`, 'admin')).status,
      ).toBe(204);
      expect(
        (await call('DELETE', `/api/registry/role-assignments/${granted.body.id}`, 'admin')).status,
      ).toBe(404);
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
        roles: ['planner'],
        assignments: [{ role: 'planner', areaId: mitteId, areaName: nameOf('01'), programmeId: null }],
      });
      const tenant = await call('GET', '/api/registry/tenants/current', 'musterstadt-admin');
      expect(tenant.body.levels.map((l: { key: string }) => l.key)).toEqual(['stadtbezirk', 'stadtteil']);
    });
  });
});
