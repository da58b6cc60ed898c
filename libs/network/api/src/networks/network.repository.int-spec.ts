import type { MigratedSchema } from '@quartier/service-kit';
import {
  actorKeys,
  actorNames,
  actorsOfNetwork,
  actorsWithOfferings,
  externalIdTaken,
  insertActor,
  insertActors,
} from '../actors/actor.repository';
import { ancestorsOf, unknownAreas } from '../areas/area-ref.repository';
import { actorDraft, migratedNetworkSchema, storedNetworkWithWave } from '../testing/network-schema';
import { actorCounts, findNetwork, listNetworks } from './network.repository';
import {
  addWaveMember,
  addWaveMembers,
  lockWaveOfTenant,
  removeWaveMembers,
  waveSize,
} from './wave.repository';

const TREE = [
  { code: '01', level: 'bezirk' },
  { code: '0101', level: 'planungsraum', parent: '01' },
  { code: '02', level: 'bezirk' },
];

describe('network, actor, wave and area repositories (migrated network schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let ids: Record<string, string>;

  beforeAll(async () => {
    schema = await migratedNetworkSchema();
    ids = await schema.seedAreas('net', TREE);
  }, 60_000);
  afterAll(() => schema?.close());

  it('lists the tenant networks by area subtree, programme or id, with their area ancestors', async () => {
    // A tenant of its own: the other tests store networks of tenant 'net', which the unfiltered
    // listing would show.
    const tenant = 'net-list';
    const areas = await schema.seedAreas(tenant, TREE);
    const inRegion = await storedNetworkWithWave(schema, tenant, {
      name: 'B Planungsraum',
      areaId: areas['0101'],
    });
    const inOther = await storedNetworkWithWave(schema, tenant, {
      name: 'A Bezirk 02',
      areaId: areas['02'],
      programmeId: 'p1',
    });
    await storedNetworkWithWave(schema, 'net-other', { name: 'fremd', areaId: areas['01'] });
    const names = async (filter: Parameters<typeof listNetworks>[2]) =>
      (await listNetworks(schema.db.manager, tenant, filter)).map((n) => n.name);
    expect(await names({})).toEqual(['A Bezirk 02', 'B Planungsraum']);
    expect(await names({ areaId: areas['01'] })).toEqual(['B Planungsraum']);
    expect(await names({ programmeId: 'p1' })).toEqual(['A Bezirk 02']);
    expect(await names({ networkId: inRegion.networkId })).toEqual(['B Planungsraum']);
    expect(await findNetwork(schema.db.manager, tenant, inRegion.networkId)).toMatchObject({
      areaAncestors: [areas['01']],
      directed: false,
      weighted: true,
    });
    expect(await findNetwork(schema.db.manager, 'net-other', inOther.networkId)).toBeNull();
  });

  it('reads actors of a network or a wave, their keys, names and counts', async () => {
    const { networkId, waveId } = await storedNetworkWithWave(schema, 'net');
    const rows = await schema.db.transaction((m) =>
      insertActors(m, 'net', networkId, [
        actorDraft('Bürgerverein Mitte', { externalId: 'x1' }),
        actorDraft('Stadtteilzentrum', { externalId: 'x2', point: { lon: 13.4, lat: 52.5 } }),
      ]),
    );
    const single = await schema.db.transaction((m) =>
      insertActor(m, 'net', networkId, actorDraft('Kita Sonne')),
    );
    await schema.db.transaction((m) => addWaveMembers(m, waveId, [rows[1].id]));
    expect((await actorsOfNetwork(schema.db.manager, networkId)).map((a) => a.name)).toEqual([
      'Bürgerverein Mitte',
      'Kita Sonne',
      'Stadtteilzentrum',
    ]);
    const [member] = await actorsOfNetwork(schema.db.manager, networkId, waveId);
    expect(member).toMatchObject({ name: 'Stadtteilzentrum', externalId: 'x2', lon: 13.4, lat: 52.5 });
    expect((await actorKeys(schema.db.manager, networkId)).map((k) => k.externalId).sort()).toEqual(
      ['x1', 'x2', null].sort(),
    );
    expect(
      (await actorNames(schema.db.manager, networkId)).find((a) => a.id === rows[0].id)?.normalizedName,
    ).toBe('bürgerverein mitte');
    expect(await externalIdTaken(schema.db.manager, networkId, 'x1', null)).toBe(true);
    expect(await externalIdTaken(schema.db.manager, networkId, 'x1', rows[0].id)).toBe(false);
    expect(await externalIdTaken(schema.db.manager, networkId, 'x3', single)).toBe(false);
    expect((await actorCounts(schema.db.manager, [networkId])).get(networkId)).toBe(3);
  });

  it('finds actors with offerings by area subtree, field and offering type', async () => {
    const { networkId } = await storedNetworkWithWave(schema, 'net');
    await schema.db.transaction(async (m) => {
      await insertActor(
        m,
        'net',
        networkId,
        actorDraft('Raum', {
          areaId: ids['0101'],
          field: 'Jugend',
          offerings: [{ type: 'rooms', description: 'Saal' }],
        }),
      );
      await insertActor(
        m,
        'net',
        networkId,
        actorDraft('Wissen', {
          areaId: ids['02'],
          offerings: [{ type: 'know-how', description: 'Beratung' }],
        }),
      );
      await insertActor(m, 'net', networkId, actorDraft('Ohne Angebot', { areaId: ids['0101'] }));
    });
    const names = async (filter: Parameters<typeof actorsWithOfferings>[2]) =>
      (await actorsWithOfferings(schema.db.manager, [networkId], filter)).map((a) => a.name);
    // By area code, actors without an area last.
    expect(await names({})).toEqual(['Raum', 'Wissen']);
    expect(await names({ areaId: ids['01'] })).toEqual(['Raum']);
    expect(await names({ type: 'know-how' })).toEqual(['Wissen']);
    expect(await names({ field: 'Jugend' })).toEqual(['Raum']);
    expect(
      (await actorsWithOfferings(schema.db.manager, [networkId], { areaId: ids['0101'] }))[0],
    ).toMatchObject({
      areaCode: '0101',
      areaName: '0101',
    });
  });

  it('keeps wave members once; the tenant check on a wave holds', async () => {
    const { networkId, waveId } = await storedNetworkWithWave(schema, 'net');
    const actor = await schema.db.transaction((m) =>
      insertActor(m, 'net', networkId, actorDraft('Mitglied')),
    );
    expect(await addWaveMember(schema.db.manager, waveId, actor)).toBe(true);
    expect(await addWaveMember(schema.db.manager, waveId, actor)).toBe(false);
    expect(await waveSize(schema.db.manager, waveId)).toEqual({ actors: 1, ties: 0 });
    await removeWaveMembers(schema.db.manager, waveId, actor);
    expect(await waveSize(schema.db.manager, waveId)).toEqual({ actors: 0, ties: 0 });
    expect(await schema.db.transaction((m) => lockWaveOfTenant(m, 'net', waveId))).toEqual({
      id: waveId,
      networkId,
    });
    expect(await schema.db.transaction((m) => lockWaveOfTenant(m, 'net-other', waveId))).toBeNull();
  });

  it('tells unknown areas of the tenant and an area ancestors', async () => {
    const stranger = '00000000-0000-4000-8000-000000000000';
    expect(await unknownAreas(schema.db.manager, 'net', [ids['0101'], stranger, ids['0101']])).toEqual([
      stranger,
    ]);
    expect(await unknownAreas(schema.db.manager, 'net-other', [ids['01']])).toEqual([ids['01']]);
    expect(await ancestorsOf(schema.db.manager, 'net', ids['0101'])).toEqual([ids['01']]);
    expect(await ancestorsOf(schema.db.manager, 'net-other', ids['0101'])).toBeNull();
  });
});
