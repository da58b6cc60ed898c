import type { QueryRunner } from 'typeorm';

/**
 * The runner's public read model, one `job` table in each service's own schema (pg-boss's tables
 * are its private queue: they drop finished jobs after a retention period, know no tenant, no
 * progress and no `interrupted`, and change shape between major versions). A service registers
 * this in one of its own migrations — see docs/adr/0006-one-job-runner-on-pg-boss.md.
 */
export async function createJobTable(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE job (
      id uuid PRIMARY KEY,
      kind text NOT NULL,
      tenant_id text NOT NULL,
      created_by text NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
      payload jsonb NOT NULL,
      singleton_key text,
      files text[] NOT NULL DEFAULT '{}',
      host text,
      progress double precision NOT NULL DEFAULT 0,
      message text,
      rows_reached bigint NOT NULL DEFAULT 0,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      result jsonb,
      error jsonb,
      attempts integer NOT NULL DEFAULT 0,
      runner integer,
      cancel_requested boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      finished_at timestamptz,
      heartbeat_at timestamptz
    )`);
  await db.query(`CREATE INDEX job_tenant_kind_idx ON job (tenant_id, kind, created_at DESC)`);
  await db.query(`CREATE INDEX job_active_idx ON job (status) WHERE status IN ('queued', 'running')`);
  // One active job per singleton key: a second request joins the first (e.g. the same measures).
  await db.query(
    `CREATE UNIQUE INDEX job_singleton_idx ON job (kind, singleton_key) WHERE singleton_key IS NOT NULL AND status IN ('queued', 'running')`,
  );
}

export async function dropJobTable(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE job`);
}
