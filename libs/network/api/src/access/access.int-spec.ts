import type { ServiceTestApp } from '@quartier/service-kit';
import { pseudonymOf } from './network-access';
import { createNetwork, startNetworkTestApp } from '../testing/network-test-app';

describe('network service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const newNetwork = (name: string, areaCode?: string, user?: string) =>
    createNetwork(t, ids, name, areaCode, user);

  beforeAll(async () => {
    ({ t, ids } = await startNetworkTestApp());
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('authorisation', () => {
    let mitte: { networkId: string; waveId: string };
    let kreuzberg: { networkId: string; waveId: string };

    beforeAll(async () => {
      mitte = await newNetwork('Netzwerk Mitte', '01');
      kreuzberg = await newNetwork('Netzwerk Kreuzberg', '02');
    });

    it('answers 401 without a token and 403 to roles that may not write', async () => {
      expect((await call('GET', '/api/network/networks')).status).toBe(401);
      const viewer = await call('POST', '/api/network/networks', 'viewer', { name: 'X', areaId: ids['01'] });
      expect(viewer).toMatchObject({ status: 403, body: { code: 'MissingRole' } });
      expect(
        (await call('POST', `/api/network/networks/${mitte.networkId}/actors`, 'analyst', { name: 'X' }))
          .status,
      ).toBe(403);
      expect((await call('DELETE', `/api/network/networks/${mitte.networkId}`, 'viewer')).status).toBe(403);
    });

    it('keeps a planner inside his area scope', async () => {
      const outside = await call('POST', '/api/network/networks', 'planer', { name: 'X', areaId: ids['02'] });
      expect(outside).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
      expect((await call('GET', `/api/network/networks/${kreuzberg.networkId}`, 'planer')).status).toBe(403);
      expect(
        (
          await call('POST', `/api/network/networks/${kreuzberg.networkId}/waves`, 'planer', {
            label: 'W',
            observedOn: '2024-01-01',
          })
        ).status,
      ).toBe(403);
      const list = await call('GET', '/api/network/networks', 'planer');
      expect(list.body.items.map((n: { name: string }) => n.name)).not.toContain('Netzwerk Kreuzberg');
      expect(list.body.items.map((n: { name: string }) => n.name)).toContain('Netzwerk Mitte');
      const viewerList = await call('GET', `/api/network/networks?areaId=${ids['02']}`, 'viewer');
      expect(viewerList.body.items.map((n: { name: string }) => n.name)).toEqual(['Netzwerk Kreuzberg']);
      // A programme-only network needs a tenant-wide grant to create.
      expect(
        (await call('POST', '/api/network/networks', 'planer', { name: 'P', programmeId: 'soziale-stadt' }))
          .status,
      ).toBe(403);
      expect(
        (await call('POST', '/api/network/networks', 'admin', { name: 'P', programmeId: 'soziale-stadt' }))
          .status,
      ).toBe(201);
    });

    it('hides another tenant’s networks as not found', async () => {
      expect(
        (await call('GET', `/api/network/networks/${mitte.networkId}`, 'musterstadt-admin')).status,
      ).toBe(404);
      expect(
        (
          await call(
            'GET',
            `/api/network/networks/${mitte.networkId}/waves/${mitte.waveId}/metrics`,
            'musterstadt-admin',
          )
        ).status,
      ).toBe(404);
      expect((await call('GET', '/api/network/networks', 'musterstadt-admin')).body.items).toEqual([]);
      expect(
        (await call('POST', '/api/network/networks', 'musterstadt-admin', { name: 'X', areaId: ids['01'] }))
          .status,
      ).toBe(404);
    });
  });

  describe('pseudonymisation', () => {
    let networkId: string;
    let person: string;
    let personOutside: string;

    beforeAll(async () => {
      ({ networkId } = await newNetwork('Netzwerk mit Schlüsselpersonen', '01'));
      person = (
        await call('POST', `/api/network/networks/${networkId}/actors`, 'admin', {
          name: 'Sabine Krüger',
          kind: 'person',
          sector: 'residents',
          areaId: ids['01011101'],
          contact: { phone: '030 123456' },
          point: { lon: 13.35, lat: 52.5 },
        })
      ).body.id;
      personOutside = (
        await call('POST', `/api/network/networks/${networkId}/actors`, 'admin', {
          name: 'Jonas Becker',
          kind: 'person',
          areaId: ids['02010101'],
        })
      ).body.id;
    });

    it('pseudonymises persons by default and shows names only to tenant admins and planners in scope', async () => {
      const admin = await call('GET', `/api/network/networks/${networkId}/actors/${person}`, 'admin');
      expect(admin.body).toMatchObject({
        name: 'Sabine Krüger',
        pseudonymised: true,
        identityHidden: false,
        contact: { phone: '030 123456' },
      });
      const planner = await call('GET', `/api/network/networks/${networkId}/actors/${person}`, 'planer');
      expect(planner.body.name).toBe('Sabine Krüger');
      for (const user of ['viewer', 'analyst']) {
        const hidden = await call('GET', `/api/network/networks/${networkId}/actors/${person}`, user);
        expect(hidden.body).toMatchObject({
          name: pseudonymOf(person),
          identityHidden: true,
          contact: null,
          point: null,
          address: null,
        });
      }
      // The planner's scope is Mitte; this person lives in Kreuzberg.
      const outside = await call(
        'GET',
        `/api/network/networks/${networkId}/actors/${personOutside}`,
        'planer',
      );
      expect(outside.body).toMatchObject({ name: pseudonymOf(personOutside), identityHidden: true });
    });

    it('does not let a search find a hidden name, and exports pseudonyms', async () => {
      expect(
        (await call('GET', `/api/network/networks/${networkId}/actors?q=Sabine`, 'viewer')).body.total,
      ).toBe(0);
      expect(
        (await call('GET', `/api/network/networks/${networkId}/actors?q=Sabine`, 'admin')).body.total,
      ).toBe(1);
      const wave = (await call('GET', `/api/network/networks/${networkId}`, 'admin')).body.waves[0].id;
      await call('PUT', `/api/network/networks/${networkId}/waves/${wave}/actors/${person}`, 'admin');
      const exported = await call(
        'GET',
        `/api/network/networks/${networkId}/waves/${wave}/export?format=csv-nodes`,
        'viewer',
      );
      expect(exported.text).toContain(pseudonymOf(person));
      expect(exported.text).not.toContain('Krüger');
      expect(exported.text).not.toContain('030 123456');
    });
  });
});
