// SQL of a value import's transaction: the fast path's savepoint and settings, the slow path's
// staging table, the merge into `indicator_value` and the report of repeated keys. The rows get
// there by COPY (value-copy-loader.ts, a stream rather than a query).
import type { EntityManager } from 'typeorm';

/** A staged row that repeats the key of an earlier line (`first`). */
export interface DuplicateRow {
  line: number;
  col: string;
  first: number;
}

/** Marks where the fast path starts, so that a failed fast path leaves nothing behind. */
export async function beginDirectLoad(manager: EntityManager): Promise<void> {
  await manager.query('SAVEPOINT direct_load');
}

/** Undoes the fast path (any rows it inserted) before the staging pass. */
export async function abandonDirectLoad(manager: EntityManager): Promise<void> {
  await manager.query('ROLLBACK TO SAVEPOINT direct_load');
}

/**
 * Before the fast path's COPY into `indicator_value`: the rows' tenant and source come from the
 * table's column defaults (transaction settings), not repeated in a million COPY rows.
 */
export async function prepareDirectLoad(
  manager: EntityManager,
  tenantId: string,
  sourceId: string,
): Promise<void> {
  await manager.query(
    `SELECT set_config('quartier.tenant_id', $1, true), set_config('quartier.source_id', $2, true)`,
    [tenantId, sourceId],
  );
}

/** The staging table of the slow path: every row of the file, with line and column for reports. */
export async function createStaging(manager: EntityManager): Promise<void> {
  await manager.query(
    `CREATE TEMP TABLE value_staging (
       line integer NOT NULL, col text NOT NULL, indicator_id uuid NOT NULL, area_id uuid NOT NULL, period text NOT NULL,
       status "char" NOT NULL, value double precision, numerator double precision, denominator double precision, definition_version integer NOT NULL
     ) ON COMMIT DROP`,
  );
  await manager.query(`SET LOCAL work_mem = '64MB'`);
}

/**
 * Merges the staged rows into the value table, in key order (see value-runs.ts).
 * `INSERT … ON CONFLICT DO UPDATE` refuses a key twice (21000), so a file that repeats a key
 * cannot slip through: answers false then, with the merge rolled back.
 */
export async function mergeStaging(
  manager: EntityManager,
  tenantId: string,
  sourceId: string,
): Promise<boolean> {
  await manager.query('SAVEPOINT merge');
  try {
    await manager.query(
      `INSERT INTO indicator_value (tenant_id, indicator_id, period, area_id, status, value, numerator, denominator, definition_version, source_id, updated_at)
       SELECT $1, indicator_id, period, area_id, CASE status WHEN 'v' THEN 'value' WHEN 's' THEN 'suppressed' ELSE 'missing' END,
              value, numerator, denominator, definition_version, $2, now()
         FROM value_staging ORDER BY indicator_id, period COLLATE "C", area_id
       ON CONFLICT (indicator_id, period, area_id) DO UPDATE SET
         status = EXCLUDED.status, value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
         definition_version = EXCLUDED.definition_version, source_id = EXCLUDED.source_id, updated_at = EXCLUDED.updated_at`,
      [tenantId, sourceId],
    );
    return true;
  } catch (error) {
    // 21000: ON CONFLICT DO UPDATE met the same key twice — the file has duplicates.
    if ((error as { code?: string }).code !== '21000') throw error;
    await manager.query('ROLLBACK TO SAVEPOINT merge');
    return false;
  }
}

/** Every repeated (indicator, area, period) after its first occurrence, with that line. */
export function stagedDuplicates(manager: EntityManager): Promise<DuplicateRow[]> {
  return manager.query(
    `SELECT line, col, first FROM (
       SELECT line, col, min(line) OVER w AS first, count(*) OVER w AS n, row_number() OVER (PARTITION BY indicator_id, area_id, period ORDER BY line, col) AS k
         FROM value_staging WINDOW w AS (PARTITION BY indicator_id, area_id, period)) d
      WHERE n > 1 AND k > 1 ORDER BY line`,
  );
}
