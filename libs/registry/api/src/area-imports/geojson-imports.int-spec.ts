import type { ServiceTestApp } from '@quartier/service-kit';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';
import {
  countAreas,
  seedBerlin,
  seedMusterstadt,
  testSquare,
  waitForImport,
} from '../testing/registry-test-tenants';

/**
 * Uploading a GeoJSON level into the two-district test city: every feature error listed, a valid
 * file counted and published, bad requests and callers refused. (Hostile files, large files and
 * the size limit: area-imports.int-spec.ts.)
 */
describe('GeoJSON area imports (real PostgreSQL, real OIDC tokens)', () => {
  let t: RegistryTestApp;
  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const feature = (id: string | undefined, name: string, geometry: unknown = testSquare(9)) => ({
    type: 'Feature',
    properties: { id, name },
    geometry,
  });

  // Berlin is there for its planner and its administrator, callers who may not import here.
  beforeAll(async () => {
    t = await startRegistryTestApp();
    await seedMusterstadt(t);
    await seedBerlin(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('rejects a file with bad features as a whole, listing every feature error', async () => {
    const before = await countAreas(t, 'musterstadt');
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
    const job = await waitForImport(t, start.body.id, 'musterstadt-admin');
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      {
        feature: 1,
        code: 'DuplicateCode',
        params: { code: 'N9', first: 0 },
        reason: 'code "N9" was already used by feature 0',
      },
      {
        feature: 2,
        code: 'CodeMissing',
        params: { property: 'id' },
        reason: 'property "id" (code) is missing or empty',
      },
      {
        feature: 3,
        code: 'NoParentByPrefix',
        params: { code: 'X1' },
        reason: 'no area on the level above has a code that is a prefix of "X1"',
      },
      {
        feature: 4,
        code: 'RingNotClosed',
        params: { ring: 0 },
        reason: 'ring 0: is not closed (first and last position differ)',
      },
    ]);
    expect(job.message).toBe('4 invalid feature(s); nothing was imported');
    expect(await countAreas(t, 'musterstadt')).toBe(before);
  });

  it('imports a valid file, reports progress counts and publishes each area', async () => {
    const before = await countAreas(t, 'musterstadt');
    const body = {
      type: 'FeatureCollection',
      features: [feature('N9', 'Neubaugebiet'), feature('S9', 'Südhafen', testSquare(9.2))],
    };
    const start = await call(
      'POST',
      '/api/registry/area-imports?level=stadtteil',
      'musterstadt-admin',
      JSON.stringify(body),
      'application/json',
    );
    const job = await waitForImport(t, start.body.id, 'musterstadt-admin');
    expect(job).toMatchObject({
      status: 'succeeded',
      processed: 2,
      created: 2,
      updated: 0,
      errors: [],
      progress: 1,
    });
    expect(await countAreas(t, 'musterstadt')).toBe(before + 2);
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
    expect(await waitForImport(t, notGeo.body.id, 'musterstadt-admin')).toMatchObject({
      status: 'failed',
      fileProblem: 'NotFeatureCollection',
      errors: [],
      message: expect.stringMatching(/not a GeoJSON FeatureCollection/),
    });
    const notJson = await call(
      'POST',
      '/api/registry/area-imports?level=stadtteil',
      'musterstadt-admin',
      '{"type":"FeatureCollection","features":[{"type":',
      'application/geo+json',
    );
    expect(await waitForImport(t, notJson.body.id, 'musterstadt-admin')).toMatchObject({
      status: 'failed',
      fileProblem: 'NotJson',
      message: expect.stringMatching(/not valid JSON/),
    });
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
      (await call('POST', '/api/registry/area-imports?level=bezirk', 'planer', '{}', 'application/geo+json'))
        .status,
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
