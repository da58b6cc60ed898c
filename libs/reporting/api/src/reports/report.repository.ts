import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobErrorReport, JobStatus } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { REPORTING_CONNECTION } from '../reporting.constants';
import type { ReportFormat, ReportType } from './report.dto';
import { currentAreaVersionSql, selectOne } from '@quartier/service-kit';

export interface ReportRow {
  id: string;
  tenantId: string;
  type: ReportType;
  format: ReportFormat;
  language: 'de' | 'en';
  params: Record<string, unknown>;
  title: string;
  datasetId: string;
  jobId: string | null;
  lineageId: string;
  version: number;
  regeneratedFrom: string | null;
  scheduleId: string | null;
  visibility: 'author' | 'tenant';
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  fileName: string;
  contentType: string;
  fileSize: string | null;
  fileSha256: string | null;
  asOf: Date;
  contentHash: string;
  jobStatus: JobStatus | null;
  jobProgress: number | null;
  jobError: JobErrorReport | null;
}

export type NewReport = Omit<
  ReportRow,
  'jobId' | 'fileSize' | 'fileSha256' | 'asOf' | 'contentHash' | 'jobStatus' | 'jobProgress' | 'jobError'
>;

export interface NewDataset {
  id: string;
  tenantId: string;
  kind: string;
  content: string;
  contentHash: string;
  asOf: Date;
  indexRunId: string | null;
  gatheredBy: string;
  createdAt: Date;
}

/** Who reads a list: their own reports, tenant-wide ones if they read tenant-wide, all as admin. */
export interface ReaderFilter {
  subject: string;
  tenantWide: boolean;
  admin: boolean;
}

const COLUMNS = `r.id, r.tenant_id AS "tenantId", r.type, r.format, r.language, r.params, r.title,
  r.dataset_id AS "datasetId", r.job_id AS "jobId", r.lineage_id AS "lineageId", r.version,
  r.regenerated_from AS "regeneratedFrom", r.schedule_id AS "scheduleId", r.visibility,
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.expires_at AS "expiresAt",
  r.file_name AS "fileName", r.content_type AS "contentType", r.file_size AS "fileSize",
  r.file_sha256 AS "fileSha256", d.as_of AS "asOf", d.content_hash AS "contentHash",
  j.status AS "jobStatus", j.progress AS "jobProgress", j.error AS "jobError"`;
const FROM = `FROM report r JOIN report_dataset d ON d.id = r.dataset_id LEFT JOIN job j ON j.id = r.job_id`;
const VISIBLE = `(r.created_by = $2 OR $3::boolean OR (r.visibility = 'tenant' AND $4::boolean))`;

/** An area as report subjects are chosen and checked against the author's scope. */
export interface AreaRefRow {
  id: string;
  code: string;
  level: string;
  path: string[];
}

/** SQL of reports, their pinned datasets and their files (the service's own schema). */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource(REPORTING_CONNECTION) readonly db: DataSource) {}

  async insertDataset(manager: EntityManager, d: NewDataset): Promise<void> {
    await manager.query(
      `INSERT INTO report_dataset (id, tenant_id, kind, content, content_hash, bytes, as_of, index_run_id, gathered_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        d.id,
        d.tenantId,
        d.kind,
        d.content,
        d.contentHash,
        Buffer.byteLength(d.content),
        d.asOf,
        d.indexRunId,
        d.gatheredBy,
        d.createdAt,
      ],
    );
  }

  async insertReport(manager: EntityManager, r: NewReport): Promise<void> {
    await manager.query(
      `INSERT INTO report (id, tenant_id, type, format, language, params, title, dataset_id, lineage_id, version,
         regenerated_from, schedule_id, visibility, created_by, created_at, expires_at, file_name, content_type)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        r.id,
        r.tenantId,
        r.type,
        r.format,
        r.language,
        JSON.stringify(r.params),
        r.title,
        r.datasetId,
        r.lineageId,
        r.version,
        r.regeneratedFrom,
        r.scheduleId,
        r.visibility,
        r.createdBy,
        r.createdAt,
        r.expiresAt,
        r.fileName,
        r.contentType,
      ],
    );
  }

  /** An area of the tenant from the registry's read model, with its ancestors (scope checks). */
  async area(tenantId: string, id: string): Promise<AreaRefRow | null> {
    return selectOne<AreaRefRow>(
      this.db,
      `SELECT id, code, level, path FROM area_ref WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }

  /**
   * The areas of a level in the tenant's current area version (the one in force on `today`, as
   * the registry and the indicator service's maps decide it), by code: a superseded version's
   * areas and a version imported ahead of its date stay out, so each code is listed once.
   */
  async areasOfLevel(tenantId: string, level: string, today: string): Promise<AreaRefRow[]> {
    return this.db.query(
      `SELECT id, code, level, path FROM area_ref
        WHERE tenant_id = $1 AND level = $2 AND valid_from = ${currentAreaVersionSql('$1', '$3')}
        ORDER BY code`,
      [tenantId, level, today],
    );
  }

  async setJob(reportId: string, jobId: string): Promise<void> {
    await this.db.query(`UPDATE report SET job_id = $2 WHERE id = $1`, [reportId, jobId]);
  }

  async find(tenantId: string, id: string): Promise<ReportRow | null> {
    return selectOne<ReportRow>(this.db, `SELECT ${COLUMNS} ${FROM} WHERE r.tenant_id = $1 AND r.id = $2`, [
      tenantId,
      id,
    ]);
  }

  /** A report the reader may see, or null (unknown, another tenant's, or not theirs). */
  async findVisible(tenantId: string, id: string, reader: ReaderFilter): Promise<ReportRow | null> {
    return selectOne<ReportRow>(
      this.db,
      `SELECT ${COLUMNS} ${FROM} WHERE r.tenant_id = $1 AND r.id = $5 AND ${VISIBLE}`,
      [tenantId, reader.subject, reader.admin, reader.tenantWide, id],
    );
  }

  async list(
    tenantId: string,
    reader: ReaderFilter,
    filter: { type?: string; scheduleId?: string; limit: number; offset: number },
  ): Promise<{ rows: ReportRow[]; total: number }> {
    const where = `r.tenant_id = $1 AND ${VISIBLE} AND ($5::text IS NULL OR r.type = $5) AND ($6::uuid IS NULL OR r.schedule_id = $6)`;
    const params = [
      tenantId,
      reader.subject,
      reader.admin,
      reader.tenantWide,
      filter.type ?? null,
      filter.scheduleId ?? null,
    ];
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} ${FROM} WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT $7 OFFSET $8`,
        [...params, filter.limit, filter.offset],
      ) as Promise<ReportRow[]>,
      this.db.query(`SELECT count(*)::int AS n FROM report r WHERE ${where}`, params) as Promise<
        { n: number }[]
      >,
    ]);
    return { rows, total: count[0]?.n ?? 0 };
  }

  async dataset(id: string): Promise<{ content: string; contentHash: string; kind: string } | null> {
    return selectOne<{ content: string; contentHash: string; kind: string }>(
      this.db,
      `SELECT content, content_hash AS "contentHash", kind FROM report_dataset WHERE id = $1`,
      [id],
    );
  }

  async setFile(reportId: string, size: number, sha256: string): Promise<void> {
    await this.db.query(`UPDATE report SET file_size = $2, file_sha256 = $3 WHERE id = $1`, [
      reportId,
      size,
      sha256,
    ]);
  }

  /** Stores piece `seq` (from 0) of a report's file. */
  async insertFileChunk(reportId: string, seq: number, bytes: Buffer): Promise<void> {
    await this.db.query(`INSERT INTO report_file_chunk (report_id, seq, bytes) VALUES ($1, $2, $3)`, [
      reportId,
      seq,
      bytes,
    ]);
  }

  /** Piece `seq` of a report's file, or null past its last piece. */
  async fileChunk(reportId: string, seq: number): Promise<Buffer | null> {
    const row = await selectOne<{ bytes: Buffer }>(
      this.db,
      `SELECT bytes FROM report_file_chunk WHERE report_id = $1 AND seq = $2`,
      [reportId, seq],
    );
    return row?.bytes ?? null;
  }

  async deleteFile(reportId: string): Promise<void> {
    await this.db.query(`DELETE FROM report_file_chunk WHERE report_id = $1`, [reportId]);
  }

  async latestVersion(lineageId: string): Promise<number> {
    const rows: { v: number | null }[] = await this.db.query(
      `SELECT max(version)::int AS v FROM report WHERE lineage_id = $1`,
      [lineageId],
    );
    return rows[0]?.v ?? 0;
  }

  /** Deletes reports past their retention (files go with them) and datasets no report uses. */
  async deleteExpired(now: Date): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected].
    const [, deleted] = (await this.db.query(`DELETE FROM report WHERE expires_at < $1`, [now])) as [
      unknown,
      number,
    ];
    await this.db.query(
      `DELETE FROM report_dataset d WHERE created_at < $1 AND NOT EXISTS (SELECT 1 FROM report r WHERE r.dataset_id = d.id)`,
      [now],
    );
    return deleted;
  }

  async retentionDays(tenantId: string): Promise<number | null> {
    const rows: { days: number }[] = await this.db.query(
      `SELECT retention_days AS days FROM report_settings WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0]?.days ?? null;
  }

  /** Stores the retention and applies it to the tenant's existing reports too. */
  async setRetention(tenantId: string, days: number, by: string, now: Date): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO report_settings (tenant_id, retention_days, updated_by, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET retention_days = $2, updated_by = $3, updated_at = $4`,
        [tenantId, days, by, now],
      );
      await manager.query(
        `UPDATE report SET expires_at = created_at + make_interval(days => $2) WHERE tenant_id = $1`,
        [tenantId, days],
      );
    });
  }
}
