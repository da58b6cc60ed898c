import { createJobTable, dropJobTable } from '@quartier/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting service's own tables: the job read model of the platform's runner, pinned
 * datasets (canonical JSON + SHA-256), reports (one rendered file each, streamed in chunks),
 * per-tenant settings (retention) and scheduled report definitions.
 */
export class CreateReportingService1765200000000 implements MigrationInterface {
  name = 'CreateReportingService1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await createJobTable(db);
    await db.query(`
      CREATE TABLE report_dataset (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        kind text NOT NULL,
        content text NOT NULL,
        content_hash text NOT NULL,
        bytes integer NOT NULL,
        as_of timestamptz NOT NULL,
        index_run_id uuid,
        gathered_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX report_dataset_tenant_idx ON report_dataset (tenant_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        type text NOT NULL CHECK (type IN ('area-profile', 'monitoring', 'programme', 'evaluation')),
        format text NOT NULL CHECK (format IN ('pdf', 'docx', 'xlsx', 'csv')),
        language text NOT NULL CHECK (language IN ('de', 'en')),
        params jsonb NOT NULL,
        title text NOT NULL,
        dataset_id uuid NOT NULL REFERENCES report_dataset(id),
        job_id uuid,
        lineage_id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        regenerated_from uuid,
        schedule_id uuid,
        visibility text NOT NULL CHECK (visibility IN ('author', 'tenant')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        file_size bigint,
        file_sha256 text
      )`);
    await db.query(`CREATE INDEX report_tenant_created_idx ON report (tenant_id, created_at DESC)`);
    await db.query(`CREATE INDEX report_expires_idx ON report (expires_at)`);
    await db.query(`CREATE INDEX report_dataset_idx ON report (dataset_id)`);
    // Files are stored in chunks, so they are written and read as streams, never whole.
    await db.query(`
      CREATE TABLE report_file_chunk (
        report_id uuid NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (report_id, seq)
      )`);
    await db.query(`
      CREATE TABLE report_settings (
        tenant_id text PRIMARY KEY,
        retention_days integer NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE report_schedule (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        cron text NOT NULL,
        timezone text NOT NULL,
        request jsonb NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        next_run_at timestamptz NOT NULL,
        last_run_at timestamptz,
        last_report_id uuid,
        last_error jsonb,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX report_schedule_due_idx ON report_schedule (next_run_at) WHERE enabled`);
    await db.query(`CREATE INDEX report_schedule_tenant_idx ON report_schedule (tenant_id, name)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'report_schedule',
      'report_settings',
      'report_file_chunk',
      'report',
      'report_dataset',
    ])
      await db.query(`DROP TABLE ${table}`);
    await dropJobTable(db);
  }
}
