import type { EntityManager } from 'typeorm';

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

export function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: unknown })?.code === '23505' ||
    (error as { driverError?: { code?: unknown } })?.driverError?.code === '23505'
  );
}

/**
 * Rows of an UPDATE/DELETE … RETURNING: TypeORM's PostgreSQL driver answers those with
 * `[rows, rowCount]` (other statements with the rows alone).
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
