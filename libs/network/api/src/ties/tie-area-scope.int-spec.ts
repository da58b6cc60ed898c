import type { ServiceTestApp } from '@quartier/service-kit';
import { createNetwork, startNetworkTestApp } from '../testing/network-test-app';

// A tie, a wave membership and a wave's content are data of the actors they join: a planner of
// Mitte editing Mitte's network may not add, change or delete them for an actor filed under
// Friedrichshain-Kreuzberg. A tenant admin (area scope 'all') may.
describe('ties and waves within the caller’s area scope (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let networkId: string;
  let waveId: string;
  let mitte: string;
  let kreuzberg: string;

  const base = () => `/api/network/networks/${networkId}`;
  const ties = (wave = waveId) => `${base()}/waves/${wave}/ties`;
  const refused = { status: 403, body: { code: 'OutOfScope' } };

  const actor = async (name: string, areaId: string, pseudonymised = false) => {
    const created = await t.call('POST', `${base()}/actors`, 'admin', { name, areaId, pseudonymised });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const wave = async (label: string) => {
    const created = await t.call('POST', `${base()}/waves`, 'planer', { label, observedOn: '2024-05-15' });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const tieCount = async (wave: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM tie WHERE wave_id = $1`, [wave]))[0].n as number;

  beforeAll(async () => {
    ({ t, ids } = await startNetworkTestApp());
    ({ networkId, waveId } = await createNetwork(t, ids, 'Mitte', '01', 'planer'));
    mitte = await actor('Nachbarschaftshaus', ids['01011101']);
    kreuzberg = await actor('Beratungsstelle Wrangelkiez', ids['02010101'], true);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a tie to an actor of another district (403 naming actor and area), and admin may', async () => {
    const fresh = await wave('Welle Beziehung');
    const body = { sourceActorId: mitte, targetActorId: kreuzberg, type: 'cooperation', weight: 2 };
    const planner = await t.call('POST', ties(fresh), 'planer', body);
    expect(planner).toMatchObject(refused);
    expect(planner.body.message).toContain(kreuzberg);
    expect(planner.body.message).toContain(ids['02010101']);
    expect(await tieCount(fresh)).toBe(0);
    expect((await t.call('POST', ties(fresh), 'admin', body)).status).toBe(201);
  });

  it('refuses changing or deleting a tie with an end in another district; admin may', async () => {
    const own = await actor('Stadtteilbibliothek', ids['01011101']);
    const created = await t.call('POST', ties(), 'admin', {
      sourceActorId: own,
      targetActorId: kreuzberg,
      type: 'information',
    });
    const path = `${ties()}/${created.body.id}`;
    expect(await t.call('PATCH', path, 'planer', { weight: 5 })).toMatchObject(refused);
    expect(await t.call('DELETE', path, 'planer')).toMatchObject(refused);
    const [row] = await t.db.query(`SELECT weight FROM tie WHERE id = $1`, [created.body.id]);
    expect(row).toEqual({ weight: 1 });
    expect(await t.call('PATCH', path, 'admin', { weight: 5 })).toMatchObject({
      status: 200,
      body: { weight: 5 },
    });
    expect((await t.call('DELETE', path, 'admin')).status).toBe(204);
  });

  it('lets the planner record, change and delete ties among actors of his own district', async () => {
    const other = await actor('Kita Sonnenschein', ids['01011101']);
    const created = await t.call('POST', ties(), 'planer', { sourceActorId: mitte, targetActorId: other });
    expect(created.status).toBe(201);
    const path = `${ties()}/${created.body.id}`;
    expect(await t.call('PATCH', path, 'planer', { weight: 3 })).toMatchObject({
      status: 200,
      body: { weight: 3 },
    });
    expect((await t.call('DELETE', path, 'planer')).status).toBe(204);
  });

  it('refuses adding an actor of another district to a wave, or taking it out; admin may', async () => {
    const fresh = await wave('Welle Mitgliedschaft');
    const member = `${base()}/waves/${fresh}/actors/${kreuzberg}`;
    const members = async () =>
      (await t.db.query(`SELECT actor_id FROM wave_actor WHERE wave_id = $1`, [fresh])).map(
        (r: { actor_id: string }) => r.actor_id,
      );
    expect(await t.call('PUT', member, 'planer')).toMatchObject(refused);
    expect(await members()).toEqual([]);
    expect((await t.call('PUT', member, 'admin')).status).toBe(204);
    expect(await t.call('DELETE', member, 'planer')).toMatchObject(refused);
    expect(await members()).toEqual([kreuzberg]);
    expect((await t.call('DELETE', member, 'admin')).status).toBe(204);
    expect((await t.call('PUT', `${base()}/waves/${fresh}/actors/${mitte}`, 'planer')).status).toBe(204);
  });

  const importCsv = async (wave: string, edges: string[], mode = 'merge', role = 'planer') => {
    const form = new FormData();
    form.append('edges', new Blob([edges.join('\n')]), 'beziehungen.csv');
    const response = await fetch(`${t.url}${base()}/waves/${wave}/imports?format=csv&mode=${mode}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.tokenFor(role)}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('refuses an import tie row naming an existing actor of another district, naming file and line', async () => {
    const fresh = await wave('Welle Import');
    const { status, body } = await importCsv(fresh, ['source,target', `${mitte},${kreuzberg}`]);
    expect(status).toBe(422);
    expect((body.details as { errors: unknown[] }).errors).toEqual([
      {
        file: 'beziehungen.csv',
        line: 2,
        code: 'AreaOutOfScope',
        params: { area: ids['02010101'] },
        message: `the tied actor's area ${ids['02010101']} is outside the area scope of your role assignments`,
      },
    ]);
    expect(await tieCount(fresh)).toBe(0);
    expect(
      (await importCsv(fresh, ['source,target', `${mitte},${kreuzberg}`], 'merge', 'admin')).status,
    ).toBe(201);
  });

  it('refuses replacing a wave that holds an actor of another district; admin may', async () => {
    const fresh = await wave('Welle Ersetzen');
    await t.call('POST', ties(fresh), 'admin', { sourceActorId: mitte, targetActorId: kreuzberg });
    const other = await actor('Jugendtreff', ids['01011101']);
    const replaced = await importCsv(fresh, ['source,target', `${mitte},${other}`], 'replace');
    expect(replaced).toMatchObject(refused);
    const [row] = await t.db.query(
      `SELECT source_actor_id AS s, target_actor_id AS t FROM tie WHERE wave_id = $1`,
      [fresh],
    );
    expect([row.s, row.t].sort()).toEqual([mitte, kreuzberg].sort());
    expect(await tieCount(fresh)).toBe(1);
    expect((await importCsv(fresh, ['source,target', `${mitte},${other}`], 'replace', 'admin')).status).toBe(
      201,
    );
  });

  it('refuses deleting a wave holding ties of another district’s actor; its own waves it deletes', async () => {
    const fresh = await wave('Welle Löschen');
    await t.call('POST', ties(fresh), 'admin', { sourceActorId: mitte, targetActorId: kreuzberg });
    expect(await t.call('DELETE', `${base()}/waves/${fresh}`, 'planer')).toMatchObject(refused);
    expect(await tieCount(fresh)).toBe(1);
    expect((await t.call('DELETE', `${base()}/waves/${fresh}`, 'admin')).status).toBe(204);
    const own = await wave('Welle Eigene');
    await t.call('PUT', `${base()}/waves/${own}/actors/${mitte}`, 'planer');
    expect((await t.call('DELETE', `${base()}/waves/${own}`, 'planer')).status).toBe(204);
  });

  it('shows the planner ties and exports of another district’s hidden actor under its pseudonym only', async () => {
    const fresh = await wave('Welle Lesen');
    await t.call('POST', ties(fresh), 'admin', { sourceActorId: mitte, targetActorId: kreuzberg });
    const listed = await t.call('GET', ties(fresh), 'planer');
    expect(listed.status).toBe(200);
    const names = listed.body.items.flatMap((i: { sourceName: string; targetName: string }) => [
      i.sourceName,
      i.targetName,
    ]);
    expect(names).toContain('Nachbarschaftshaus');
    expect(names.join()).not.toContain('Wrangelkiez');
    for (const format of ['csv-nodes', 'gexf', 'graphml']) {
      const response = await fetch(`${t.url}${base()}/waves/${fresh}/export?format=${format}`, {
        headers: { authorization: `Bearer ${await t.tokenFor('planer')}` },
      });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).toContain('Nachbarschaftshaus');
      expect(text).not.toContain('Wrangelkiez');
    }
  });

  it('refuses deleting a network with an actor of another district; without one it deletes', async () => {
    // Networks of their own: the suite's network stays for the other tests, in any order.
    const mixed = await createNetwork(t, ids, 'Mitte gemischt', '01', 'planer');
    const mixedPath = `/api/network/networks/${mixed.networkId}`;
    const foreign = await t.call('POST', `${mixedPath}/actors`, 'admin', {
      name: 'Beratungsstelle Wrangelkiez',
      areaId: ids['02010101'],
    });
    expect(foreign.status).toBe(201);
    expect(await t.call('DELETE', mixedPath, 'planer')).toMatchObject(refused);
    expect((await t.call('GET', mixedPath, 'admin')).status).toBe(200);
    const own = await t.call('POST', '/api/network/networks', 'planer', {
      name: 'Mitte 2',
      areaId: ids['01'],
    });
    await t.call('POST', `/api/network/networks/${own.body.id}/actors`, 'planer', {
      name: 'Eigener Akteur',
      areaId: ids['01011101'],
    });
    expect((await t.call('DELETE', `/api/network/networks/${own.body.id}`, 'planer')).status).toBe(204);
    expect((await t.call('DELETE', mixedPath, 'admin')).status).toBe(204);
  });
});
