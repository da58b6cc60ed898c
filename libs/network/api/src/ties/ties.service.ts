import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext, Caller } from '@quartier/auth';
import { canonicalEnds } from '@quartier/network-core';
import type { DataSource, EntityManager } from 'typeorm';
import { NetworkAccessService } from '../access/network-access.service';
import { assertActorsInScope } from '../actors/actor-area-scope';
import { actorAreas, actorIdsInNetwork, actorsOfNetwork } from '../actors/actor.repository';
import { touchWaves } from '../networks/wave.repository';
import { NETWORK_CONNECTION, NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { NetworkServiceError, refusingDuplicate } from '../network.errors';
import type { NetworkRecord } from '../networks/network.dto';
import { type CreateTieInput, type TieRow, type TieView, type UpdateTieInput } from './tie.dto';
import { deleteTie, findTieByEnds, lockTieEnds, tiesOfWave, updateTie, upsertTies } from './tie.repository';

@Injectable()
export class TiesService {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
  ) {}

  async list(
    caller: Caller,
    networkId: string,
    waveId: string,
    filter: { type?: string; actorId?: string },
  ): Promise<{ items: TieView[]; total: number }> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
    const wave = await this.networks.wave(network, waveId);
    const ties = await tiesOfWave(this.db.manager, wave.id, filter);
    const actors = await actorsOfNetwork(this.db.manager, network.id, wave.id);
    const byId = new Map(actors.map((a) => [a.id, a]));
    const disclosure = await this.networks.disclosure(access, network, actors);
    const name = (id: string) => {
      const actor = byId.get(id);
      return actor ? disclosure.nameOf(actor) : id;
    };
    const items = ties.map((tie) => ({
      ...tie,
      sourceName: name(tie.sourceActorId),
      targetName: name(tie.targetActorId),
    }));
    return { items, total: items.length };
  }

  async create(caller: Caller, networkId: string, waveId: string, input: CreateTieInput): Promise<TieRow> {
    const { access, tenantId } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    const directed = input.directed ?? network.directed;
    return this.db.transaction(async (manager) => {
      const wave = await this.networks.wave(network, waveId, manager);
      const known = await actorIdsInNetwork(manager, network.id, [input.sourceActorId, input.targetActorId]);
      const missing = [input.sourceActorId, input.targetActorId].filter((id) => !known.includes(id));
      if (missing.length > 0)
        throw new NetworkServiceError(
          'UnknownActor',
          `tie names actor(s) not in this network: ${missing.join(', ')}`,
        );
      await this.checkEnds(access, network, [input.sourceActorId, input.targetActorId], manager);
      const [source, target] = canonicalEnds(input.sourceActorId, input.targetActorId, directed);
      const ends = { source, target, type: input.type, directed };
      if (await findTieByEnds(manager, wave.id, ends))
        throw new NetworkServiceError(
          'DuplicateTie',
          `this ${input.type} tie already exists in the wave; change its weight instead`,
        );
      await upsertTies(manager, tenantId, network.id, wave.id, [
        {
          source,
          target,
          directed,
          type: input.type,
          weight: input.weight,
          origin: 'manual',
          attributes: input.attributes ?? {},
        },
      ]);
      await touchWaves(manager, [wave.id]);
      return (await findTieByEnds(manager, wave.id, ends)) as TieRow;
    });
  }

  async update(
    caller: Caller,
    networkId: string,
    waveId: string,
    tieId: string,
    input: UpdateTieInput,
  ): Promise<TieRow> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    return refusingDuplicate(
      () =>
        this.db.transaction(async (manager) => {
          const wave = await this.networks.wave(network, waveId, manager);
          await this.checkTie(caller.access, network, wave.id, tieId, manager);
          const tie = (await updateTie(manager, wave.id, tieId, input)) as TieRow;
          await touchWaves(manager, [wave.id]);
          return tie;
        }),
      () =>
        new NetworkServiceError(
          'DuplicateTie',
          `a ${input.type} tie between these actors already exists in the wave`,
        ),
    );
  }

  async remove(caller: Caller, networkId: string, waveId: string, tieId: string): Promise<void> {
    const network = await this.networks.network(caller, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      const wave = await this.networks.wave(network, waveId, manager);
      await this.checkTie(caller.access, network, wave.id, tieId, manager);
      await deleteTie(manager, wave.id, tieId);
      await touchWaves(manager, [wave.id]);
    });
  }

  /** Finds and locks a tie of the wave, and refuses it when one of its ends lies outside the caller's scope. */
  private async checkTie(
    access: AccessContext,
    network: NetworkRecord,
    waveId: string,
    tieId: string,
    manager: EntityManager,
  ): Promise<void> {
    const ends = await lockTieEnds(manager, waveId, tieId);
    if (!ends) throw new NetworkServiceError('TieNotFound', `tie ${tieId} not found in wave ${waveId}`);
    await this.checkEnds(access, network, [ends.sourceActorId, ends.targetActorId], manager);
  }

  /** A tie is data of both its actors: each must be filed within the caller's area scope. */
  private async checkEnds(
    access: AccessContext,
    network: NetworkRecord,
    actorIds: string[],
    manager: EntityManager,
  ): Promise<void> {
    await assertActorsInScope(this.networks, access, network, await actorAreas(manager, actorIds), manager);
  }
}
