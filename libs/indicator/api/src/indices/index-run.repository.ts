import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IndexDefinition } from '@quartier/indicator-core';
import type { DataSource, EntityManager } from 'typeorm';
import { toResultColumns, type IndexResultColumns, type IndexResultRow } from './index-result-columns';
import { selectOne } from '@quartier/service-kit';
import { booleanArray, float8Matrix, smallintMatrix, textArray, uuidArray } from './binary-arrays';

export type { IndexResultColumns, IndexResultRow } from './index-result-columns';

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

/** A run's area ids (binary uuid[]) and codes (text[] literal), encoded for `insertResults`. */
export interface EncodedAreas {
  binary: Buffer;
  codes: string;
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

const RUN_COLUMNS = `id, definition_id AS "definitionId", definition, period, level, label, area_count AS "areaCount",
  valid_area_count AS "validAreaCount", class_counts AS "classCounts", statistics, created_by AS "createdBy", created_at AS "createdAt"`;

/** SQL of the stored index runs (`index_run`) and their results (`index_run_result`). */
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
   * Stores a run's results as columns (`IndexResultColumns`), the areas in the order given. The
   * ids, flags and numbers go in PostgreSQL's binary array format (binary-arrays.ts), the codes
   * as a text literal: node-pg would quote and escape every element of an array it is given.
   * `areas`, when given, are the results' area ids and codes encoded so already (the service
   * keeps them per level: the same for every run over it).
   */
  async insertResults(
    manager: EntityManager,
    runId: string,
    definition: IndexDefinition,
    results: readonly IndexResultRow[],
    areas?: EncodedAreas,
  ): Promise<void> {
    const c = toResultColumns(definition, results);
    await manager.query(
      `INSERT INTO index_run_result (run_id, area_ids, area_codes, valid, reasons, class_numbers, index_values, weighted_sums, z_values)
       VALUES ($1, $2::uuid[], $3::text[], $4::boolean[], $5::jsonb, $6::smallint[], $7::float8[], $8::float8[], $9::float8[])`,
      [
        runId,
        areas?.binary ?? uuidArray(c.areaIds),
        areas?.codes ?? textArray(c.codes),
        booleanArray(c.valid),
        JSON.stringify(c.reasons),
        smallintMatrix(c.classes),
        float8Matrix(c.values),
        float8Matrix(c.sums),
        float8Matrix(c.z),
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
    return selectOne<IndexRunRow>(
      manager,
      `SELECT ${RUN_COLUMNS} FROM index_run WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }

  /** The definition snapshot and stored inputs of a run. */
  async inputs(
    tenantId: string,
    id: string,
  ): Promise<{ definition: IndexDefinition; inputs: unknown } | null> {
    return selectOne<{ definition: IndexDefinition; inputs: unknown }>(
      this.db,
      `SELECT definition, inputs FROM index_run WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }

  /**
   * A run's results, the areas by code as the database sorts them (as per-area rows were read
   * before; sorting here keeps it off the run); null when the run has none stored.
   */
  async results(runId: string, manager: EntityManager = this.db.manager): Promise<IndexResultColumns | null> {
    const rows: (IndexResultColumns & { byCode: number[] | null })[] = await manager.query(
      `SELECT to_json(area_ids) AS "areaIds", to_json(area_codes) AS codes, to_json(valid) AS valid, reasons,
              to_json(class_numbers) AS classes, to_json(index_values) AS "values", to_json(weighted_sums) AS sums,
              to_json(z_values) AS z,
              (SELECT to_json(array_agg(t.n - 1 ORDER BY t.code, t.n))
                 FROM unnest(area_codes) WITH ORDINALITY AS t(code, n)) AS "byCode"
         FROM index_run_result WHERE run_id = $1`,
      [runId],
    );
    if (!rows[0]) return null;
    const { byCode, ...columns } = rows[0];
    return inOrder(columns, byCode ?? []);
  }
}

/** The columns with their areas in `order` (positions); the reasons follow their areas. */
function inOrder(columns: IndexResultColumns, order: readonly number[]): IndexResultColumns {
  const pick = <T>(items: readonly T[]) => order.map((i) => items[i]);
  const invalid: number[] = [];
  columns.valid.forEach((valid, i) => {
    if (!valid) invalid.push(i);
  });
  const reasonOf = new Map(invalid.map((area, k) => [area, columns.reasons[k]]));
  return {
    areaIds: pick(columns.areaIds),
    codes: pick(columns.codes),
    valid: pick(columns.valid),
    reasons: order.filter((i) => !columns.valid[i]).map((i) => reasonOf.get(i) ?? []),
    classes: columns.classes.map(pick),
    values: columns.values.map(pick),
    sums: columns.sums.map(pick),
    z: columns.z.map(pick),
  };
}
