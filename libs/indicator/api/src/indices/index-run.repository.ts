import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IndexDefinition } from '@quartier/indicator-core';
import type { DataSource, EntityManager } from 'typeorm';

export interface IndexRunRow {
  id: string;
  definitionId: string;
  /** The definition as it was when the run was made. */
  definition: IndexDefinition;
  period: string;
  level: string;
  label: string;
  areaCount: number;
  validAreaCount: number;
  classCounts: Record<string, Record<string, number>>;
  statistics: unknown;
  createdBy: string;
  createdAt: Date;
}

/** What a new run stores besides its results. */
export interface NewIndexRun {
  tenantId: string;
  definitionId: string;
  definition: IndexDefinition;
  period: string;
  level: string;
  label: string;
  /** Every input value with the indicators' versions: enough to recompute the run. */
  inputs: unknown;
  areaCount: number;
  validAreaCount: number;
  classCounts: Record<string, Record<string, number>>;
  statistics: unknown;
  createdBy: string;
}

/** Index id → the area's value and class in it (what `indices` holds for a valid area). */
export type AreaIndices = Record<string, { value: number; class: { code: string; label: string } }>;

/**
 * One area's result of a run: its index values and classes (`AreaIndices`) when valid, else
 * why not. Both are stored JSON and stay `unknown` here: the routes pass them on as they are.
 */
export interface IndexResultRow {
  areaId: string;
  code: string;
  valid: boolean;
  reasons: unknown;
  indices: unknown;
}

const RUN_COLUMNS = `id, definition_id AS "definitionId", definition, period, level, label, area_count AS "areaCount",
  valid_area_count AS "validAreaCount", class_counts AS "classCounts", statistics, created_by AS "createdBy", created_at AS "createdAt"`;

/** SQL of the stored index runs (`index_run`) and their per-area results (`index_result`). */
@Injectable()
export class IndexRunRepository {
  constructor(@InjectDataSource('indicator') private readonly db: DataSource) {}

  /** Stores a run; returns its id. */
  async insert(manager: EntityManager, run: NewIndexRun): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO index_run (tenant_id, definition_id, definition, period, level, label, inputs, area_count, valid_area_count, class_counts, statistics, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        run.tenantId,
        run.definitionId,
        JSON.stringify(run.definition),
        run.period,
        run.level,
        run.label,
        JSON.stringify(run.inputs),
        run.areaCount,
        run.validAreaCount,
        JSON.stringify(run.classCounts),
        JSON.stringify(run.statistics),
        run.createdBy,
      ],
    );
    return id;
  }

  /**
   * Stores a run's results. One JSON document: PostgreSQL parses it in C; as jsonb[] arrays
   * node-pg would escape every character of every area's result (seconds at 50,000 areas).
   */
  async insertResults(
    manager: EntityManager,
    runId: string,
    results: readonly IndexResultRow[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO index_result (run_id, area_id, area_code, valid, reasons, indices)
       SELECT $1, r.area_id, r.area_code, r.valid, r.reasons, r.indices
         FROM jsonb_to_recordset($2::jsonb) AS r(area_id uuid, area_code text, valid boolean, reasons jsonb, indices jsonb)`,
      [
        runId,
        JSON.stringify(
          results.map((r) => ({
            area_id: r.areaId,
            area_code: r.code,
            valid: r.valid,
            reasons: r.reasons,
            indices: r.indices,
          })),
        ),
      ],
    );
  }

  /** The tenant's runs, of one definition or all, by period and then creation time. */
  async list(tenantId: string, definitionId?: string): Promise<IndexRunRow[]> {
    return this.db.query(
      `SELECT ${RUN_COLUMNS} FROM index_run WHERE tenant_id = $1 AND ($2::uuid IS NULL OR definition_id = $2) ORDER BY period, created_at`,
      [tenantId, definitionId ?? null],
    );
  }

  async find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<IndexRunRow | null> {
    const rows: IndexRunRow[] = await manager.query(
      `SELECT ${RUN_COLUMNS} FROM index_run WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The definition snapshot and stored inputs of a run. */
  async inputs(
    tenantId: string,
    id: string,
  ): Promise<{ definition: IndexDefinition; inputs: unknown } | null> {
    const rows: { definition: IndexDefinition; inputs: unknown }[] = await this.db.query(
      `SELECT definition, inputs FROM index_run WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** Every area's result of a run, by area code. */
  async results(runId: string, manager: EntityManager = this.db.manager): Promise<IndexResultRow[]> {
    return manager.query(
      `SELECT area_id AS "areaId", area_code AS code, valid, reasons, indices FROM index_result WHERE run_id = $1 ORDER BY area_code`,
      [runId],
    );
  }
}
