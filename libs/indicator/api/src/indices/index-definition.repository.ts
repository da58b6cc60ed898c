import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IndexDefinition } from '@quartier/indicator-core';
import type { DataSource } from 'typeorm';
import { selectOne } from '@quartier/service-kit';

export interface IndexDefinitionRow {
  id: string;
  key: string;
  label: string;
  definition: IndexDefinition;
  createdBy: string;
  updatedAt: Date;
}

const COLUMNS = `id, key, label, definition, created_by AS "createdBy", updated_at AS "updatedAt"`;

/** SQL of the stored composite index definitions (`index_definition`, unique key per tenant). */
@Injectable()
export class IndexDefinitionRepository {
  constructor(@InjectDataSource('indicator') private readonly db: DataSource) {}

  /** The tenant's definitions by key. */
  async list(tenantId: string): Promise<IndexDefinitionRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM index_definition WHERE tenant_id = $1 ORDER BY key`, [
      tenantId,
    ]);
  }

  async find(tenantId: string, id: string): Promise<IndexDefinitionRow | null> {
    return selectOne<IndexDefinitionRow>(
      this.db,
      `SELECT ${COLUMNS} FROM index_definition WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }

  /** Whether the tenant has a definition whose key matches a LIKE pattern. */
  async existsWithKeyLike(tenantId: string, keyPattern: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM index_definition WHERE tenant_id = $1 AND key LIKE $2`,
      [tenantId, keyPattern],
    );
    return n > 0;
  }

  /** Stores a new definition under its key; null when the tenant has that key already. */
  async insert(
    tenantId: string,
    definition: { key: string; label: string; definition: IndexDefinition; createdBy: string },
  ): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO index_definition (tenant_id, key, label, definition, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, key) DO NOTHING RETURNING id`,
      [
        tenantId,
        definition.key,
        definition.label,
        JSON.stringify(definition.definition),
        definition.createdBy,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async update(tenantId: string, id: string, label: string, definition: IndexDefinition): Promise<void> {
    await this.db.query(
      `UPDATE index_definition SET label = $3, definition = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, label, JSON.stringify(definition)],
    );
  }

  /** Deletes a definition and, by cascade, its runs and their results. */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.db.query(`DELETE FROM index_definition WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }
}
