import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StoredCell } from '@quartier/indicator-core';
import { chunksOf } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';

/** A stored cell with its area. */
export type AreaCell = StoredCell & { areaId: string };

/** Stored cells in columns: the i-th area's status, value and counts at index i. */
export interface CellColumns {
  areaIds: string[];
  status: StoredCell['status'][];
  value: (number | null)[];
  numerator: (number | null)[];
  denominator: (number | null)[];
}

/** A stored cell with its full key (indicator, period, area). */
export type KeyedCell = AreaCell & { indicatorId: string; period: string };

/** Where a batch of cells is written: one indicator, its definition version and the writer. */
export interface CellTarget {
  tenantId: string;
  indicatorId: string;
  definitionVersion: number;
  /** Who wrote the values (`compute:…`, `network:…`, an import id). */
  sourceId: string;
}

/** One stored value in an export, with the codes and names a file needs. */
export interface ExportRow {
  area: string;
  areaName: string;
  period: string;
  indicator: string;
  indicatorName: string;
  status: 'value' | 'suppressed' | 'missing';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface ExportSelection {
  indicators?: readonly string[];
  periods?: readonly string[];
  level?: string;
}

/** Rows per INSERT of derived cells: ten arrays of this length stay well within one message. */
const INSERT_BATCH = 5000;
/** Rows per export page. */
const EXPORT_PAGE = 10_000;

/**
 * An empty area list means "every area". A given list is matched as a hashed semi-join
 * (IN (SELECT unnest …)), which stays linear even under a generic plan, where `= ANY(array)`
 * would compare every row with the whole array (50,000 areas).
 */
const AREAS_OR_ALL = `(cardinality($4::uuid[]) = 0 OR v.area_id IN (SELECT unnest($4::uuid[])))`;

/**
 * SQL of the stored values (`indicator_value`, one row per indicator × period × area). Bulk
 * loads of imports live with the import (COPY and merge); this is every other read and write.
 */
@Injectable()
export class IndicatorValueRepository {
  constructor(@InjectDataSource('indicator') private readonly db: DataSource) {}

  /** Every stored cell of one indicator and period. */
  async cells(tenantId: string, indicatorId: string, period: string): Promise<AreaCell[]> {
    return this.db.query(
      `SELECT area_id AS "areaId", status, value, numerator, denominator FROM indicator_value WHERE tenant_id = $1 AND indicator_id = $2 AND period = $3`,
      [tenantId, indicatorId, period],
    );
  }

  /**
   * One indicator's values of one period for the given areas, in their order: null where an
   * area has no value (none stored, suppressed or missing). `areaIds` is a uuid[] in
   * PostgreSQL's binary array format (indices/binary-arrays.ts). PostgreSQL matches the areas
   * and answers two JSON arrays, the matched areas' positions and their values: at 50,000 areas
   * node-pg made an object with a fresh uuid string per row, each then looked up in a Map
   * (0.1–0.2 s per indicator of an index run), where two JSON.parse calls take a few ms.
   */
  async valuesOfAreas(
    tenantId: string,
    indicatorId: string,
    period: string,
    areaIds: { count: number; binary: Buffer },
  ): Promise<(number | null)[]> {
    const [row]: { positions: number[] | null; values: (number | string)[] | null }[] = await this.db.query(
      `SELECT to_json(array_agg(a.n)) AS positions, to_json(array_agg(v.value)) AS "values"
         FROM unnest($4::uuid[]) WITH ORDINALITY AS a(id, n)
         JOIN indicator_value v ON v.area_id = a.id
        WHERE v.tenant_id = $1 AND v.indicator_id = $2 AND v.period = $3 AND v.status = 'value'`,
      [tenantId, indicatorId, period, areaIds.binary],
    );
    const values = new Array<number | null>(areaIds.count).fill(null);
    const positions = row?.positions ?? [];
    const stored = row?.values ?? [];
    // JSON has no NaN or infinities: to_json writes them as strings, node-pg's float parser
    // would have read them as numbers.
    for (let k = 0; k < positions.length; k++) {
      const value = stored[k];
      values[positions[k] - 1] = typeof value === 'number' ? value : Number(value);
    }
    return values;
  }

  /**
   * The periods that hold values of an indicator (unordered: period order is the core's). One
   * step down the key (indicator, period, area) per period rather than a DISTINCT over every
   * value: the explorer asks this before its map, and at 50,000 areas × 11 periods the DISTINCT
   * read 550,000 rows (23 ms per 51,000 rows; this: 0.2 ms).
   */
  async periods(tenantId: string, indicatorId: string): Promise<string[]> {
    const rows: { period: string }[] = await this.db.query(
      `WITH RECURSIVE step(period) AS (
         (SELECT period FROM indicator_value
           WHERE indicator_id = $2 AND tenant_id = $1 ORDER BY period LIMIT 1)
         UNION ALL
         SELECT (SELECT v.period FROM indicator_value v
                  WHERE v.indicator_id = $2 AND v.tenant_id = $1 AND v.period > step.period
                  ORDER BY v.period LIMIT 1)
           FROM step WHERE step.period IS NOT NULL
       )
       SELECT period FROM step WHERE period IS NOT NULL`,
      [tenantId, indicatorId],
    );
    return rows.map((r) => r.period);
  }

  /** Every stored cell of several indicators, in all periods or only the given ones. */
  async cellsOfIndicators(
    manager: EntityManager,
    tenantId: string,
    indicatorIds: readonly string[],
    periods?: readonly string[],
  ): Promise<KeyedCell[]> {
    return manager.query(
      `SELECT indicator_id AS "indicatorId", period, area_id AS "areaId", status, value, numerator, denominator
         FROM indicator_value
        WHERE tenant_id = $1 AND indicator_id = ANY($2::uuid[]) ${periods ? 'AND period = ANY($3::text[])' : ''}`,
      periods ? [tenantId, indicatorIds, periods] : [tenantId, indicatorIds],
    );
  }

  /** Deletes an indicator's values of the given periods; returns how many there were. */
  async deletePeriods(
    manager: EntityManager,
    tenantId: string,
    indicatorId: string,
    periods: readonly string[],
  ): Promise<number> {
    const [, deleted]: [unknown[], number] = await manager.query(
      `DELETE FROM indicator_value WHERE tenant_id = $1 AND indicator_id = $2 AND period = ANY($3::text[])`,
      [tenantId, indicatorId, periods],
    );
    return deleted;
  }

  /** Inserts new cells (their keys must be free) in batches of arrays, unnested by PostgreSQL. */
  async insertCells(
    manager: EntityManager,
    target: CellTarget,
    cells: readonly (StoredCell & { period: string; areaId: string })[],
  ): Promise<void> {
    for (const batch of chunksOf(cells, INSERT_BATCH)) {
      await manager.query(
        `INSERT INTO indicator_value (tenant_id, indicator_id, period, area_id, status, value, numerator, denominator, definition_version, source_id, updated_at)
         SELECT $1, $2, p, a, s, v, n, d, $3, $4, now()
           FROM unnest($5::text[], $6::uuid[], $7::text[], $8::float8[], $9::float8[], $10::float8[]) AS x(p, a, s, v, n, d)`,
        [
          target.tenantId,
          target.indicatorId,
          target.definitionVersion,
          target.sourceId,
          batch.map((c) => c.period),
          batch.map((c) => c.areaId),
          batch.map((c) => c.status),
          batch.map((c) => c.value),
          batch.map((c) => c.numerator),
          batch.map((c) => c.denominator),
        ],
      );
    }
  }

  /** Stores one plain value (no counts) for an area and period, replacing what was there. */
  async upsertValue(
    manager: EntityManager,
    target: CellTarget,
    cell: { period: string; areaId: string; value: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO indicator_value (tenant_id, indicator_id, period, area_id, status, value, numerator, denominator, definition_version, source_id)
       VALUES ($1, $2, $3, $4, 'value', $5, NULL, NULL, $6, $7)
       ON CONFLICT (indicator_id, period, area_id) DO UPDATE SET status = 'value', value = EXCLUDED.value, numerator = NULL, denominator = NULL,
         definition_version = EXCLUDED.definition_version, source_id = EXCLUDED.source_id, updated_at = now()`,
      [
        target.tenantId,
        target.indicatorId,
        cell.period,
        cell.areaId,
        cell.value,
        target.definitionVersion,
        target.sourceId,
      ],
    );
  }

  /** How many stored cells each of the periods holds for the areas (empty list: every area). */
  async countsByPeriod(
    manager: EntityManager,
    tenantId: string,
    indicatorId: string,
    periods: readonly string[],
    areaIds: readonly string[],
  ): Promise<{ period: string; n: number }[]> {
    return manager.query(
      `SELECT v.period, count(*)::int AS n FROM indicator_value v
        WHERE v.indicator_id = $1 AND v.tenant_id = $2 AND v.period = ANY($3::text[]) AND ${AREAS_OR_ALL}
        GROUP BY v.period ORDER BY v.period`,
      [indicatorId, tenantId, periods, areaIds],
    );
  }

  /**
   * The stored cells of one period for the areas (empty list: every area) in parts of `partSize`
   * by area id, each part in columns. PostgreSQL builds the columns as JSON, which node-pg
   * parses in one call: 50,000 cells become ten rows of five arrays, not 50,000 objects.
   */
  async columnsOfPeriod(
    manager: EntityManager,
    tenantId: string,
    indicatorId: string,
    period: string,
    areaIds: readonly string[],
    partSize: number,
  ): Promise<CellColumns[]> {
    return manager.query(
      `SELECT json_agg(c.area_id ORDER BY c.area_id) AS "areaIds", json_agg(c.status ORDER BY c.area_id) AS status,
              json_agg(c.value ORDER BY c.area_id) AS value, json_agg(c.numerator ORDER BY c.area_id) AS numerator,
              json_agg(c.denominator ORDER BY c.area_id) AS denominator
         FROM (SELECT v.area_id, v.status, v.value, v.numerator, v.denominator,
                      (row_number() OVER (ORDER BY v.area_id) - 1) / $5 AS part
                 FROM indicator_value v
                WHERE v.indicator_id = $1 AND v.tenant_id = $2 AND v.period = $3 AND ${AREAS_OR_ALL}) c
        GROUP BY c.part ORDER BY c.part`,
      [indicatorId, tenantId, period, areaIds, partSize],
    );
  }

  /**
   * The stored values of live indicators, ordered by (area code, period, indicator code), in
   * keyset-paginated pages: the export never holds more than one page.
   */
  async *exportPages(
    tenantId: string,
    selection: ExportSelection,
    pageSize = EXPORT_PAGE,
  ): AsyncGenerator<ExportRow[]> {
    let after: [string, string, string] | null = null;
    for (;;) {
      const params: unknown[] = [
        tenantId,
        selection.indicators ?? null,
        selection.periods ?? null,
        selection.level ?? null,
      ];
      let keyset = '';
      if (after) {
        params.push(...after);
        keyset = `AND (a.code, v.period, d.code) > ($5, $6, $7)`;
      }
      const rows: ExportRow[] = await this.db.query(
        `SELECT a.code AS area, a.name AS "areaName", v.period, d.code AS indicator, dv.body->'name'->>'de' AS "indicatorName",
                v.status, v.value, v.numerator, v.denominator
           FROM indicator_value v
           JOIN indicator_definition d ON d.id = v.indicator_id AND d.deleted_at IS NULL
           JOIN indicator_definition_version dv ON dv.definition_id = d.id AND dv.version = d.current_version
           JOIN area_ref a ON a.id = v.area_id
          WHERE v.tenant_id = $1 AND ($2::text[] IS NULL OR d.code = ANY($2)) AND ($3::text[] IS NULL OR v.period = ANY($3))
            AND ($4::text IS NULL OR a.level = $4) ${keyset}
          ORDER BY a.code, v.period, d.code LIMIT $${params.length + 1}`,
        [...params, pageSize],
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = [last.area, last.period, last.indicator];
    }
  }
}
