import type { ServiceTestApp } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
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

  describe('networks, waves, actors and ties', () => {
    let networkId: string;
    let waveId: string;
    let youthClub: string;
    let library: string;

    // A network of its own for every test: the actor lists and the wave's counts below are exact.
    beforeEach(async () => {
      ({ networkId, waveId } = await newNetwork('Netzwerk Tiergarten Süd', '010111', 'planer'));
    });

    /** The first test's two actors: the youth club takes part in the wave, the library not (yet). */
    async function clubAndLibrary() {
      const club = await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
        name: 'Jugendclub Lützow',
        sector: 'welfare',
        areaId: ids['01011101'],
        waveIds: [waveId],
      });
      const lib = await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
        name: 'Stadtbibliothek',
        sector: 'public-administration',
        areaId: ids['01011102'],
      });
      if (club.status !== 201 || lib.status !== 201) throw new Error('creating the actors failed');
      youthClub = club.body.id;
      library = lib.body.id;
    }

    it('creates actors with sector, field, area, point, offerings and contact, and lists them', async () => {
      const club = await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
        name: 'Jugendclub Lützow',
        sector: 'welfare',
        field: 'Jugend',
        areaId: ids['01011101'],
        point: { lon: 13.3457, lat: 52.5065 },
        offerings: [{ type: 'rooms', description: 'Tonstudio' }],
        contact: { email: 'info@jugendclub.example.org' },
        waveIds: [waveId],
      });
      expect(club.status).toBe(201);
      expect(club.body).toMatchObject({
        kind: 'organisation',
        sector: 'welfare',
        pseudonymised: false,
        identityHidden: false,
        waveIds: [waveId],
        point: { lon: 13.3457, lat: 52.5065 },
      });
      youthClub = club.body.id;
      const lib = await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
        name: 'Stadtbibliothek',
        sector: 'public-administration',
        areaId: ids['01011102'],
      });
      library = lib.body.id;
      const list = await call('GET', `/api/network/networks/${networkId}/actors`, 'viewer');
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((a: { name: string }) => a.name)).toEqual([
        'Jugendclub Lützow',
        'Stadtbibliothek',
      ]);
      const inWave = await call(
        'GET',
        `/api/network/networks/${networkId}/actors?waveId=${waveId}`,
        'viewer',
      );
      expect(inWave.body.items.map((a: { id: string }) => a.id)).toEqual([youthClub]);
    });

    it('validates actors: unknown sector 400, area of another tenant 422, duplicate external id 409', async () => {
      expect(
        (
          await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
            name: 'X',
            sector: 'church',
          })
        ).status,
      ).toBe(400);
      const foreign = await t.db.query(`SELECT id FROM area_ref WHERE tenant_id = 'musterstadt'`);
      const area = await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
        name: 'X',
        areaId: foreign[0].id,
      });
      expect(area).toMatchObject({ status: 422, body: { code: 'UnknownArea' } });
      await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
        name: 'Y',
        externalId: 'ext-1',
      });
      expect(
        (
          await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
            name: 'Z',
            externalId: 'ext-1',
          })
        ).body.code,
      ).toBe('DuplicateActor');
    });

    it('records ties, rejects ties to unknown actors, repeated ties and self-ties', async () => {
      await clubAndLibrary();
      const tie = await call('POST', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'planer', {
        sourceActorId: youthClub,
        targetActorId: library,
        type: 'cooperation',
        weight: 3,
      });
      expect(tie.status).toBe(201);
      expect(tie.body).toMatchObject({ type: 'cooperation', weight: 3, source: 'manual', directed: false });
      // Undirected ties are one per pair: the reverse is the same tie.
      const reverse = await call(
        'POST',
        `/api/network/networks/${networkId}/waves/${waveId}/ties`,
        'planer',
        { sourceActorId: library, targetActorId: youthClub, type: 'cooperation' },
      );
      expect(reverse).toMatchObject({ status: 409, body: { code: 'DuplicateTie' } });
      const unknown = await call(
        'POST',
        `/api/network/networks/${networkId}/waves/${waveId}/ties`,
        'planer',
        { sourceActorId: youthClub, targetActorId: randomUUID() },
      );
      expect(unknown).toMatchObject({ status: 422, body: { code: 'UnknownActor' } });
      expect(
        (
          await call('POST', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'planer', {
            sourceActorId: youthClub,
            targetActorId: youthClub,
          })
        ).status,
      ).toBe(400);
      // The library joined the wave through its tie.
      const ties = await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'viewer');
      expect(ties.body.items).toEqual([
        expect.objectContaining({
          sourceName: expect.any(String),
          targetName: expect.any(String),
          weight: 3,
        }),
      ]);
      const network = await call('GET', `/api/network/networks/${networkId}`, 'viewer');
      expect(network.body.waves).toEqual([expect.objectContaining({ id: waveId, actors: 2, ties: 1 })]);
      expect(network.body).toMatchObject({
        editable: false,
        area: { code: '010111', name: 'Tiergarten Süd' },
      });
      const patched = await call(
        'PATCH',
        `/api/network/networks/${networkId}/waves/${waveId}/ties/${tie.body.id}`,
        'planer',
        { weight: 2 },
      );
      expect(patched.body.weight).toBe(2);
    });

    it('refuses a second wave with the same label and deletes waves, ties and actors', async () => {
      expect(
        (
          await call('POST', `/api/network/networks/${networkId}/waves`, 'planer', {
            label: 'Welle 1',
            observedOn: '2025-01-01',
          })
        ).body.code,
      ).toBe('DuplicateWave');
      const extra = await call('POST', `/api/network/networks/${networkId}/waves`, 'planer', {
        label: 'Welle 2',
        observedOn: '2025-05-15',
      });
      expect(
        (await call('DELETE', `/api/network/networks/${networkId}/waves/${extra.body.id}`, 'planer')).status,
      ).toBe(204);
      const temp = await call('POST', `/api/network/networks/${networkId}/actors`, 'planer', {
        name: 'Temporär',
        waveIds: [waveId],
      });
      expect(
        (await call('DELETE', `/api/network/networks/${networkId}/actors/${temp.body.id}`, 'planer')).status,
      ).toBe(204);
      expect(
        (await call('GET', `/api/network/networks/${networkId}/actors/${temp.body.id}`, 'planer')).status,
      ).toBe(404);
    });
  });
});
