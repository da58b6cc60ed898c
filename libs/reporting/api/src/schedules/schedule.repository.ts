import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { REPORTING_CONNECTION } from '../reporting.constants';
import type { ReportRequest } from '../reports/report.dto';
import type { ScheduleView } from './schedule.dto';
import { selectOne } from '@quartier/service-kit';

export interface ScheduleRow {
  id: string;
  tenantId: string;
  name: string;
  cron: string;
  timezone: string;
  request: ReportRequest;
  enabled: boolean;
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastReportId: string | null;
  lastError: { code: string; message: string } | null;
  createdBy: string;
  createdAt: Date;
}

const COLUMNS = `id, tenant_id AS "tenantId", name, cron, timezone, request, enabled, next_run_at AS "nextRunAt",
  last_run_at AS "lastRunAt", last_report_id AS "lastReportId", last_error AS "lastError",
  created_by AS "createdBy", created_at AS "createdAt"`;

export function toScheduleView(row: ScheduleRow): ScheduleView {
  return {
    id: row.id,
    name: row.name,
    cron: row.cron,
    timezone: row.timezone,
    request: row.request as unknown as Record<string, unknown>,
    enabled: row.enabled,
    nextRunAt: new Date(row.nextRunAt).toISOString(),
    lastRunAt: row.lastRunAt ? new Date(row.lastRunAt).toISOString() : null,
    lastReportId: row.lastReportId,
    lastError: row.lastError,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

@Injectable()
export class ScheduleRepository {
  constructor(@InjectDataSource(REPORTING_CONNECTION) readonly db: DataSource) {}

  async insert(row: Omit<ScheduleRow, 'lastRunAt' | 'lastReportId' | 'lastError'>): Promise<void> {
    await this.db.query(
      `INSERT INTO report_schedule (id, tenant_id, name, cron, timezone, request, enabled, next_run_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $10)`,
      [
        row.id,
        row.tenantId,
        row.name,
        row.cron,
        row.timezone,
        JSON.stringify(row.request),
        row.enabled,
        row.nextRunAt,
        row.createdBy,
        row.createdAt,
      ],
    );
  }

  async find(tenantId: string, id: string): Promise<ScheduleRow | null> {
    return selectOne<ScheduleRow>(
      this.db,
      `SELECT ${COLUMNS} FROM report_schedule WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }

  async list(tenantId: string): Promise<ScheduleRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM report_schedule WHERE tenant_id = $1 ORDER BY name, id`, [
      tenantId,
    ]);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const [, count] = (await this.db.query(`DELETE FROM report_schedule WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ])) as [unknown, number];
    return count > 0;
  }

  /**
   * Claims due schedules across replicas (SKIP LOCKED: each is taken by one process) and moves
   * their next run on before they run, so a slow run is never started twice.
   */
  async claimDue(now: Date, next: (row: ScheduleRow) => Date, limit = 5): Promise<ScheduleRow[]> {
    return this.db.transaction(async (manager) => {
      const due: ScheduleRow[] = await manager.query(
        `SELECT ${COLUMNS} FROM report_schedule WHERE enabled AND next_run_at <= $1
          ORDER BY next_run_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      for (const row of due)
        await manager.query(
          `UPDATE report_schedule SET next_run_at = $2, last_run_at = $3, updated_at = $3 WHERE id = $1`,
          [row.id, next(row), now],
        );
      return due;
    });
  }

  async recordRun(
    id: string,
    outcome: { reportId: string } | { error: { code: string; message: string } },
    now: Date,
  ) {
    await this.db.query(
      `UPDATE report_schedule SET last_report_id = COALESCE($2, last_report_id), last_error = $3::jsonb, updated_at = $4 WHERE id = $1`,
      [
        id,
        'reportId' in outcome ? outcome.reportId : null,
        'error' in outcome ? JSON.stringify(outcome.error) : null,
        now,
      ],
    );
  }
}
