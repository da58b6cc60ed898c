import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertCanAct, canAct, type AccessContext, type Caller } from '@quartier/auth';
import type { DataSource } from 'typeorm';
import { networkTarget } from '../access/network-access';
import { NetworkAccessService } from '../access/network-access.service';
import { NETWORK_CONNECTION, NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { NetworkServiceError, refusingDuplicate } from '../network.errors';
import { ancestorsOf, areaLabels } from '../areas/area-ref.repository';
import { assertActorsInScope } from '../actors/actor-area-scope';
import { actorAreasOfNetwork, actorAreasOfWave } from '../actors/actor.repository';
import {
  type CreateNetworkInput,
  type CreateWaveInput,
  type NetworkRecord,
  type NetworkView,
  type UpdateNetworkInput,
  type WaveView,
} from './network.dto';
import { actorCounts, deleteNetwork, insertNetwork, listNetworks, updateNetwork } from './network.repository';
import {
  deleteWave,
  insertWave,
  touchWaves,
  updateWave,
  waveIdsOfNetwork,
  wavesWithCounts,
} from './wave.repository';

@Injectable()
export class NetworksService {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
  ) {}

  /** The networks of the tenant the caller may read, optionally of one area's subtree or one programme. */
  async list(
    caller: Caller,
    filter: { areaId?: string; programmeId?: string },
  ): Promise<{ items: NetworkView[]; total: number }> {
    const { access, tenantId } = caller;
    const rows = await listNetworks(this.db.manager, tenantId, {
      ...(filter.areaId ? { areaId: filter.areaId } : {}),
      ...(filter.programmeId ? { programmeId: filter.programmeId } : {}),
    });
    const visible = rows.filter((row) =>
      canAct(access.principal, access.assignments, NETWORK_READERS, networkTarget(row)),
    );
    const items = await this.views(access, visible);
    return { items, total: items.length };
  }

  async get(caller: Caller, networkId: string): Promise<NetworkView> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
    return (await this.views(access, [network]))[0];
  }

  async create(caller: Caller, input: CreateNetworkInput): Promise<NetworkView> {
    const { access, tenantId, subject: createdBy } = caller;
    let ancestors: string[] | null = null;
    if (input.areaId) {
      ancestors = await ancestorsOf(this.db.manager, tenantId, input.areaId);
      if (ancestors === null)
        throw new NetworkServiceError('UnknownArea', `area ${input.areaId} is not an area of this tenant`);
    }
    // The guard checked the area; the programme (if any) is checked here with it.
    assertCanAct(
      access.principal,
      access.assignments,
      NETWORK_EDITORS,
      networkTarget({
        areaId: input.areaId ?? null,
        areaAncestors: ancestors,
        programmeId: input.programmeId ?? null,
      }),
    );
    const id = await insertNetwork(this.db.manager, {
      tenantId,
      name: input.name,
      description: input.description ?? null,
      areaId: input.areaId ?? null,
      programmeId: input.programmeId ?? null,
      directed: input.directed,
      weighted: input.weighted,
      createdBy,
    });
    return this.get(caller, id);
  }

  async update(caller: Caller, networkId: string, input: UpdateNetworkInput): Promise<NetworkView> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      await updateNetwork(manager, network.id, input);
      // Direction and weighting change every measure of every wave.
      if (input.directed !== undefined || input.weighted !== undefined) {
        await touchWaves(manager, await waveIdsOfNetwork(manager, network.id));
      }
    });
    return this.get(caller, networkId);
  }

  async remove(caller: Caller, networkId: string): Promise<void> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    // Deleting the network deletes its actors: those filed in another district are not the caller's to delete.
    await this.db.transaction(async (manager) => {
      const actors = await actorAreasOfNetwork(manager, network.id);
      await assertActorsInScope(this.networks, caller.access, network, actors, manager);
      await deleteNetwork(manager, network.id);
    });
  }

  async createWave(caller: Caller, networkId: string, input: CreateWaveInput): Promise<WaveView> {
    const { tenantId } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    const row = await refusingDuplicate(
      () => insertWave(this.db.manager, tenantId, network.id, input),
      () => duplicateWave(input.label),
    );
    return { ...row, actors: 0, ties: 0 };
  }

  async updateWave(
    caller: Caller,
    networkId: string,
    waveId: string,
    input: Partial<CreateWaveInput>,
  ): Promise<WaveView> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    const wave = await this.networks.wave(network, waveId);
    await refusingDuplicate(
      () =>
        this.db.transaction(async (manager) => {
          await updateWave(manager, wave.id, input);
          // The observation date is the period of the indicator values derived from the wave.
          if (input.observedOn !== undefined) await touchWaves(manager, [wave.id]);
        }),
      () => duplicateWave(input.label),
    );
    return (await this.waves(network.id)).find((w) => w.id === wave.id) as WaveView;
  }

  async removeWave(caller: Caller, networkId: string, waveId: string): Promise<void> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      const wave = await this.networks.wave(network, waveId, manager);
      // Deleting the wave deletes its ties: those of actors filed in another district are not the caller's.
      const actors = await actorAreasOfWave(manager, wave.id);
      await assertActorsInScope(this.networks, caller.access, network, actors, manager);
      await deleteWave(manager, wave.id);
    });
  }

  async waves(networkId: string): Promise<WaveView[]> {
    return wavesWithCounts(this.db.manager, networkId);
  }

  private async views(access: AccessContext, networks: NetworkRecord[]): Promise<NetworkView[]> {
    if (networks.length === 0) return [];
    const ids = networks.map((n) => n.id);
    const areas = await areaLabels(
      this.db.manager,
      networks.map((n) => n.areaId).filter((id): id is string => id !== null),
    );
    const areaById = new Map(areas.map((a) => [a.id, a]));
    const actorCount = await actorCounts(this.db.manager, ids);
    const result: NetworkView[] = [];
    for (const network of networks) {
      const { areaAncestors: _ancestors, ...row } = network;
      result.push({
        ...row,
        area: network.areaId ? (areaById.get(network.areaId) ?? null) : null,
        waves: await this.waves(network.id),
        actors: actorCount.get(network.id) ?? 0,
        editable: this.networks.canEdit(access, network),
      });
    }
    return result;
  }
}

const duplicateWave = (label: string | undefined) =>
  new NetworkServiceError('DuplicateWave', `the network already has a wave labelled "${label}"`);
