// Objects of the authorisation matrix that a body sampled from the OpenAPI document cannot make:
// uploads (GeoJSON areas, indicator values) and objects built from others (index runs, ties).
// The owner (berlin-demo's platform admin) makes them through the public API, so the other
// tenant's callers can be checked against them like every other object (tenant-scope.ts).
import type { Reply, Who } from './tenant-scope';

export interface FixtureApi {
  send(method: string, path: string, who: Who, body?: unknown): Promise<Reply>;
  /** A raw body (a file) with its content type. */
  upload(path: string, who: Who, contentType: string, body: string): Promise<Reply>;
}

export type Fixture = (
  api: FixtureApi,
  owner: Who,
  harvested: ReadonlyMap<string, string[]>,
) => Promise<[string, string[]][]>;

/** A fixture's request that failed: the matrix cannot check what was not made. */
function made(reply: Reply, what: string): Reply {
  if (reply.status >= 300)
    throw new Error(`authz fixture: ${what} answered ${reply.status} ${reply.text.slice(0, 300)}`);
  return reply;
}

async function finished(api: FixtureApi, path: string, owner: Who, done: readonly string[]): Promise<Reply> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const reply = made(await api.send('GET', path, owner), path);
    const status = (reply.body as { status?: string }).status ?? '';
    if (done.includes(status)) return reply;
    if (['failed', 'cancelled', 'interrupted'].includes(status))
      throw new Error(`authz fixture: ${path} ended ${status}: ${reply.text.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`authz fixture: ${path} did not finish`);
}

/** A square of `size` degrees with its south-west corner at (lon, lat): our own geometry. */
const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

const LEVEL = 'authz-bezirk';

/** One level, two generated square districts imported as GeoJSON: areas, a version, tiles, the job. */
const registry: Fixture = async (api, owner) => {
  made(
    await api.send('PUT', `/api/registry/tenants/${owner.tenant}`, owner, {
      name: owner.tenant,
      levels: [{ key: LEVEL, name: 'Bezirk', rank: 0 }],
    }),
    'tenant levels',
  );
  const features = ['01', '02'].map((code, i) => ({
    type: 'Feature',
    properties: { id: code, name: `Authz ${code}` },
    geometry: square(13.3 + i * 0.1, 52.5, 0.1),
  }));
  const job = made(
    await api.upload(
      `/api/registry/area-imports?level=${LEVEL}&validFrom=2020-01-01`,
      owner,
      'application/geo+json',
      JSON.stringify({ type: 'FeatureCollection', features }),
    ),
    'GeoJSON import',
  );
  const id = (job.body as { id: string }).id;
  await finished(api, `/api/registry/area-imports/${id}`, owner, ['succeeded']);
  return [
    ['/api/registry/area-imports', [id]],
    ['/api/registry/tiles', [LEVEL]],
    [`/api/registry/tiles/${LEVEL}`, ['0']],
    [`/api/registry/tiles/${LEVEL}/0`, ['0']],
    [`/api/registry/tiles/${LEVEL}/0/0`, ['0.pbf']],
  ];
};

export const FIXTURES: Readonly<Record<string, Fixture>> = { registry };
