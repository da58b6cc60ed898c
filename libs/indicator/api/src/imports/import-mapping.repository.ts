// Saved dimension mappings, one per tenant, format and source: what the import wizard offers
// again for a file from the same source, and what an import with `source` but no `map` uses.
import type { EntityManager } from 'typeorm';
import type { ImportFormat } from './import-formats';
import { selectOne } from '@quartier/service-kit';

export interface SavedMapping {
  format: ImportFormat;
  source: string;
  /** `dim=role|value,…` as `parseDimensionMapping` reads it. */
  mapping: string;
  updatedBy: string;
  updatedAt: string;
}

const COLUMNS = `format, source, mapping, updated_by AS "updatedBy", to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`;

export async function savedMapping(
  manager: EntityManager,
  tenantId: string,
  format: ImportFormat,
  source: string,
): Promise<SavedMapping | null> {
  return selectOne<SavedMapping>(
    manager,
    `SELECT ${COLUMNS} FROM import_mapping WHERE tenant_id = $1 AND format = $2 AND source = $3`,
    [tenantId, format, source],
  );
}

export async function saveMapping(
  manager: EntityManager,
  tenantId: string,
  entry: { format: ImportFormat; source: string; mapping: string; updatedBy: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO import_mapping (tenant_id, format, source, mapping, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, format, source) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [tenantId, entry.format, entry.source, entry.mapping, entry.updatedBy],
  );
}

export async function listMappings(manager: EntityManager, tenantId: string): Promise<SavedMapping[]> {
  return manager.query(`SELECT ${COLUMNS} FROM import_mapping WHERE tenant_id = $1 ORDER BY format, source`, [
    tenantId,
  ]);
}
