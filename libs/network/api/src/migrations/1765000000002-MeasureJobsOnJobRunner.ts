import { createJobTable, dropJobTable } from '@quartier/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measure jobs run on the service's JobRunner: its `job` table replaces `metrics_job`. Past jobs
 * move over as they were (succeeded → done); one left `queued` or `running` by a process that
 * died is recorded as `interrupted`.
 */
export class MeasureJobsOnJobRunner1765000000002 implements MigrationInterface {
  name = 'MeasureJobsOnJobRunner1765000000002';

  async up(db: QueryRunner): Promise<void> {
    await createJobTable(db);
    await db.query(`
      INSERT INTO job (id, kind, tenant_id, created_by, status, payload, progress, detail, result, error,
                       attempts, created_at, started_at, finished_at, heartbeat_at)
      SELECT id, 'network-measures', tenant_id, created_by,
             CASE status WHEN 'succeeded' THEN 'done' WHEN 'failed' THEN 'failed' ELSE 'interrupted' END,
             jsonb_build_object('networkId', network_id, 'waveId', wave_id, 'options', options, 'revision', revision),
             progress,
             jsonb_build_object('phase', phase, 'actors', actors, 'ties', ties),
             CASE WHEN status = 'succeeded' THEN jsonb_build_object('cached', phase = 'cached') END,
             CASE WHEN status = 'failed' THEN jsonb_build_object('code', 'MeasuresFailed', 'message', COALESCE(message, 'failed'))
                  WHEN status IN ('queued', 'running') THEN jsonb_build_object('code', 'Interrupted', 'message',
                    'the service stopped while this job was running; start it again') END,
             CASE WHEN status = 'queued' THEN 0 ELSE 1 END,
             created_at, started_at, COALESCE(finished_at, now()), heartbeat_at
        FROM metrics_job`);
    await db.query(`DROP TABLE metrics_job`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE metrics_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
        wave_id uuid NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
        options jsonb NOT NULL,
        options_key text NOT NULL,
        revision bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        phase text NOT NULL DEFAULT 'queued',
        progress double precision NOT NULL DEFAULT 0,
        actors integer NOT NULL DEFAULT 0,
        ties integer NOT NULL DEFAULT 0,
        message text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX metrics_job_wave_idx ON metrics_job (wave_id, options_key, revision) WHERE status IN ('queued', 'running')`,
    );
    await dropJobTable(db);
  }
}
