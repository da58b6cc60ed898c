// SQL of the `network` table: functions taking an EntityManager (a DataSource's manager for
// reads, the caller's transaction for writes).
import type { EntityManager } from 'typeorm';
import { NETWORK_COLUMNS, type NetworkRecord, type NetworkRow } from './network.dto';
import { selectExists, selectOne, SqlWhere } from '@quartier/service-kit';

const WITH_AREA_PATH = `SELECT ${NETWORK_COLUMNS}, ar.path AS "areaAncestors"
  FROM network n LEFT JOIN area_ref ar ON ar.id = n.area_id AND ar.tenant_id = n.tenant_id`;

export interface NetworkFilter {
  /** Networks of this area or of an area below it. */
  areaId?: string;
  programmeId?: string;
  networkId?: string;
}

/** A network of the tenant with its area's ancestors (for scope checks); null when there is none. */
export async function findNetwork(
  manager: EntityManager,
  tenantId: string,
  networkId: string,
): Promise<NetworkRecord | null> {
  return selectOne<NetworkRecord>(manager, `${WITH_AREA_PATH} WHERE n.id = $1 AND n.tenant_id = $2`, [
    networkId,
    tenantId,
  ]);
}

/** The tenant's networks by name, with their areas' ancestors. */
export async function listNetworks(
  manager: EntityManager,
  tenantId: string,
  filter: NetworkFilter = {},
): Promise<NetworkRecord[]> {
  const { where, params } = new SqlWhere('n.tenant_id = $1', [tenantId])
    .and('(n.area_id = $? OR ar.path @> ARRAY[$?::uuid])', filter.areaId)
    .and('n.programme_id = $?', filter.programmeId)
    .and('n.id = $?', filter.networkId);
  return manager.query(`${WITH_AREA_PATH} WHERE ${where} ORDER BY n.name, n.id`, params);
}

export async function networkNamed(manager: EntityManager, tenantId: string, name: string): Promise<boolean> {
  return selectExists(manager, `SELECT 1 FROM network WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
}

/** A network's row as first written: what its creator gave, without what the database sets. */
export type NewNetwork = Omit<NetworkRow, 'id' | 'createdAt' | 'updatedAt'> & { createdBy: string };

/** Inserts a network; returns its id. */
export async function insertNetwork(manager: EntityManager, network: NewNetwork): Promise<string> {
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO network (tenant_id, name, description, area_id, programme_id, directed, weighted, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      network.tenantId,
      network.name,
      network.description,
      network.areaId,
      network.programmeId,
      network.directed,
      network.weighted,
      network.createdBy,
    ],
  );
  return row.id;
}

/** Applies a patch; undefined keeps a field, a null description clears it. */
export async function updateNetwork(
  manager: EntityManager,
  networkId: string,
  patch: { name?: string; description?: string | null; directed?: boolean; weighted?: boolean },
): Promise<void> {
  await manager.query(
    `UPDATE network SET name = COALESCE($2, name), description = CASE WHEN $3 THEN $4 ELSE description END,
       directed = COALESCE($5, directed), weighted = COALESCE($6, weighted), updated_at = now() WHERE id = $1`,
    [
      networkId,
      patch.name ?? null,
      patch.description !== undefined,
      patch.description ?? null,
      patch.directed ?? null,
      patch.weighted ?? null,
    ],
  );
}

/** Deletes the network with its waves, actors and ties (cascade). */
export async function deleteNetwork(manager: EntityManager, networkId: string): Promise<void> {
  await manager.query(`DELETE FROM network WHERE id = $1`, [networkId]);
}

/** Number of actors per network among `networkIds` (networks without actors are left out). */
export async function actorCounts(
  manager: EntityManager,
  networkIds: readonly string[],
): Promise<Map<string, number>> {
  const rows: { networkId: string; actors: number }[] = await manager.query(
    `SELECT network_id AS "networkId", count(*)::int AS actors FROM actor WHERE network_id = ANY($1::uuid[]) GROUP BY network_id`,
    [networkIds],
  );
  return new Map(rows.map((r) => [r.networkId, r.actors]));
}

/** Serialises imports into one network until the transaction ends. */
export async function lockNetworkForImport(manager: EntityManager, networkId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`network-import:${networkId}`]);
}
