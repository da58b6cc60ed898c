// SQL of waves (`wave`), their members (`wave_actor`) and revisions: functions taking the
// caller's EntityManager, so services, imports and survey events write inside their transactions.
import type { EntityManager } from 'typeorm';
import { WAVE_COLUMNS, type WaveRow, type WaveView } from './network.dto';
import { selectOne } from '@quartier/service-kit';

/** A wave of the network; null when there is none. */
export async function findWave(
  manager: EntityManager,
  networkId: string,
  waveId: string,
): Promise<WaveRow | null> {
  return selectOne<WaveRow>(
    manager,
    `SELECT ${WAVE_COLUMNS} FROM wave w WHERE w.id = $1 AND w.network_id = $2`,
    [waveId, networkId],
  );
}

/** The network's waves by observation day and label, with member and tie counts. */
export async function wavesWithCounts(manager: EntityManager, networkId: string): Promise<WaveView[]> {
  return manager.query(
    `SELECT ${WAVE_COLUMNS},
            (SELECT count(*)::int FROM wave_actor wa WHERE wa.wave_id = w.id) AS actors,
            (SELECT count(*)::int FROM tie t WHERE t.wave_id = w.id) AS ties
       FROM wave w WHERE w.network_id = $1 ORDER BY w.observed_on, w.label`,
    [networkId],
  );
}

export async function waveIdsOfNetwork(manager: EntityManager, networkId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(`SELECT id FROM wave WHERE network_id = $1`, [
    networkId,
  ]);
  return rows.map((r) => r.id);
}

/** Inserts a wave (a duplicate label violates the unique constraint); returns it without counts. */
export async function insertWave(
  manager: EntityManager,
  tenantId: string,
  networkId: string,
  wave: { label: string; observedOn: string },
): Promise<WaveRow> {
  const [row]: WaveRow[] = await manager.query(
    `INSERT INTO wave (tenant_id, network_id, label, observed_on) VALUES ($1, $2, $3, $4)
     RETURNING id, network_id AS "networkId", label, to_char(observed_on, 'YYYY-MM-DD') AS "observedOn", revision::int AS revision`,
    [tenantId, networkId, wave.label, wave.observedOn],
  );
  return row;
}

/** Sets the label and/or the observation day; undefined keeps the stored value. */
export async function updateWave(
  manager: EntityManager,
  waveId: string,
  patch: { label?: string; observedOn?: string },
): Promise<void> {
  await manager.query(
    `UPDATE wave SET label = COALESCE($2, label), observed_on = COALESCE($3::date, observed_on) WHERE id = $1`,
    [waveId, patch.label ?? null, patch.observedOn ?? null],
  );
}

/** Deletes the wave with its members, ties and cached measures (cascade). */
export async function deleteWave(manager: EntityManager, waveId: string): Promise<void> {
  await manager.query(`DELETE FROM wave WHERE id = $1`, [waveId]);
}

/** The wave of the tenant, locked until the transaction ends; null when there is none. */
export async function lockWaveOfTenant(
  manager: EntityManager,
  tenantId: string,
  waveId: string,
): Promise<{ id: string; networkId: string } | null> {
  return selectOne<{ id: string; networkId: string }>(
    manager,
    `SELECT id, network_id AS "networkId" FROM wave WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
    [waveId, tenantId],
  );
}

/** Revision and observation day of a wave, locked until the transaction ends; null when it is gone. */
export async function lockWaveRevision(
  manager: EntityManager,
  waveId: string,
): Promise<{ revision: number; observedOn: string } | null> {
  return selectOne<{ revision: number; observedOn: string }>(
    manager,
    `SELECT revision::int AS revision, to_char(observed_on, 'YYYY-MM-DD') AS "observedOn" FROM wave WHERE id = $1 FOR UPDATE`,
    [waveId],
  );
}

export async function waveRevision(manager: EntityManager, waveId: string): Promise<number> {
  const [{ revision }]: { revision: number }[] = await manager.query(
    `SELECT revision::int AS revision FROM wave WHERE id = $1`,
    [waveId],
  );
  return revision;
}

/**
 * Marks waves as changed: their revision moves on and their cached measures are dropped, so the
 * next read recomputes (and a job still running on the old revision does not store its result).
 */
export async function touchWaves(manager: EntityManager, waveIds: readonly string[]): Promise<void> {
  if (waveIds.length === 0) return;
  await manager.query(`UPDATE wave SET revision = revision + 1 WHERE id = ANY($1::uuid[])`, [waveIds]);
  await manager.query(`DELETE FROM wave_metrics WHERE wave_id = ANY($1::uuid[])`, [waveIds]);
}

/** Waves an actor takes part in (its measures depend on the actor's sector, too). */
export async function wavesOfActor(manager: EntityManager, actorId: string): Promise<string[]> {
  const rows: { waveId: string }[] = await manager.query(
    `SELECT wave_id AS "waveId" FROM wave_actor WHERE actor_id = $1`,
    [actorId],
  );
  return rows.map((row) => row.waveId);
}

/** Makes actors members of a wave (members already there stay). */
export async function addWaveMembers(
  manager: EntityManager,
  waveId: string,
  actorIds: readonly string[],
): Promise<void> {
  if (actorIds.length === 0) return;
  await manager.query(
    `INSERT INTO wave_actor (wave_id, actor_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [waveId, actorIds],
  );
}

/** Makes an actor a member of a wave; false when it was one already. */
export async function addWaveMember(
  manager: EntityManager,
  waveId: string,
  actorId: string,
): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO wave_actor (wave_id, actor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING actor_id`,
    [waveId, actorId],
  );
  return inserted.length > 0;
}

/** Removes one member (`actorId`) or every member of a wave. */
export async function removeWaveMembers(
  manager: EntityManager,
  waveId: string,
  actorId?: string,
): Promise<void> {
  if (actorId === undefined) await manager.query(`DELETE FROM wave_actor WHERE wave_id = $1`, [waveId]);
  else await manager.query(`DELETE FROM wave_actor WHERE wave_id = $1 AND actor_id = $2`, [waveId, actorId]);
}

/** How many members and ties a wave has. */
export async function waveSize(
  manager: EntityManager,
  waveId: string,
): Promise<{ actors: number; ties: number }> {
  const [row]: { actors: number; ties: number }[] = await manager.query(
    `SELECT (SELECT count(*)::int FROM wave_actor WHERE wave_id = $1) AS actors, (SELECT count(*)::int FROM tie WHERE wave_id = $1) AS ties`,
    [waveId],
  );
  return row;
}
