// SQL of the `tie` table: functions taking the caller's EntityManager (services, imports,
// survey events and the demo seeder write ties inside their own transactions).
import { canonicalEnds } from '@quartier/network-core';
import type { EntityManager } from 'typeorm';
import type { TieSource, TieType } from '../network.constants';
import { addWaveMembers } from '../networks/wave.repository';
import { TIE_COLUMNS, type TieRow } from './tie.dto';
import { selectOne, SqlWhere } from '@quartier/service-kit';

export interface TieDraft {
  source: string;
  target: string;
  directed: boolean;
  type: TieType;
  weight: number;
  origin: TieSource;
  attributes: Record<string, string | number>;
}

/**
 * Inserts ties of a wave, or updates weight/attributes where the same tie (ends, type,
 * direction) exists. Both ends become members of the wave. Returns how many rows were new.
 */
export async function upsertTies(
  manager: EntityManager,
  tenantId: string,
  networkId: string,
  waveId: string,
  ties: readonly TieDraft[],
): Promise<{ created: number; updated: number }> {
  if (ties.length === 0) return { created: 0, updated: 0 };
  const sources: string[] = [];
  const targets: string[] = [];
  for (const tie of ties) {
    const [s, t] = canonicalEnds(tie.source, tie.target, tie.directed);
    sources.push(s);
    targets.push(t);
  }
  const rows: { inserted: boolean }[] = await manager.query(
    `INSERT INTO tie (tenant_id, network_id, wave_id, source_actor_id, target_actor_id, directed, type, weight, source, attributes)
     SELECT $1, $2, $3, s, t, d, ty, w, o, a::jsonb
       FROM unnest($4::uuid[], $5::uuid[], $6::boolean[], $7::text[], $8::float8[], $9::text[], $10::text[]) AS x(s, t, d, ty, w, o, a)
     ON CONFLICT (wave_id, source_actor_id, target_actor_id, type, directed)
       DO UPDATE SET weight = EXCLUDED.weight, attributes = EXCLUDED.attributes, source = EXCLUDED.source, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [
      tenantId,
      networkId,
      waveId,
      sources,
      targets,
      ties.map((t) => t.directed),
      ties.map((t) => t.type),
      ties.map((t) => t.weight),
      ties.map((t) => t.origin),
      ties.map((t) => JSON.stringify(t.attributes)),
    ],
  );
  await addWaveMembers(manager, waveId, [...new Set([...sources, ...targets])]);
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created };
}

export interface TieFilter {
  type?: string;
  /** Ties with this actor at either end. */
  actorId?: string;
}

/** A wave's ties, oldest first. */
export async function tiesOfWave(
  manager: EntityManager,
  waveId: string,
  filter: TieFilter = {},
): Promise<TieRow[]> {
  const { where, params } = new SqlWhere('t.wave_id = $1', [waveId])
    .and('t.type = $?', filter.type)
    .and('(t.source_actor_id = $? OR t.target_actor_id = $?)', filter.actorId);
  return manager.query(`SELECT ${TIE_COLUMNS} FROM tie t WHERE ${where} ORDER BY t.created_at, t.id`, params);
}

/** A wave's ties by ends and type (the order of an export). */
export async function tiesOfWaveByEnds(manager: EntityManager, waveId: string): Promise<TieRow[]> {
  return manager.query(
    `SELECT ${TIE_COLUMNS} FROM tie t WHERE t.wave_id = $1 ORDER BY t.source_actor_id, t.target_actor_id, t.type`,
    [waveId],
  );
}

/** A wave's ties in no particular order (measures do not depend on it). */
export async function allTiesOfWave(manager: EntityManager, waveId: string): Promise<TieRow[]> {
  return manager.query(`SELECT ${TIE_COLUMNS} FROM tie t WHERE t.wave_id = $1`, [waveId]);
}

/** The tie of a wave with these (canonical) ends, type and direction; null when there is none. */
export async function findTieByEnds(
  manager: EntityManager,
  waveId: string,
  tie: { source: string; target: string; type: string; directed: boolean },
): Promise<TieRow | null> {
  return selectOne<TieRow>(
    manager,
    `SELECT ${TIE_COLUMNS} FROM tie t WHERE wave_id = $1 AND source_actor_id = $2 AND target_actor_id = $3 AND type = $4 AND directed = $5`,
    [waveId, tie.source, tie.target, tie.type, tie.directed],
  );
}

/** The ends of a tie of the wave, locked for the change that follows; null when there is no such tie. */
export async function lockTieEnds(
  manager: EntityManager,
  waveId: string,
  tieId: string,
): Promise<{ sourceActorId: string; targetActorId: string } | null> {
  return selectOne(
    manager,
    `SELECT source_actor_id AS "sourceActorId", target_actor_id AS "targetActorId" FROM tie WHERE id = $1 AND wave_id = $2 FOR UPDATE`,
    [tieId, waveId],
  );
}

/** Changes weight, type and/or attributes of a tie of the wave; null when there is no such tie. */
export async function updateTie(
  manager: EntityManager,
  waveId: string,
  tieId: string,
  patch: { weight?: number; type?: string; attributes?: Record<string, string | number> },
): Promise<TieRow | null> {
  const rows = returnedRows<TieRow>(
    await manager.query(
      `UPDATE tie t SET weight = COALESCE($3, weight), type = COALESCE($4, type), attributes = COALESCE($5::jsonb, attributes), updated_at = now()
      WHERE t.id = $1 AND t.wave_id = $2 RETURNING ${TIE_COLUMNS}`,
      [
        tieId,
        waveId,
        patch.weight ?? null,
        patch.type ?? null,
        patch.attributes ? JSON.stringify(patch.attributes) : null,
      ],
    ),
  );
  return rows[0] ?? null;
}

/** Deletes a tie of the wave; false when there is no such tie. */
export async function deleteTie(manager: EntityManager, waveId: string, tieId: string): Promise<boolean> {
  const deleted = returnedRows<{ id: string }>(
    await manager.query(`DELETE FROM tie WHERE id = $1 AND wave_id = $2 RETURNING id`, [tieId, waveId]),
  );
  return deleted.length > 0;
}

/** Deletes the ties of a wave: all, or those of one actor. */
export async function deleteTiesOfWave(
  manager: EntityManager,
  waveId: string,
  actorId?: string,
): Promise<void> {
  if (actorId === undefined) await manager.query(`DELETE FROM tie WHERE wave_id = $1`, [waveId]);
  else
    await manager.query(
      `DELETE FROM tie WHERE wave_id = $1 AND (source_actor_id = $2 OR target_actor_id = $2)`,
      [waveId, actorId],
    );
}

/**
 * Rows of an UPDATE/DELETE … RETURNING: TypeORM's PostgreSQL driver answers those with
 * `[rows, rowCount]` (other statements with the rows alone).
 */
function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
