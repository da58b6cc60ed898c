import type { TestReply } from '@quartier/service-kit';
import { PNG } from 'pngjs';
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

  type Caller = (
    method: string,
    path: string,
    body?: string,
    contentType?: string,
  ) => Promise<Pick<TestReply, 'status' | 'text' | 'body'>>;
  const admin: Caller = (method, path, body, contentType) =>
    t.call(method, path, 'musterstadt-admin', body, contentType);
  /** The platform administrator acting in a tenant of its own, which no other test reads. */
  const platformIn =
    (tenantId: string): Caller =>
    async (method, path, body, contentType = 'application/json') => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await t.tokenFor('platform')}`,
        'x-quartier-tenant': tenantId,
      };
      if (body !== undefined) headers['content-type'] = contentType;
      const response = await fetch(`${t.url}${path}`, { method, headers, body });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json') && text !== '';
      return { status: response.status, text, body: json ? JSON.parse(text) : text };
    };

  const importAreas = async (ids: string[], call: Caller = admin) => {
    const body = JSON.stringify({
      type: 'FeatureCollection',
      features: ids.map((id, i) => ({
        type: 'Feature',
        properties: { id, name: `Bezirk ${id}` },
        geometry: { type: 'Polygon', coordinates: square(9 + i * 0.1) },
      })),
    });
    const started = await call(
      'POST',
      `/api/registry/area-imports?level=${level}`,
      body,
      'application/geo+json',
    );
    for (let i = 0; i < 400; i++) {
      const job = (await call('GET', `/api/registry/area-imports/${started.body.id}`)).body;
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
      raster: {
        tiles: [`/api/registry/tiles/${level}/{z}/{x}/{y}.png`],
        tileSize: 512,
        codes: `/api/registry/tiles/${level}/codes`,
      },
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

  it('serves an area-id raster: RGB PNG without colour chunks whose pixels decode to the areas, 304 on its ETag', async () => {
    const token = await t.tokenFor('musterstadt-admin');
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/api/registry/tiles/${level}/${path}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip', ...headers },
      });
    const codesReply = await get('codes');
    expect([codesReply.status, codesReply.headers.get('content-type')]).toEqual([
      200,
      'application/json; charset=utf-8',
    ]);
    const { codes } = (await codesReply.json()) as { codes: string[] };
    expect(codes.slice().sort()).toEqual(['A', 'B']);
    expect((await get('codes', { 'if-none-match': codesReply.headers.get('etag') as string })).status).toBe(
      304,
    );

    // Tile 8/134/86 holds both squares (9.0–9.2° E, 50.0–50.1° N), each about 36 pixels wide.
    const [z, x, y] = [8, 134, 86];
    const reply = await get(`${z}/${x}/${y}.png`);
    expect([reply.status, reply.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(reply.headers.get('content-encoding')).toBeNull(); // PNG is compressed already
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect(chunkTypes(bytes)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height, png.colorType, png.depth]).toEqual([512, 512, 2, 8]);
    const idAt = (lon: number, lat: number) => {
      const scale = 2 ** z * 512;
      const px = Math.floor((lon / 360 + 0.5) * scale - x * 512);
      const sin = Math.sin((lat * Math.PI) / 180);
      const py = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale - y * 512);
      const o = (py * 512 + px) * 4; // pngjs reads into RGBA
      return (png.data[o] << 16) | (png.data[o + 1] << 8) | png.data[o + 2];
    };
    expect([idAt(9.05, 50.05), idAt(9.15, 50.05), idAt(9.25, 50.05)]).toEqual([
      codes.indexOf('A') + 1,
      codes.indexOf('B') + 1,
      0,
    ]);
    const etag = reply.headers.get('etag') as string;
    expect(etag).not.toBe(codesReply.headers.get('etag'));
    expect((await get(`${z}/${x}/${y}.png`, { 'if-none-match': etag })).status).toBe(304);
    const empty = PNG.sync.read(Buffer.from(await (await get('8/0/0.png')).arrayBuffer()));
    expect([empty.width, empty.data.every((v, i) => v === (i % 4 === 3 ? 255 : 0))]).toEqual([512, true]);
  });

  it('names a bad tile file and denies the raster and codes without a token, a role or a tenant', async () => {
    const bad = await t.call('GET', `/api/registry/tiles/${level}/7/0/7.gif`, 'musterstadt-admin');
    expect([bad.status, bad.body.code]).toEqual([400, 'ValidationFailed']);
    expect(bad.body.message).toMatch(/^file: /);
    for (const path of [`${level}/0/0/0.png`, `${level}/codes`]) {
      expect((await t.call('GET', `/api/registry/tiles/${path}`)).status).toBe(401);
      // A viewer of another tenant, without a role assignment in this one.
      const stranger = await t.call('GET', `/api/registry/tiles/${path}`, 'viewer');
      expect([stranger.status, stranger.body.code]).toEqual([403, 'OutOfScope']);
      expect((await t.call('GET', `/api/registry/tiles/${path}`, 'platform')).status).toBe(400);
    }
    const unknown = await t.call('GET', '/api/registry/tiles/nowhere/codes', 'musterstadt-admin');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'TilesNotFound']);
  });

  it('answers a re-import and an edit of this registry from the first request after them', async () => {
    // Its own tenant: the areas of the others stay as they are.
    const tenantId = 'tiles-reimport';
    await t.app.get(TenantsService).upsert(tenantId, 'Neu gekachelt (Test)', MUSTERSTADT_DEMO.levels);
    const call = platformIn(tenantId);
    await importAreas(['A', 'B'], call);
    const tileJson = async () => (await call('GET', `/api/registry/tiles/${level}`)).body.areas as number;
    // The level's stamp is known (and trusted for a second) before each write.
    expect(await tileJson()).toBe(2);
    await importAreas(['A', 'B', 'C'], call);
    expect(await tileJson()).toBe(3);
    // Names are in the vector tiles from zoom 10 on: tile 10/537/347 holds area A.
    const tile = async () => (await call('GET', `/api/registry/tiles/${level}/10/537/347.pbf`)).text;
    expect(await tile()).toContain('Bezirk A');
    const areas = await call('GET', `/api/registry/areas?level=${level}`);
    const a = (areas.body.items as { id: string; code: string }[]).find((area) => area.code === 'A');
    const renamed = await call(
      'PATCH',
      `/api/registry/areas/${a?.id}`,
      JSON.stringify({ name: 'Umbenannt' }),
    );
    expect(renamed.status).toBe(200);
    const text = await tile();
    expect([text.includes('Umbenannt'), text.includes('Bezirk A')]).toEqual([true, false]);
  });
});

/** The chunk types of a PNG in file order. */
function chunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at))
    types.push(png.toString('latin1', at + 4, at + 8));
  return types;
}
