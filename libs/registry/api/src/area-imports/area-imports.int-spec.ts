import { UploadSpool } from '@quartier/service-kit';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { MUSTERSTADT_DEMO } from '../demo/demo-tenants';
import { TenantsService } from '../tenants/tenants.service';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';
import { testSquare } from '../testing/registry-test-tenants';

/** Area imports as jobs of the registry's JobRunner: hostile files fail as jobs, the service keeps serving. */
describe('area imports on the job runner (real PostgreSQL)', () => {
  let t: RegistryTestApp;
  const tenant = MUSTERSTADT_DEMO.id;

  const feature = (id: string, name: string, x = 9) => ({
    type: 'Feature',
    properties: { id, name },
    geometry: testSquare(x),
  });

  async function importBody(body: string) {
    const started = await t.call(
      'POST',
      `/api/registry/area-imports?level=${MUSTERSTADT_DEMO.levels[0].key}`,
      'musterstadt-admin',
      body,
      'application/geo+json',
    );
    expect(started.status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const job = (await t.call('GET', `/api/registry/area-imports/${started.body.id}`, 'musterstadt-admin'))
        .body;
      if (!['queued', 'running'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not end');
  }

  beforeAll(async () => {
    t = await startRegistryTestApp();
    await t.app.get(TenantsService).upsert(tenant, MUSTERSTADT_DEMO.name, MUSTERSTADT_DEMO.levels);
  }, 120_000);
  afterAll(() => t?.close());

  it('fails a feature with a NUL byte in a property, naming the feature, while the registry keeps answering', async () => {
    // Counted, not assumed empty: other tests of the file import into the same tenant, in any order.
    const areas = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM area WHERE tenant_id = $1`, [tenant]))[0].n as number;
    const before = await areas();
    const body = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature('N', 'Nord'), feature('S', 'S\u0000üd', 9.2)],
    });
    const job = await importBody(body);
    expect(job).toMatchObject({
      status: 'failed',
      message: '1 invalid feature(s); nothing was imported',
      errors: [{ feature: 1, code: 'UnstorableFeature', params: {}, reason: expect.stringMatching(/NUL/) }],
      fileProblem: null,
      created: 0,
    });
    expect((await t.call('GET', '/api/registry/health/live')).status).toBe(200);
    expect(await areas()).toBe(before);
    const ok = await importBody(
      JSON.stringify({ type: 'FeatureCollection', features: [feature('N', 'Nord')] }),
    );
    expect(ok).toMatchObject({ status: 'succeeded', created: 1, processed: 1, progress: 1 });
  });

  it('refuses an empty FeatureCollection and a 1 MB name, writing no area and no area version', async () => {
    const count = async (table: 'area' | 'area_version') =>
      (await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenant]))[0].n;
    const before = { areas: await count('area'), versions: await count('area_version') };
    const empty = await importBody(JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(empty).toMatchObject({
      status: 'failed',
      fileProblem: 'NoFeatures',
      message: expect.stringMatching(/has no features/),
    });
    const long = await importBody(
      JSON.stringify({ type: 'FeatureCollection', features: [feature('L', 'L'.repeat(1_000_000), 9.4)] }),
    );
    // The API caps names at 200 characters; the import takes the same rule.
    expect(long).toMatchObject({
      status: 'failed',
      created: 0,
      errors: [
        {
          feature: 0,
          code: 'NameTooLong',
          params: { property: 'name', max: 200 },
          reason: 'property "name" (name) is longer than 200 characters',
        },
      ],
    });
    expect({ areas: await count('area'), versions: await count('area_version') }).toEqual(before);
  });

  it('writes a file of more features than one statement takes, counts re-imports as updates and publishes each area once with its label point', async () => {
    const features = Array.from({ length: 1203 }, (_, i) =>
      feature(`B${String(i).padStart(4, '0')}`, `Block ${i}`, 5 + i * 0.02),
    );
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    const first = await importBody(body);
    expect(first).toMatchObject({ status: 'succeeded', created: 1203, updated: 0, processed: 1203 });
    const again = await importBody(body);
    expect(again).toMatchObject({ status: 'succeeded', created: 0, updated: 1203 });
    const rows: { code: string; area_sqm: number; n: number }[] = await t.db.query(
      `SELECT code, area_sqm, count(*) OVER ()::int AS n FROM area WHERE tenant_id = $1 AND code IN ('B0000', 'B1202') ORDER BY code`,
      [tenant],
    );
    expect(rows.map((r) => r.code)).toEqual(['B0000', 'B1202']);
    expect(Number(rows[0].area_sqm)).toBeGreaterThan(700_000); // 0.01° × 0.01° at 50° N ≈ 0.8 km²
    const events: { payload: { code: string; labelPoint: { lon: number; lat: number } | null } }[] = (
      await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'registry.area.upserted' AND envelope->'payload'->>'code' LIKE 'B%'`,
      )
    ).map((r: { envelope: unknown }) => r.envelope);
    expect(events).toHaveLength(2 * 1203);
    const last = events.find((e) => e.payload.code === 'B1202');
    expect(last?.payload.labelPoint).toEqual({
      lon: expect.closeTo(5 + 1202 * 0.02 + 0.005, 6),
      lat: expect.closeTo(50.005, 6),
    });
  });

  it('answers 413 naming the limit for a declared size over 100 MB, before the body arrives', async () => {
    const token = await t.tokenFor('musterstadt-admin');
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${t.url}/api/registry/area-imports?level=${MUSTERSTADT_DEMO.levels[0].key}`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/geo+json',
            'content-length': String(101 * 1024 * 1024),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.write('{"type":"FeatureCollection","features":[');
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({
      code: 'PayloadTooLarge',
      message: 'the file is larger than 100 MB',
    });
  });

  it('leaves no spool file behind', async () => {
    let files: string[] = [];
    try {
      // Only this process's uploads: other test files may be spooling into the same folder.
      files = readdirSync(t.app.get(UploadSpool).dir).filter((name) => name.startsWith(`${process.pid}-`));
    } catch {
      files = [];
    }
    expect(files).toEqual([]);
  });
});
