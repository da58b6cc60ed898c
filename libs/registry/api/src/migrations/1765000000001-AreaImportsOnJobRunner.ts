import { createJobTable, dropJobTable } from '@quartier/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Area imports run on the service's JobRunner: its `job` table replaces `area_import`. Past
 * imports move over as they were (succeeded → done); one left `queued` or `running` by a process
 * that died is recorded as `interrupted` with the features it had reached.
 */
export class AreaImportsOnJobRunner1765000000001 implements MigrationInterface {
  name = 'AreaImportsOnJobRunner1765000000001';

  async up(db: QueryRunner): Promise<void> {
    await createJobTable(db);
    await db.query(`
      INSERT INTO job (id, kind, tenant_id, created_by, status, payload, progress, rows_reached, result, error,
                       attempts, created_at, started_at, finished_at)
      SELECT id, 'area-import', tenant_id, created_by,
             CASE status WHEN 'succeeded' THEN 'done' WHEN 'failed' THEN 'failed' ELSE 'interrupted' END,
             jsonb_build_object('options', options, 'file', '', 'bytesTotal', bytes_total, 'sha256', NULL),
             CASE WHEN status IN ('succeeded', 'failed') THEN 1 WHEN bytes_total > 0 THEN bytes_read::float8 / bytes_total ELSE 0 END,
             processed,
             CASE WHEN status = 'succeeded' THEN jsonb_build_object('created', created, 'updated', updated) END,
             CASE WHEN status = 'failed' THEN jsonb_build_object('code', 'InvalidAreaImport', 'message', message,
                    'details', jsonb_build_object('errors', errors))
                  WHEN status IN ('queued', 'running') THEN jsonb_build_object('code', 'Interrupted', 'message',
                    'the service stopped while this job was running (' || processed || ' rows reached); nothing of it was kept, start it again') END,
             CASE WHEN status = 'queued' THEN 0 ELSE 1 END,
             created_at, created_at, COALESCE(finished_at, now())
        FROM area_import`);
    await db.query(`DROP TABLE area_import`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE area_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenant(id),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        options jsonb NOT NULL,
        processed integer NOT NULL DEFAULT 0,
        bytes_total bigint NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        message text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await dropJobTable(db);
  }
}
