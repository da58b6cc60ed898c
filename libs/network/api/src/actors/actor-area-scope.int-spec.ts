import type { ServiceTestApp } from '@quartier/service-kit';
import { createNetwork, startNetworkTestApp } from '../testing/network-test-app';

// A planner's scope covers the networks of his district *and* the areas he files actors under:
// editing Mitte's network is no licence to place an actor in Friedrichshain-Kreuzberg.
describe('actor areas within the caller’s scope (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let networkId: string;
  let waveId: string;

  beforeAll(async () => {
    ({ t, ids } = await startNetworkTestApp());
    ({ networkId, waveId } = await createNetwork(t, ids, 'Mitte', '01', 'planer'));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const actors = `/api/network/networks/:id/actors`;
  const actorsPath = () => actors.replace(':id', networkId);

  it('refuses to create an actor of a Mitte network in another district (403), and creates it inside', async () => {
    const outside = await t.call('POST', actorsPath(), 'planer', {
      name: 'Verein X',
      areaId: ids['02010101'],
    });
    expect(outside).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM actor WHERE name = 'Verein X'`);
    expect(n).toBe(0);
    const inside = await t.call('POST', actorsPath(), 'planer', {
      name: 'Verein Y',
      areaId: ids['01011101'],
    });
    expect(inside.status).toBe(201);
    const admin = await t.call('POST', actorsPath(), 'admin', { name: 'Verein Z', areaId: ids['02010101'] });
    expect(admin.status).toBe(201);
  });

  it('refuses to move an actor out of the scope, and to move one in from outside', async () => {
    const own = await t.call('POST', actorsPath(), 'planer', { name: 'Treff', areaId: ids['01011101'] });
    const moved = await t.call('PATCH', `${actorsPath()}/${own.body.id}`, 'planer', { areaId: ids['02'] });
    expect(moved).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    expect((await t.call('GET', `${actorsPath()}/${own.body.id}`, 'admin')).body.areaId).toBe(
      ids['01011101'],
    );

    const foreign = await t.call('POST', actorsPath(), 'admin', {
      name: 'Kiezladen',
      areaId: ids['02010101'],
    });
    const pulled = await t.call('PATCH', `${actorsPath()}/${foreign.body.id}`, 'planer', {
      areaId: ids['01'],
    });
    expect(pulled).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });

    const renamed = await t.call('PATCH', `${actorsPath()}/${own.body.id}`, 'planer', { name: 'Kieztreff' });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Kieztreff', areaId: ids['01011101'] } });
    const withinScope = await t.call('PATCH', `${actorsPath()}/${own.body.id}`, 'planer', {
      areaId: ids['01'],
    });
    expect(withinScope).toMatchObject({ status: 200, body: { areaId: ids['01'] } });
  });

  const importCsv = async (nodes: string[], edges: string[]) => {
    const form = new FormData();
    form.append('nodes', new Blob([nodes.join('\n')]), 'akteure.csv');
    form.append('edges', new Blob([edges.join('\n')]), 'beziehungen.csv');
    const response = await fetch(
      `${t.url}/api/network/networks/${networkId}/waves/${waveId}/imports?format=csv`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${await t.tokenFor('planer')}` },
        body: form,
      },
    );
    return { status: response.status, body: (await response.json()) as { details: { errors: unknown[] } } };
  };

  it('refuses an import row that files an actor under another district, naming file and line', async () => {
    const { status, body } = await importCsv(
      ['id,name,kind,area', 'a,Haus A,organisation,01011101', 'b,Haus B,organisation,02010101'],
      ['source,target', 'a,b'],
    );
    expect(status).toBe(422);
    expect(body.details.errors).toEqual([
      {
        file: 'akteure.csv',
        line: 3,
        code: 'AreaOutOfScope',
        params: { area: ids['02010101'] },
        message: `area ${ids['02010101']} is outside the area scope of your role assignments`,
      },
    ]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM actor WHERE name IN ('Haus A', 'Haus B')`,
    );
    expect(n).toBe(0);
  });

  it('refuses an import row that moves an existing actor in from another district', async () => {
    const foreign = await t.call('POST', actorsPath(), 'admin', {
      name: 'Stadtteilladen',
      externalId: 'k1',
      areaId: ids['02010101'],
    });
    expect(foreign.status).toBe(201);
    const { status, body } = await importCsv(
      ['id,name,kind,area', 'k1,Stadtteilladen,organisation,01011101', 'c,Haus C,organisation,01011101'],
      ['source,target', 'k1,c'],
    );
    expect(status).toBe(422);
    expect(body.details.errors).toEqual([
      {
        file: 'akteure.csv',
        line: 2,
        code: 'AreaOutOfScope',
        params: { area: ids['02010101'] },
        message: `the actor's area ${ids['02010101']} is outside the area scope of your role assignments`,
      },
    ]);
    const after = await t.call('GET', `${actorsPath()}/${foreign.body.id}`, 'admin');
    expect(after.body.areaId).toBe(ids['02010101']);
  });

  it('refuses changing or deleting an actor filed under another district, whose identity is hidden', async () => {
    const hidden = await t.call('POST', actorsPath(), 'admin', {
      name: 'Beratungsstelle Wrangelkiez',
      areaId: ids['02010101'],
      pseudonymised: true,
    });
    const path = `${actorsPath()}/${hidden.body.id}`;
    expect((await t.call('GET', path, 'planer')).body).toMatchObject({ identityHidden: true });
    // Lifting the pseudonym would show the planner a name only Kreuzberg's planners may read.
    for (const change of [{ pseudonymised: false }, { name: 'Umbenannt' }])
      expect(await t.call('PATCH', path, 'planer', change)).toMatchObject({
        status: 403,
        body: { code: 'OutOfScope' },
      });
    expect(await t.call('DELETE', path, 'planer')).toMatchObject({
      status: 403,
      body: { code: 'OutOfScope' },
    });
    expect((await t.call('GET', path, 'admin')).body).toMatchObject({
      name: 'Beratungsstelle Wrangelkiez',
      pseudonymised: true,
    });
    expect((await t.call('GET', path, 'planer')).body).toMatchObject({ identityHidden: true });
  });

  it('refuses an import row that rewrites an existing actor of another district', async () => {
    const hidden = await t.call('POST', actorsPath(), 'admin', {
      name: 'Jugendclub',
      externalId: 'k2',
      areaId: ids['02010101'],
      pseudonymised: true,
    });
    const { status, body } = await importCsv(
      ['id,name,kind,pseudonymised', 'd,Haus D,organisation,false', 'k2,Jugendclub,organisation,false'],
      ['source,target', 'd,k2'],
    );
    expect(status).toBe(422);
    expect(body.details.errors).toEqual([
      {
        file: 'akteure.csv',
        line: 3,
        code: 'AreaOutOfScope',
        params: { area: ids['02010101'] },
        message: `the actor's area ${ids['02010101']} is outside the area scope of your role assignments`,
      },
    ]);
    const after = await t.call('GET', `${actorsPath()}/${hidden.body.id}`, 'planer');
    expect(after.body).toMatchObject({ identityHidden: true, pseudonymised: true });
  });
});
