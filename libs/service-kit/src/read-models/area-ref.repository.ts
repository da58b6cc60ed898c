import type { DataSource, EntityManager } from 'typeorm';
import { selectOne } from '../sql-page';

/**
 * The ancestors of the tenant's area in a service's `area_ref` read model, root first; null when
 * the tenant has no such area. Scope checks read it, and services placing something in an area.
 */
export async function areaAncestors(
  db: DataSource | EntityManager,
  tenantId: string,
  areaId: string,
): Promise<string[] | null> {
  const row = await selectOne<{ path: string[] }>(
    db,
    `SELECT path FROM area_ref WHERE id = $1 AND tenant_id = $2`,
    [areaId, tenantId],
  );
  return row?.path ?? null;
}
