import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext } from '@quartier/auth';
import type { DataSource } from 'typeorm';
import { NetworkAccessService } from '../access/network-access.service';
import { actorsOfNetwork } from '../actors/actor-store';
import { isUniqueViolation, returnedRows, touchWaves } from '../networks/wave-revisions';
import { NETWORK_CONNECTION, NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { NetworkServiceError } from '../network.errors';
import {
  TIE_COLUMNS,
  canonicalEnds,
  type CreateTieInput,
  type TieRow,
  type TieView,
  type UpdateTieInput,
} from './tie.dto';
import { upsertTies } from './tie-store';

@Injectable()
export class TiesService {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
  ) {}

  async list(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    waveId: string,
    filter: { type?: string; actorId?: string },
  ): Promise<{ items: TieView[]; total: number }> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_READERS);
    const wave = await this.networks.wave(network, waveId);
    const params: unknown[] = [wave.id];
    let where = 't.wave_id = $1';
    if (filter.type) {
      params.push(filter.type);
      where += ` AND t.type = $${params.length}`;
    }
    if (filter.actorId) {
      params.push(filter.actorId);
      where += ` AND (t.source_actor_id = $${params.length} OR t.target_actor_id = $${params.length})`;
    }
    const ties: TieRow[] = await this.db.query(
      `SELECT ${TIE_COLUMNS} FROM tie t WHERE ${where} ORDER BY t.created_at, t.id`,
      params,
    );
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

  async create(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    waveId: string,
    input: CreateTieInput,
  ): Promise<TieRow> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    const directed = input.directed ?? network.directed;
    return this.db.transaction(async (manager) => {
      const wave = await this.networks.wave(network, waveId, manager);
      const known: { id: string }[] = await manager.query(
        `SELECT id FROM actor WHERE network_id = $1 AND id = ANY($2::uuid[])`,
        [network.id, [input.sourceActorId, input.targetActorId]],
      );
      const missing = [input.sourceActorId, input.targetActorId].filter(
        (id) => !known.some((k) => k.id === id),
      );
      if (missing.length > 0)
        throw new NetworkServiceError(
          'UnknownActor',
          `tie names actor(s) not in this network: ${missing.join(', ')}`,
        );
      const [source, target] = canonicalEnds(input.sourceActorId, input.targetActorId, directed);
      const exists: unknown[] = await manager.query(
        `SELECT 1 FROM tie WHERE wave_id = $1 AND source_actor_id = $2 AND target_actor_id = $3 AND type = $4 AND directed = $5`,
        [wave.id, source, target, input.type, directed],
      );
      if (exists.length > 0)
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
      const [row]: TieRow[] = await manager.query(
        `SELECT ${TIE_COLUMNS} FROM tie t WHERE wave_id = $1 AND source_actor_id = $2 AND target_actor_id = $3 AND type = $4 AND directed = $5`,
        [wave.id, source, target, input.type, directed],
      );
      return row;
    });
  }

  async update(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    waveId: string,
    tieId: string,
    input: UpdateTieInput,
  ): Promise<TieRow> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    try {
      return await this.db.transaction(async (manager) => {
        const wave = await this.networks.wave(network, waveId, manager);
        const rows = returnedRows<TieRow>(
          await manager.query(
            `UPDATE tie t SET weight = COALESCE($3, weight), type = COALESCE($4, type), attributes = COALESCE($5::jsonb, attributes), updated_at = now()
            WHERE t.id = $1 AND t.wave_id = $2 RETURNING ${TIE_COLUMNS}`,
            [
              tieId,
              wave.id,
              input.weight ?? null,
              input.type ?? null,
              input.attributes ? JSON.stringify(input.attributes) : null,
            ],
          ),
        );
        if (rows.length === 0)
          throw new NetworkServiceError('TieNotFound', `tie ${tieId} not found in wave ${waveId}`);
        await touchWaves(manager, [wave.id]);
        return rows[0];
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new NetworkServiceError(
          'DuplicateTie',
          `a ${input.type} tie between these actors already exists in the wave`,
        );
      throw error;
    }
  }

  async remove(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    waveId: string,
    tieId: string,
  ): Promise<void> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      const wave = await this.networks.wave(network, waveId, manager);
      const deleted = returnedRows<{ id: string }>(
        await manager.query(`DELETE FROM tie WHERE id = $1 AND wave_id = $2 RETURNING id`, [tieId, wave.id]),
      );
      if (deleted.length === 0)
        throw new NetworkServiceError('TieNotFound', `tie ${tieId} not found in wave ${waveId}`);
      await touchWaves(manager, [wave.id]);
    });
  }
}
