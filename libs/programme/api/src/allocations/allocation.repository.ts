import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';

/** An accepted allocation as listed: its parameters and result as stored (JSON). */
export interface AllocationRow {
  id: string;
  line: string;
  year: number;
  version: number;
  parameters: unknown;
  result: unknown;
  acceptedBy: string;
  acceptedAt: Date;
}

/** An indicator's value of one area in the evidence read model (`status` other than 'value': none). */
export interface NeedValueRow {
  areaId: string;
  value: number | null;
  status: string;
}

/**
 * SQL of accepted allocations (versioned per budget line and year), and what a need-based split
 * reads from the evidence read models: index values of a run, an indicator's values of a period.
 */
@Injectable()
export class AllocationRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) private readonly db: DataSource) {}

  async list(programmeId: string): Promise<AllocationRow[]> {
    return this.db.query(
      `SELECT id, line, year, version, parameters, result, accepted_by AS "acceptedBy", accepted_at AS "acceptedAt"
         FROM allocation WHERE programme_id = $1 ORDER BY year, line, version DESC`,
      [programmeId],
    );
  }

  /**
   * Stores an allocation as the next version of its line and year. The caller holds the
   * programme's row lock, so two acceptances cannot take the same version.
   */
  async insertNextVersion(
    manager: EntityManager,
    allocation: {
      programmeId: string;
      line: string;
      year: number;
      parameters: unknown;
      result: unknown;
      acceptedBy: string;
      acceptedAt: Date;
    },
  ): Promise<{ id: string; version: number }> {
    const [row] = await manager.query(
      `INSERT INTO allocation (programme_id, line, year, version, parameters, result, accepted_by, accepted_at)
       SELECT $1::uuid, $2::text, $3::int, coalesce(max(version), 0) + 1, $4::jsonb, $5::jsonb, $6::text, $7::timestamptz
         FROM allocation WHERE programme_id = $1 AND line = $2 AND year = $3
       RETURNING id, version`,
      [
        allocation.programmeId,
        allocation.line,
        allocation.year,
        JSON.stringify(allocation.parameters),
        JSON.stringify(allocation.result),
        allocation.acceptedBy,
        allocation.acceptedAt,
      ],
    );
    return { id: row.id, version: Number(row.version) };
  }

  /** One index of a run for these areas (valid results only), by area id. */
  async indexValues(
    manager: EntityManager,
    tenantId: string,
    runId: string,
    index: string,
    areaIds: readonly string[],
  ): Promise<Map<string, unknown>> {
    const rows: { areaId: string; values: Record<string, unknown> }[] = await manager.query(
      `SELECT x.area_id AS "areaId", x.index_values AS values FROM index_result_ref x JOIN index_run_ref r ON r.id = x.run_id
        WHERE r.tenant_id = $1 AND x.run_id = $2 AND x.area_id = ANY($3::uuid[]) AND x.valid`,
      [tenantId, runId, areaIds],
    );
    return new Map(rows.map((r) => [r.areaId, r.values[index]]));
  }

  /** The latest period in which any of these areas has a value of the indicator. */
  async latestValuePeriod(
    manager: EntityManager,
    tenantId: string,
    indicatorCode: string,
    areaIds: readonly string[],
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `SELECT max(period) AS period FROM indicator_value_ref
        WHERE tenant_id = $1 AND indicator_code = $2 AND area_id = ANY($3::uuid[]) AND status = 'value'`,
      [tenantId, indicatorCode, areaIds],
    );
    return row?.period ?? undefined;
  }

  async indicatorValues(
    manager: EntityManager,
    tenantId: string,
    indicatorCode: string,
    period: string,
    areaIds: readonly string[],
  ): Promise<NeedValueRow[]> {
    return manager.query(
      `SELECT area_id AS "areaId", value, status FROM indicator_value_ref
        WHERE tenant_id = $1 AND indicator_code = $2 AND period = $3 AND area_id = ANY($4::uuid[])`,
      [tenantId, indicatorCode, period, areaIds],
    );
  }
}
