import type { Pool, PoolClient } from 'pg';
import type { JobOutcome } from './job-outcome';
import type { ProgressState } from './progress-reporter';
import type { JobErrorReport, JobStatus, JobView } from './job.types';

interface JobRow {
  id: string;
  kind: string;
  tenant_id: string;
  created_by: string;
  status: JobStatus;
  payload: unknown;
  singleton_key: string | null;
  files: string[];
  host: string | null;
  progress: number;
  message: string | null;
  rows_reached: string;
  detail: Record<string, unknown>;
  result: unknown;
  error: JobErrorReport | null;
  attempts: number;
  runner: number | null;
  cancel_requested: boolean;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
}

export interface StoredJob {
  view: JobView;
  files: string[];
  host: string | null;
  cancelRequested: boolean;
}

export interface NewJob {
  id: string;
  kind: string;
  tenantId: string;
  createdBy: string;
  payload: unknown;
  singletonKey: string | null;
  files: readonly string[];
  host: string | null;
  now: Date;
}

/**
 * The stamp of a job's last sign of life (`heartbeat_at`): the database's clock, not the
 * service's injected Clock. Liveness is real-time mechanics: a fixed test or demo clock stands
 * still, so stamps and staleness on it never drift apart and a dead runner's jobs stayed
 * `running` for good; and every replica compares the stamps of every other, so one clock they
 * all read is the only common ground. `statement_timestamp()` is one value for the whole
 * statement (every row of a heartbeat gets the same stamp) and, unlike `now()`, does not stand
 * still inside a transaction. What users see — created, started, finished — stays on the Clock.
 */
const LIFE_SIGN = 'statement_timestamp()';

/** `heartbeat_at` older than `$n` milliseconds of the database's clock. */
const olderThan = (param: string) =>
  `heartbeat_at < ${LIFE_SIGN} - make_interval(secs => ${param}::double precision / 1000)`;

/** Advisory-lock namespace of runner liveness locks ("QTJB"). */
export const RUNNER_LOCK_CLASS = 0x51544a42;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toStored(row: JobRow): StoredJob {
  return {
    files: row.files,
    host: row.host,
    cancelRequested: row.cancel_requested,
    view: {
      id: row.id,
      kind: row.kind,
      tenantId: row.tenant_id,
      createdBy: row.created_by,
      status: row.status,
      progress: row.progress,
      message: row.message,
      rows: Number(row.rows_reached),
      detail: row.detail,
      payload: row.payload,
      result: row.result ?? null,
      error: row.error ?? null,
      attempts: row.attempts,
      createdAt: new Date(row.created_at).toISOString(),
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
      heartbeatAt: iso(row.heartbeat_at),
    },
  };
}

/** The SQL of the `job` table (the service's own schema; its search_path is set by the connection). */
export class JobStore {
  constructor(private readonly pool: Pool) {}

  private async rows<T>(text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query(text, values)).rows as T[];
  }

  /**
   * Inserts a queued job; null when an active job holds the singleton key. A queued job's
   * heartbeat is when it was queued: how long it has been lost when the queue drops it.
   */
  async insert(client: PoolClient, job: NewJob): Promise<string | null> {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO job (id, kind, tenant_id, created_by, status, payload, singleton_key, files, host, created_at, heartbeat_at)
       VALUES ($1, $2, $3, $4, 'queued', $5::jsonb, $6, $7, $8, $9, ${LIFE_SIGN})
       ON CONFLICT (kind, singleton_key) WHERE singleton_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
       RETURNING id`,
      [
        job.id,
        job.kind,
        job.tenantId,
        job.createdBy,
        JSON.stringify(job.payload),
        job.singletonKey,
        [...job.files],
        job.host,
        job.now,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async insertDone(job: NewJob, result: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO job (id, kind, tenant_id, created_by, status, payload, progress, result, created_at, started_at, finished_at)
       VALUES ($1, $2, $3, $4, 'done', $5::jsonb, 1, $6::jsonb, $7, $7, $7)`,
      [
        job.id,
        job.kind,
        job.tenantId,
        job.createdBy,
        JSON.stringify(job.payload),
        JSON.stringify(result),
        job.now,
      ],
    );
  }

  async find(id: string, tenantId?: string): Promise<StoredJob | null> {
    const rows = await this.rows<JobRow>(
      `SELECT * FROM job WHERE id = $1 AND ($2::text IS NULL OR tenant_id = $2)`,
      [id, tenantId ?? null],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async findActive(kind: string, singletonKey: string): Promise<StoredJob | null> {
    const rows = await this.rows<JobRow>(
      `SELECT * FROM job WHERE kind = $1 AND singleton_key = $2 AND status IN ('queued', 'running')`,
      [kind, singletonKey],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** The newest jobs of a kind in a tenant, without error details (they can be long). */
  async list(kind: string, tenantId: string, limit: number): Promise<JobView[]> {
    const rows = await this.rows<JobRow>(
      `SELECT id, kind, tenant_id, created_by, status, payload, singleton_key, files, host, progress, message, rows_reached, detail,
              result, CASE WHEN error IS NULL THEN NULL ELSE error - 'details' END AS error, attempts, runner, cancel_requested,
              created_at, started_at, finished_at, heartbeat_at
         FROM job WHERE kind = $1 AND tenant_id = $2 ORDER BY created_at DESC LIMIT $3`,
      [kind, tenantId, limit],
    );
    return rows.map((row) => toStored(row).view);
  }

  /** Takes a queued job for this runner; null when it is no longer queued (cancelled, interrupted). */
  async claim(id: string, runner: number, now: Date): Promise<StoredJob | null> {
    const rows = await this.rows<JobRow>(
      `UPDATE job SET status = 'running', started_at = COALESCE(started_at, $3), heartbeat_at = ${LIFE_SIGN}, attempts = attempts + 1,
              runner = $2, error = NULL, cancel_requested = false
        WHERE id = $1 AND status = 'queued' RETURNING *`,
      [id, runner, now],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async progress(id: string, state: ProgressState): Promise<void> {
    await this.pool.query(
      `UPDATE job SET progress = $2, message = $3, rows_reached = $4, detail = $5::jsonb, heartbeat_at = ${LIFE_SIGN}
        WHERE id = $1 AND status = 'running'`,
      [id, state.progress, state.message, Math.round(state.rows), JSON.stringify(state.detail)],
    );
  }

  /**
   * Records how a run ended, with its last progress, and answers the job as recorded; null when
   * it was no longer this runner's (interrupted meanwhile).
   */
  async finish(
    id: string,
    runner: number,
    outcome: JobOutcome,
    state: ProgressState,
    now: Date,
  ): Promise<StoredJob | null> {
    const done = outcome.status === 'done';
    const rows = await this.rows<JobRow>(
      `UPDATE job SET status = $3, progress = $4, message = $5, rows_reached = $6, detail = $7::jsonb, result = $8::jsonb, error = $9::jsonb,
              finished_at = CASE WHEN $3 = 'queued' THEN NULL ELSE $10::timestamptz END, heartbeat_at = ${LIFE_SIGN}, runner = NULL
        WHERE id = $1 AND status = 'running' AND runner = $2 RETURNING *`,
      [
        id,
        runner,
        outcome.status,
        done ? 1 : state.progress,
        state.message,
        Math.round(state.rows),
        JSON.stringify(state.detail),
        done ? JSON.stringify(outcome.result) : null,
        done ? null : JSON.stringify(outcome.error),
        now,
      ],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Refreshes the heartbeat of this runner's jobs; answers which of them were asked to stop. */
  async heartbeat(ids: readonly string[], runner: number): Promise<{ id: string; cancel: boolean }[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows<{ id: string; cancel_requested: boolean }>(
      `UPDATE job SET heartbeat_at = ${LIFE_SIGN} WHERE id = ANY($1::uuid[]) AND status = 'running' AND runner = $2
       RETURNING id, cancel_requested`,
      [[...ids], runner],
    );
    return rows.map((r) => ({ id: r.id, cancel: r.cancel_requested }));
  }

  /**
   * Marks running jobs of dead runners `interrupted`, keeping the progress and rows reached: a
   * runner is dead when its liveness lock is gone (its session ended with its process) and its
   * heartbeat is older than `graceMs`, or when its heartbeat is older than `staleMs` (ages on the
   * database's clock, as the heartbeats are stamped; `now` is the finish time users see).
   */
  async interruptStale(me: number, now: Date, graceMs: number, staleMs: number): Promise<StoredJob[]> {
    const rows = await this.rows<JobRow>(
      `UPDATE job SET status = 'interrupted', finished_at = $2, runner = NULL,
              error = jsonb_build_object('code', 'Interrupted', 'message',
                'the service stopped while this job was running (' || rows_reached || ' rows reached); nothing of it was kept, start it again')
        WHERE status = 'running' AND runner IS DISTINCT FROM $1
          AND (heartbeat_at IS NULL OR ${olderThan('$4')}
               OR (${olderThan('$3')} AND NOT EXISTS (
                     SELECT 1 FROM pg_locks l
                      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        AND l.classid = $5::bigint::oid AND l.objid = job.runner::bigint::oid)))
        RETURNING *`,
      [me, now, graceMs, staleMs, RUNNER_LOCK_CLASS],
    );
    return rows.map(toStored);
  }

  /** Cancels a queued job at once, or asks a running one to stop; null when not active (or unknown). */
  async requestCancel(id: string, tenantId: string, now: Date): Promise<StoredJob | null> {
    const rows = await this.rows<JobRow>(
      `UPDATE job SET status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
              finished_at = CASE WHEN status = 'queued' THEN $3::timestamptz ELSE finished_at END,
              error = CASE WHEN status = 'queued' THEN '{"code":"Cancelled","message":"cancelled before it started"}'::jsonb ELSE error END,
              cancel_requested = (status = 'running')
        WHERE id = $1 AND tenant_id = $2 AND status IN ('queued', 'running') RETURNING *`,
      [id, tenantId, now],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Files of this host's queued or running jobs: they must survive the orphan sweep. */
  async activeFiles(host: string): Promise<{ id: string; status: JobStatus; files: string[] }[]> {
    return this.rows(
      `SELECT id, status, files FROM job WHERE host = $1 AND status IN ('queued', 'running') AND cardinality(files) > 0`,
      [host],
    );
  }

  /**
   * Queued jobs the queue will never start: pg-boss failed or ended them without our bookkeeping
   * (a database error while the job was being claimed), or dropped them after its retention
   * (a host-bound job whose host never came back) and it was queued more than `lostMs` ago on the
   * database's clock. A queued row without a stamp is older than stamping queued jobs, so old.
   */
  async failAbandoned(queueSchema: string, now: Date, lostMs: number): Promise<StoredJob[]> {
    if (!/^[a-z_][a-z0-9_]*$/.test(queueSchema)) throw new Error(`unsafe schema name ${queueSchema}`);
    const rows = await this.rows<JobRow>(
      `UPDATE job SET status = 'failed', finished_at = $1,
              error = jsonb_build_object('code', 'NotStarted', 'message', 'the queue gave up on this job before it could start; start it again')
        WHERE status = 'queued' AND (
          EXISTS (SELECT 1 FROM "${queueSchema}".job b WHERE b.id = job.id AND b.state IN ('completed', 'failed', 'cancelled'))
          OR ((heartbeat_at IS NULL OR ${olderThan('$2')})
              AND NOT EXISTS (SELECT 1 FROM "${queueSchema}".job b WHERE b.id = job.id)))
        RETURNING *`,
      [now, lostMs],
    );
    return rows.map(toStored);
  }

  /** A queued job whose input vanished (the temp folder was wiped) can never run. */
  async failLost(id: string, message: string, now: Date): Promise<boolean> {
    const rows = await this.rows<unknown>(
      `UPDATE job SET status = 'failed', finished_at = $3, error = jsonb_build_object('code', 'UploadLost', 'message', $2::text)
        WHERE id = $1 AND status = 'queued' RETURNING id`,
      [id, message, now],
    );
    return rows.length > 0;
  }
}
