import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertCanAct, canAct, type AccessContext } from '@quartier/auth';
import type { DataSource } from 'typeorm';
import { networkTarget } from '../access/network-access';
import { NetworkAccessService } from '../access/network-access.service';
import { NETWORK_CONNECTION, NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { NetworkServiceError } from '../network.errors';
import {
  NETWORK_COLUMNS,
  WAVE_COLUMNS,
  type CreateNetworkInput,
  type CreateWaveInput,
  type NetworkRecord,
  type NetworkView,
  type UpdateNetworkInput,
  type WaveView,
} from './network.dto';
import { isUniqueViolation, touchWaves } from './wave-revisions';

@Injectable()
export class NetworksService {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
  ) {}

  /** The networks of the tenant the caller may read, optionally of one area's subtree or one programme. */
  async list(
    access: AccessContext,
    tenantId: string,
    filter: { areaId?: string; programmeId?: string },
  ): Promise<{ items: NetworkView[]; total: number }> {
    const params: unknown[] = [tenantId];
    let where = 'n.tenant_id = $1';
    if (filter.areaId) {
      params.push(filter.areaId);
      where += ` AND (n.area_id = $${params.length} OR ar.path @> ARRAY[$${params.length}::uuid])`;
    }
    if (filter.programmeId) {
      params.push(filter.programmeId);
      where += ` AND n.programme_id = $${params.length}`;
    }
    const rows: NetworkRecord[] = await this.db.query(
      `SELECT ${NETWORK_COLUMNS}, ar.path AS "areaAncestors"
         FROM network n LEFT JOIN area_ref ar ON ar.id = n.area_id AND ar.tenant_id = n.tenant_id
        WHERE ${where} ORDER BY n.name, n.id`,
      params,
    );
    const visible = rows.filter((row) =>
      canAct(access.principal, access.assignments, NETWORK_READERS, networkTarget(row)),
    );
    const items = await this.views(access, visible);
    return { items, total: items.length };
  }

  async get(access: AccessContext, tenantId: string, networkId: string): Promise<NetworkView> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_READERS);
    return (await this.views(access, [network]))[0];
  }

  async create(
    access: AccessContext,
    tenantId: string,
    createdBy: string,
    input: CreateNetworkInput,
  ): Promise<NetworkView> {
    let ancestors: string[] | null = null;
    if (input.areaId) {
      const rows: { path: string[] }[] = await this.db.query(
        `SELECT path FROM area_ref WHERE id = $1 AND tenant_id = $2`,
        [input.areaId, tenantId],
      );
      if (rows.length === 0)
        throw new NetworkServiceError('UnknownArea', `area ${input.areaId} is not an area of this tenant`);
      ancestors = rows[0].path;
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
    const [row]: { id: string }[] = await this.db.query(
      `INSERT INTO network (tenant_id, name, description, area_id, programme_id, directed, weighted, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        tenantId,
        input.name,
        input.description ?? null,
        input.areaId ?? null,
        input.programmeId ?? null,
        input.directed,
        input.weighted,
        createdBy,
      ],
    );
    return this.get(access, tenantId, row.id);
  }

  async update(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    input: UpdateNetworkInput,
  ): Promise<NetworkView> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    await this.db.transaction(async (manager) => {
      await manager.query(
        `UPDATE network SET name = COALESCE($2, name), description = CASE WHEN $3 THEN $4 ELSE description END,
           directed = COALESCE($5, directed), weighted = COALESCE($6, weighted), updated_at = now() WHERE id = $1`,
        [
          network.id,
          input.name ?? null,
          input.description !== undefined,
          input.description ?? null,
          input.directed ?? null,
          input.weighted ?? null,
        ],
      );
      // Direction and weighting change every measure of every wave.
      if (input.directed !== undefined || input.weighted !== undefined) {
        const waves: { id: string }[] = await manager.query(`SELECT id FROM wave WHERE network_id = $1`, [
          network.id,
        ]);
        await touchWaves(
          manager,
          waves.map((w) => w.id),
        );
      }
    });
    return this.get(access, tenantId, networkId);
  }

  async remove(access: AccessContext, tenantId: string, networkId: string): Promise<void> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    await this.db.query(`DELETE FROM network WHERE id = $1`, [network.id]);
  }

  async createWave(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    input: CreateWaveInput,
  ): Promise<WaveView> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    try {
      const [row]: WaveView[] = await this.db.query(
        `INSERT INTO wave (tenant_id, network_id, label, observed_on) VALUES ($1, $2, $3, $4)
         RETURNING id, network_id AS "networkId", label, to_char(observed_on, 'YYYY-MM-DD') AS "observedOn", revision::int AS revision`,
        [tenantId, network.id, input.label, input.observedOn],
      );
      return { ...row, actors: 0, ties: 0 };
    } catch (error) {
      if (isUniqueViolation(error))
        throw new NetworkServiceError(
          'DuplicateWave',
          `the network already has a wave labelled "${input.label}"`,
        );
      throw error;
    }
  }

  async updateWave(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    waveId: string,
    input: Partial<CreateWaveInput>,
  ): Promise<WaveView> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    const wave = await this.networks.wave(network, waveId);
    try {
      await this.db.transaction(async (manager) => {
        await manager.query(
          `UPDATE wave SET label = COALESCE($2, label), observed_on = COALESCE($3::date, observed_on) WHERE id = $1`,
          [wave.id, input.label ?? null, input.observedOn ?? null],
        );
        // The observation date is the period of the indicator values derived from the wave.
        if (input.observedOn !== undefined) await touchWaves(manager, [wave.id]);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new NetworkServiceError(
          'DuplicateWave',
          `the network already has a wave labelled "${input.label}"`,
        );
      throw error;
    }
    return (await this.waves(network.id)).find((w) => w.id === wave.id) as WaveView;
  }

  async removeWave(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    waveId: string,
  ): Promise<void> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_EDITORS);
    const wave = await this.networks.wave(network, waveId);
    await this.db.query(`DELETE FROM wave WHERE id = $1`, [wave.id]);
  }

  async waves(networkId: string): Promise<WaveView[]> {
    return this.db.query(
      `SELECT ${WAVE_COLUMNS},
              (SELECT count(*)::int FROM wave_actor wa WHERE wa.wave_id = w.id) AS actors,
              (SELECT count(*)::int FROM tie t WHERE t.wave_id = w.id) AS ties
         FROM wave w WHERE w.network_id = $1 ORDER BY w.observed_on, w.label`,
      [networkId],
    );
  }

  private async views(access: AccessContext, networks: NetworkRecord[]): Promise<NetworkView[]> {
    if (networks.length === 0) return [];
    const ids = networks.map((n) => n.id);
    const areas: { id: string; code: string; name: string; level: string }[] = await this.db.query(
      `SELECT id, code, name, level FROM area_ref WHERE id = ANY($1::uuid[])`,
      [networks.map((n) => n.areaId).filter((id): id is string => id !== null)],
    );
    const areaById = new Map(areas.map((a) => [a.id, a]));
    const counts: { networkId: string; actors: number }[] = await this.db.query(
      `SELECT network_id AS "networkId", count(*)::int AS actors FROM actor WHERE network_id = ANY($1::uuid[]) GROUP BY network_id`,
      [ids],
    );
    const actorCount = new Map(counts.map((c) => [c.networkId, c.actors]));
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
