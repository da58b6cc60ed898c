import { MUSTERSTADT_DEMO } from '../demo/demo-tenants';
import { TenantsService } from '../tenants/tenants.service';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';

/** The registry's vector tiles over real imported areas (real PostgreSQL, real tokens). */
describe('area vector tiles (real PostgreSQL)', () => {
  let t: RegistryTestApp;
  const tenant = MUSTERSTADT_DEMO.id;
  const level = MUSTERSTADT_DEMO.levels[0].key;
  const square = (x: number) => [
    [
      [x, 50],
      [x + 0.1, 50],
      [x + 0.1, 50.1],
      [x, 50.1],
      [x, 50],
    ],
  ];

  const importAreas = async (ids: string[]) => {
    const body = JSON.stringify({
      type: 'FeatureCollection',
      features: ids.map((id, i) => ({
        type: 'Feature',
        properties: { id, name: `Bezirk ${id}` },
        geometry: { type: 'Polygon', coordinates: square(9 + i * 0.1) },
      })),
    });
    const started = await t.call(
      'POST',
      `/api/registry/area-imports?level=${level}`,
      'musterstadt-admin',
      body,
      'application/geo+json',
    );
    for (let i = 0; i < 400; i++) {
      const job = (await t.call('GET', `/api/registry/area-imports/${started.body.id}`, 'musterstadt-admin'))
        .body;
      if (job.status === 'succeeded') return;
      if (!['queued', 'running'].includes(job.status)) throw new Error(JSON.stringify(job));
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the area import did not finish');
  };

  beforeAll(async () => {
    t = await startRegistryTestApp();
    await t.app.get(TenantsService).upsert(tenant, MUSTERSTADT_DEMO.name, MUSTERSTADT_DEMO.levels);
    await importAreas(['A', 'B']);
  }, 120_000);
  afterAll(() => t?.close());

  it('describes a level as TileJSON: bounds of its areas, zoom range, the layer', async () => {
    const response = await t.call('GET', `/api/registry/tiles/${level}`, 'musterstadt-admin');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      tilejson: '3.0.0',
      tiles: [`/api/registry/tiles/${level}/{z}/{x}/{y}.pbf`],
      minzoom: 0,
      maxzoom: 16,
      areas: 2,
      vector_layers: [{ id: 'areas' }],
    });
    expect(response.body.bounds.map((v: number) => Number(v.toFixed(6)))).toEqual([9, 50, 9.2, 50.1]);
  });

  it('serves a tile gzip-encoded with an ETag, answers 304 to it, and names bad coordinates', async () => {
    const token = await t.tokenFor('musterstadt-admin');
    const url = `${t.url}/api/registry/tiles/${level}/8/134/86.pbf`;
    const first = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await first.arrayBuffer());
    // Layer "areas" with both codes (the fetch decoded the gzip).
    expect(bytes.includes(Buffer.from('areas'))).toBe(true);
    expect(bytes.includes(Buffer.from('code'))).toBe(true);
    const etag = first.headers.get('etag') as string;
    const again = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const outside = await t.call('GET', `/api/registry/tiles/${level}/8/0/0.pbf`, 'musterstadt-admin');
    expect(outside.status).toBe(200);
    expect(outside.text).toBe('');
    const bad = await t.call('GET', `/api/registry/tiles/${level}/3/8/0.pbf`, 'musterstadt-admin');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/below 2\^z/);
    for (const path of ['/api/registry/tiles/nowhere/0/0/0.pbf', '/api/registry/tiles/nowhere']) {
      const unknown = await t.call('GET', path, 'musterstadt-admin');
      expect([unknown.status, unknown.body.code]).toEqual([404, 'TilesNotFound']);
    }
    expect((await t.call('GET', `/api/registry/tiles/${level}/0/0/0.pbf`)).status).toBe(401);
  });

  it('follows a change of the level: tiles answer from the known stamp and pick up the new areas within seconds', async () => {
    await importAreas(['A', 'B', 'C']);
    const counts: number[] = [];
    // The stamp is trusted for a second and then refreshed behind the answer, so the change
    // shows after at most one stale answer past that second (polled for up to 10 s).
    for (let i = 0; i < 200 && counts.at(-1) !== 3; i++) {
      counts.push((await t.call('GET', `/api/registry/tiles/${level}`, 'musterstadt-admin')).body.areas);
      if (counts.at(-1) !== 3) await new Promise((r) => setTimeout(r, 50));
    }
    expect(counts.at(-1)).toBe(3);
    expect(counts.every((n) => n === 2 || n === 3)).toBe(true);
  });
});
