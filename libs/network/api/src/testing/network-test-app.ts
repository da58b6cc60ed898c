// Set-up shared by the network service's HTTP suites (one per resource); each suite starts its own
// service on a fresh database with it, so the suites run alone and in any order.
import { startServiceTestApp, type Clock, type ServiceTestApp } from '@quartier/service-kit';
import { NETWORK_SERVICE } from '../network.definition';

/** A parsed JSON answer, loosely typed for assertions. */
export type Body = ReturnType<typeof JSON.parse>;

/**
 * The network service over HTTP with a piece of Mitte (01 down to two planning areas of Tiergarten
 * Süd) and of Friedrichshain-Kreuzberg (02) in `berlin-demo`, Musterstadt's N, a planner scoped to
 * Mitte, a viewer and an analyst (as one area version valid from 2020-01-01); `clock` fixes the
 * service's day (area versions dated after it are not current yet).
 */
export async function startNetworkTestApp(
  options: { clock?: Clock } = {},
): Promise<{ t: ServiceTestApp; ids: Record<string, string> }> {
  const t = await startServiceTestApp(NETWORK_SERVICE, { runtime: { clock: options.clock } });
  const ids = await t.seedAreas('berlin-demo', [
    { code: '01', level: 'bezirk', name: 'Mitte' },
    { code: '0101', level: 'prognoseraum', parent: '01' },
    { code: '010111', level: 'bezirksregion', parent: '0101', name: 'Tiergarten Süd' },
    { code: '01011101', level: 'planungsraum', parent: '010111', name: 'Stülerstraße' },
    { code: '01011102', level: 'planungsraum', parent: '010111', name: 'Großer Tiergarten' },
    { code: '02', level: 'bezirk', name: 'Friedrichshain-Kreuzberg' },
    { code: '0201', level: 'prognoseraum', parent: '02' },
    { code: '02010101', level: 'planungsraum', parent: '0201', name: 'Wassertorplatz' },
  ]);
  await t.seedAreas('musterstadt', [{ code: 'N', level: 'stadtbezirk' }]);
  await t.grant('berlin-demo', 'planer', 'planner', ids['01']);
  await t.grant('berlin-demo', 'viewer', 'viewer', null);
  await t.grant('berlin-demo', 'analyst', 'analyst', null);
  return { t, ids };
}

/** Posts files as multipart form fields (the import endpoints' upload). */
export async function uploadFiles(
  t: ServiceTestApp,
  path: string,
  user: string,
  files: Record<string, { name: string; content: string }>,
): Promise<{ status: number; body: Body }> {
  const form = new FormData();
  for (const [field, file] of Object.entries(files)) form.append(field, new Blob([file.content]), file.name);
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.tokenFor(user)}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Body };
}

/** `SELECT count(*) FROM <sql>` in the service's schema. */
export async function countRows(t: ServiceTestApp, sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n;
}

/** A network of the area with the given code and its first wave ("Welle 1", 15 May 2024). */
export async function createNetwork(
  t: ServiceTestApp,
  ids: Record<string, string>,
  name: string,
  areaCode = '01',
  user = 'admin',
  extra: Record<string, unknown> = {},
): Promise<{ networkId: string; waveId: string }> {
  const network = await t.call('POST', '/api/network/networks', user, {
    name,
    areaId: ids[areaCode],
    ...extra,
  });
  if (network.status !== 201) throw new Error(`creating network ${name} answered ${network.status}`);
  const wave = await t.call('POST', `/api/network/networks/${network.body.id}/waves`, user, {
    label: 'Welle 1',
    observedOn: '2024-05-15',
  });
  if (wave.status !== 201) throw new Error(`creating its wave answered ${wave.status}`);
  return { networkId: network.body.id as string, waveId: wave.body.id as string };
}
