import { createJobTable, dropJobTable } from '@quartier/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Value imports run on the service's JobRunner: its `job` table replaces `value_import`. Past
 * imports move over as they were (succeeded → done); one left `queued` or `running` by a process
 * that died is recorded as `interrupted` with the rows it had reached.
 */
export class ValueImportsOnJobRunner1765000000000 implements MigrationInterface {
  name = 'ValueImportsOnJobRunner1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await createJobTable(db);
    await db.query(`
      INSERT INTO job (id, kind, tenant_id, created_by, status, payload, progress, rows_reached, detail, result, error,
                       attempts, created_at, started_at, finished_at)
      SELECT id, 'value-import', tenant_id, created_by,
             CASE status WHEN 'succeeded' THEN 'done' WHEN 'failed' THEN 'failed' ELSE 'interrupted' END,
             jsonb_build_object('format', format, 'fileName', file_name, 'file', '', 'bytesTotal', bytes_total, 'sha256', NULL),
             CASE WHEN status IN ('succeeded', 'failed') THEN 1 WHEN bytes_total > 0 THEN bytes_read::float8 / bytes_total ELSE 0 END,
             rows_read,
             jsonb_build_object('bytesRead', bytes_read, 'observations', observations),
             CASE WHEN status = 'succeeded' THEN jsonb_build_object('observations', observations, 'rowsRead', rows_read,
                    'indicators', to_jsonb(indicators), 'message', message) END,
             CASE WHEN status = 'failed' THEN jsonb_build_object('code', 'InvalidValueImport', 'message', message,
                    'details', jsonb_build_object('errors', errors, 'errorCount', error_count))
                  WHEN status IN ('queued', 'running') THEN jsonb_build_object('code', 'Interrupted', 'message',
                    'the service stopped while this job was running (' || rows_read || ' rows reached); nothing of it was kept, start it again') END,
             CASE WHEN status = 'queued' THEN 0 ELSE 1 END,
             created_at, started_at, COALESCE(finished_at, now())
        FROM value_import`);
    await db.query(`DROP TABLE value_import`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE value_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        format text NOT NULL,
        file_name text,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        bytes_total bigint NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        rows_read integer NOT NULL DEFAULT 0,
        observations integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        indicators text[] NOT NULL DEFAULT '{}',
        message text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX value_import_tenant_idx ON value_import (tenant_id, created_at DESC)`);
    await dropJobTable(db);
  }
}
