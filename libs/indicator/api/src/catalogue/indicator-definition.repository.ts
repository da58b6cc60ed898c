import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IndicatorContent } from './indicator.dto';
import { likeContaining, selectOne, SqlWhere } from '@quartier/service-kit';

/** One version of a definition, with the definition's code and kind. */
export interface DefinitionRow {
  id: string;
  code: string;
  version: number;
  sourceKind: 'manual' | 'network';
  body: IndicatorContent;
  createdBy: string;
  updatedAt: Date;
}

const SELECT_CURRENT = `
  SELECT d.id, d.code, d.current_version AS version, d.source_kind AS "sourceKind", v.body, v.created_by AS "createdBy", v.created_at AS "updatedAt"
    FROM indicator_definition d
    JOIN indicator_definition_version v ON v.definition_id = d.id AND v.version = d.current_version`;

/**
 * SQL of the versioned catalogue: `indicator_definition` (code, current version, soft delete)
 * and its immutable `indicator_definition_version` rows. "Live" means not deleted.
 */
@Injectable()
export class IndicatorDefinitionRepository {
  constructor(@InjectDataSource('indicator') private readonly db: DataSource) {}

  /** Current versions of the live definitions, by code; `q` matches code and names (ILIKE). */
  async live(
    tenantId: string,
    filter: { source?: 'manual' | 'network'; q?: string } = {},
    manager: EntityManager = this.db.manager,
  ): Promise<DefinitionRow[]> {
    const { where, params } = new SqlWhere('d.tenant_id = $1 AND d.deleted_at IS NULL', [tenantId])
      .and('d.source_kind = $?', filter.source)
      .and(
        `(d.code ILIKE $? OR v.body->'name'->>'de' ILIKE $? OR v.body->'name'->>'en' ILIKE $?)`,
        filter.q && likeContaining(filter.q),
      );
    return manager.query(`${SELECT_CURRENT} WHERE ${where} ORDER BY d.code`, params);
  }

  async liveByCode(
    tenantId: string,
    code: string,
    manager: EntityManager = this.db.manager,
  ): Promise<DefinitionRow | null> {
    return selectOne<DefinitionRow>(
      manager,
      `${SELECT_CURRENT} WHERE d.tenant_id = $1 AND d.code = $2 AND d.deleted_at IS NULL`,
      [tenantId, code],
    );
  }

  /** Codes of the live definitions, all or only those in `codes`, sorted. */
  async liveCodes(tenantId: string, codes: readonly string[] | null): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(
      `SELECT code FROM indicator_definition WHERE tenant_id = $1 AND deleted_at IS NULL AND ($2::text[] IS NULL OR code = ANY($2)) ORDER BY code`,
      [tenantId, codes],
    );
    return rows.map((r) => r.code);
  }

  /** Every version of one definition, oldest first. */
  async versions(definitionId: string): Promise<DefinitionRow[]> {
    return this.db.query(
      `SELECT d.id, d.code, v.version, d.source_kind AS "sourceKind", v.body, v.created_by AS "createdBy", v.created_at AS "updatedAt"
         FROM indicator_definition d JOIN indicator_definition_version v ON v.definition_id = d.id
        WHERE d.id = $1 ORDER BY v.version`,
      [definitionId],
    );
  }

  /** Locks the definition row of a code, deleted or not, until the transaction ends. */
  async lockAnyByCode(
    manager: EntityManager,
    tenantId: string,
    code: string,
  ): Promise<{ id: string; deleted: boolean; version: number } | null> {
    return selectOne<{ id: string; deleted: boolean; version: number }>(
      manager,
      `SELECT id, deleted_at IS NOT NULL AS deleted, current_version AS version FROM indicator_definition WHERE tenant_id = $1 AND code = $2 FOR UPDATE`,
      [tenantId, code],
    );
  }

  /** Locks the live definition row of a code until the transaction ends; null when there is none. */
  async lockLiveByCode(
    manager: EntityManager,
    tenantId: string,
    code: string,
  ): Promise<{ id: string; version: number } | null> {
    return selectOne<{ id: string; version: number }>(
      manager,
      `SELECT id, current_version AS version FROM indicator_definition WHERE tenant_id = $1 AND code = $2 AND deleted_at IS NULL FOR UPDATE`,
      [tenantId, code],
    );
  }

  /**
   * Serialises writers that may create the definition of a code that does not exist yet (no row
   * to lock): a transaction-scoped advisory lock on the tenant and code.
   */
  async lockCodeForCreation(manager: EntityManager, tenantId: string, code: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`indicator-def:${tenantId}:${code}`]);
  }

  /** A new definition at version 1; returns its id. */
  async insert(
    manager: EntityManager,
    tenantId: string,
    code: string,
    sourceKind: 'manual' | 'network',
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO indicator_definition (tenant_id, code, current_version, source_kind) VALUES ($1, $2, 1, $3) RETURNING id`,
      [tenantId, code, sourceKind],
    );
    return id;
  }

  /** Brings a deleted definition back at `version`, with the kind of its new source. */
  async revive(
    manager: EntityManager,
    id: string,
    version: number,
    sourceKind: 'manual' | 'network',
  ): Promise<void> {
    await manager.query(
      `UPDATE indicator_definition SET current_version = $2, deleted_at = NULL, source_kind = $3, updated_at = now() WHERE id = $1`,
      [id, version, sourceKind],
    );
  }

  async insertVersion(
    manager: EntityManager,
    version: {
      definitionId: string;
      version: number;
      tenantId: string;
      body: IndicatorContent;
      createdBy: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO indicator_definition_version (definition_id, version, tenant_id, body, created_by) VALUES ($1, $2, $3, $4, $5)`,
      [
        version.definitionId,
        version.version,
        version.tenantId,
        JSON.stringify(version.body),
        version.createdBy,
      ],
    );
  }

  async setCurrentVersion(manager: EntityManager, id: string, version: number): Promise<void> {
    await manager.query(
      `UPDATE indicator_definition SET current_version = $2, updated_at = now() WHERE id = $1`,
      [id, version],
    );
  }

  /** Marks the live definition of a code deleted; false when there was none. */
  async softDelete(tenantId: string, code: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE indicator_definition SET deleted_at = now(), updated_at = now() WHERE tenant_id = $1 AND code = $2 AND deleted_at IS NULL`,
      [tenantId, code],
    );
    return affected > 0;
  }
}
