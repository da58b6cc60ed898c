// Reads of the registry's areas as replicated into this service (`area_ref`, written by the
// read-model handler). `path` holds an area's ancestors' ids, root first. The registry keeps a
// superseded area version's areas, and a new version may reuse their codes: a code names the area
// of the version current on the service clock's day (`currentAreaVersionSql`), an id its area.
import { currentAreaVersionSql } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';

/** The tenant's area's ancestors; null when the tenant has no such area. */
export { areaAncestors as ancestorsOf } from '@quartier/service-kit';

/** Ancestors of the tenant's areas among `ids`, by id (unknown ids are left out). */
export async function ancestorsByArea(
  manager: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const rows: { id: string; path: string[] }[] = await manager.query(
    `SELECT id, path FROM area_ref WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return new Map(rows.map((row) => [row.id, row.path]));
}

/** Code, name and level of the areas among `ids`. */
export async function areaLabels(
  manager: EntityManager,
  ids: readonly string[],
): Promise<{ id: string; code: string; name: string; level: string }[]> {
  return manager.query(`SELECT id, code, name, level FROM area_ref WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Id and code of the tenant's areas: those among `ids`, or all. */
export async function areaCodes(
  manager: EntityManager,
  tenantId: string,
  ids?: readonly string[],
): Promise<{ id: string; code: string }[]> {
  if (ids === undefined)
    return manager.query(`SELECT id, code FROM area_ref WHERE tenant_id = $1`, [tenantId]);
  return manager.query(`SELECT id, code FROM area_ref WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
    tenantId,
    ids,
  ]);
}

/**
 * Id and code of every area of the tenant, those of the area version current on `today` marked
 * `current` (what an import's area code may name).
 */
export async function areaCodesByVersion(
  manager: EntityManager,
  tenantId: string,
  today: string,
): Promise<{ id: string; code: string; current: boolean }[]> {
  return manager.query(
    `SELECT id, code, valid_from = ${currentAreaVersionSql('$1', '$2')} AS current
       FROM area_ref WHERE tenant_id = $1`,
    [tenantId, today],
  );
}

/** Id and code of the tenant's areas with one of `codes` in the area version current on `today`. */
export async function areasByCode(
  manager: EntityManager,
  tenantId: string,
  codes: readonly string[],
  today: string,
): Promise<{ id: string; code: string }[]> {
  return manager.query(
    `SELECT id, code FROM area_ref
      WHERE tenant_id = $1 AND code = ANY($2) AND valid_from = ${currentAreaVersionSql('$1', '$3')}`,
    [tenantId, codes, today],
  );
}

/** Area ids among `ids` that the tenant's read model does not know. */
export async function unknownAreas(
  manager: EntityManager,
  tenantId: string,
  ids: Iterable<string>,
): Promise<string[]> {
  const list = [...new Set(ids)];
  if (list.length === 0) return [];
  const known = await ancestorsByArea(manager, tenantId, list);
  return list.filter((id) => !known.has(id));
}
