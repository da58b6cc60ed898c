import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext, Caller } from '@quartier/auth';
import type { DataSource, EntityManager } from 'typeorm';
import { NetworkAccessService } from '../access/network-access.service';
import { unknownAreas } from '../areas/area-ref.repository';
import {
  addWaveMember,
  addWaveMembers,
  removeWaveMembers,
  touchWaves,
  wavesOfActor,
} from '../networks/wave.repository';
import { deleteTiesOfWave } from '../ties/tie.repository';
import type { NetworkRecord } from '../networks/network.dto';
import { NETWORK_CONNECTION, NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { NetworkServiceError } from '../network.errors';
import { assertActorsInScope, assertAreasInScope } from './actor-area-scope';
import { type ActorRow, type ActorView, type CreateActorInput, type UpdateActorInput } from './actor.dto';
import {
  actorsOfNetwork,
  completeDraft,
  deleteActor,
  draftOf,
  externalIdTaken,
  findActor,
  insertActor,
  updateActorRow,
  type ActorDraft,
} from './actor.repository';

@Injectable()
export class ActorsService {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
  ) {}

  async list(
    caller: Caller,
    networkId: string,
    query: { waveId?: string; sector?: string; q?: string; limit: number; offset: number },
  ): Promise<{ items: ActorView[]; total: number }> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
    if (query.waveId) await this.networks.wave(network, query.waveId);
    const rows = await actorsOfNetwork(this.db.manager, network.id, query.waveId);
    const disclosure = await this.networks.disclosure(access, network, rows);
    // Text search runs on what the caller sees: searching a hidden name must not find its pseudonym.
    const needle = query.q?.toLocaleLowerCase('de-DE');
    const items = rows
      .filter((row) => !query.sector || row.sector === query.sector)
      .map((row) => disclosure.present(row))
      .filter(
        (view) =>
          !needle ||
          view.name.toLocaleLowerCase('de-DE').includes(needle) ||
          (view.field ?? '').toLocaleLowerCase('de-DE').includes(needle),
      );
    return { items: items.slice(query.offset, query.offset + query.limit), total: items.length };
  }

  async get(caller: Caller, networkId: string, actorId: string): Promise<ActorView & { waveIds: string[] }> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
    const actor = await this.load(network, actorId);
    const disclosure = await this.networks.disclosure(access, network, [actor]);
    return { ...disclosure.present(actor), waveIds: await wavesOfActor(this.db.manager, actor.id) };
  }

  async create(
    caller: Caller,
    networkId: string,
    input: CreateActorInput,
  ): Promise<ActorView & { waveIds: string[] }> {
    const { access, tenantId } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    const id = await this.db.transaction(async (manager) => {
      const draft = completeDraft(input);
      await this.checkDraft(manager, network, draft, null);
      await this.checkAreaScope(access, network, [draft.areaId], manager);
      const actorId = await insertActor(manager, tenantId, network.id, draft);
      const waveIds = [...new Set(input.waveIds ?? [])];
      for (const waveId of waveIds) await this.networks.wave(network, waveId, manager);
      for (const waveId of waveIds) await addWaveMembers(manager, waveId, [actorId]);
      await touchWaves(manager, waveIds);
      return actorId;
    });
    return this.get(caller, networkId, id);
  }

  async update(
    caller: Caller,
    networkId: string,
    actorId: string,
    input: UpdateActorInput,
  ): Promise<ActorView & { waveIds: string[] }> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      const actor = await this.load(network, actorId, manager, true);
      const before = draftOf(actor);
      const draft: ActorDraft = {
        externalId: input.externalId === undefined ? before.externalId : input.externalId,
        kind: input.kind ?? before.kind,
        name: input.name ?? before.name,
        sector: input.sector === undefined ? before.sector : input.sector,
        field: input.field === undefined ? before.field : input.field,
        areaId: input.areaId === undefined ? before.areaId : input.areaId,
        address: input.address === undefined ? before.address : input.address,
        point: input.point === undefined ? before.point : input.point,
        offerings: input.offerings ?? before.offerings,
        contact: input.contact ?? before.contact,
        pseudonymised: input.pseudonymised ?? before.pseudonymised,
      };
      await this.checkDraft(manager, network, draft, actor.id);
      // Changing an actor needs scope over the area it is filed under (else a planner could lift
      // the pseudonym of an actor whose name only that district may read), and moving it also
      // over where it goes.
      await this.checkAreaScope(access, network, [before.areaId, draft.areaId], manager);
      await updateActorRow(manager, actor.id, draft);
      // Sector and area feed brokerage, E-I index and the per-area indicators.
      if (draft.sector !== before.sector || draft.areaId !== before.areaId)
        await touchWaves(manager, await wavesOfActor(manager, actor.id));
    });
    return this.get(caller, networkId, actorId);
  }

  async remove(caller: Caller, networkId: string, actorId: string): Promise<void> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      const actor = await this.load(network, actorId, manager, true);
      await this.checkAreaScope(caller.access, network, [actor.areaId], manager);
      await touchWaves(manager, await wavesOfActor(manager, actor.id));
      await deleteActor(manager, actor.id);
    });
  }

  /** Adds an actor to a wave (e.g. a surveyed organisation that named nobody: an isolate). */
  async join(caller: Caller, networkId: string, waveId: string, actorId: string): Promise<void> {
    await this.changeMembership(caller, networkId, waveId, actorId, async (manager, wave, actor) => {
      if (await addWaveMember(manager, wave, actor)) await touchWaves(manager, [wave]);
    });
  }

  /** Removes an actor from a wave together with its ties in that wave. */
  async leave(caller: Caller, networkId: string, waveId: string, actorId: string): Promise<void> {
    await this.changeMembership(caller, networkId, waveId, actorId, async (manager, wave, actor) => {
      await deleteTiesOfWave(manager, wave, actor);
      await removeWaveMembers(manager, wave, actor);
      await touchWaves(manager, [wave]);
    });
  }

  /**
   * An editor's change to a wave's members, in one transaction once the wave and the actor are
   * found. Membership counts in the actor's district's indicators (and leaving drops its ties),
   * so the actor must be filed within the caller's scope.
   */
  private async changeMembership(
    caller: Caller,
    networkId: string,
    waveId: string,
    actorId: string,
    change: (manager: EntityManager, waveId: string, actorId: string) => Promise<void>,
  ): Promise<void> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      const wave = await this.networks.wave(network, waveId, manager);
      const actor = await this.load(network, actorId, manager);
      await assertActorsInScope(this.networks, caller.access, network, [actor], manager);
      await change(manager, wave.id, actor.id);
    });
  }

  private async load(
    network: NetworkRecord,
    actorId: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<ActorRow> {
    const actor = await findActor(manager, network.id, actorId, lock);
    if (!actor)
      throw new NetworkServiceError('ActorNotFound', `actor ${actorId} not found in network ${network.id}`);
    return actor;
  }

  private async checkAreaScope(
    access: AccessContext,
    network: NetworkRecord,
    areaIds: (string | null)[],
    manager: EntityManager,
  ): Promise<void> {
    await assertAreasInScope(this.networks, access, network, areaIds, manager);
  }

  private async checkDraft(
    manager: EntityManager,
    network: NetworkRecord,
    draft: ActorDraft,
    self: string | null,
  ): Promise<void> {
    if (draft.areaId && (await unknownAreas(manager, network.tenantId, [draft.areaId])).length > 0) {
      throw new NetworkServiceError('UnknownArea', `area ${draft.areaId} is not an area of this tenant`);
    }
    if (draft.externalId) {
      if (await externalIdTaken(manager, network.id, draft.externalId, self))
        throw new NetworkServiceError(
          'DuplicateActor',
          `another actor of the network has the external id "${draft.externalId}"`,
        );
    }
  }
}
