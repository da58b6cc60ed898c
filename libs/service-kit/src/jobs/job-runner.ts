import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SystemClock, type Clock } from '../clock';
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Pool, PoolClient } from 'pg';
import { PgBoss } from 'pg-boss';
import type { UploadSpool } from '../uploads/upload-spool';
import { executeJob, type RegisteredKind, type RunningJob } from './job-executor';
import { isTerminal } from './job-outcome';
import { JobStore, type StoredJob } from './job-store';
import { RunnerLiveness } from './runner-liveness';
import { hasUnstorableText, messageOf } from './storable';
import { JobError, type EnqueueOptions, type JobHandler, type JobKind, type JobView } from './job.types';

export interface JobRunnerTuning {
  /** Heartbeat and stale-job sweep interval. Default 5 s. */
  heartbeatMs?: number;
  /**
   * A running job whose heartbeat is older than this is interrupted even if its runner seems
   * alive. Default 2 min. Real time on the database's clock, whatever the injected Clock says.
   */
  staleAfterMs?: number;
  /** Progress is written at most this often. Default 250 ms. */
  progressIntervalMs?: number;
  /** How often idle workers look for jobs enqueued by other replicas. Default 2 s. */
  pollingSeconds?: number;
  /** On shutdown, how long running jobs get to reach a checkpoint. Default 15 s. */
  shutdownGraceMs?: number;
}

export interface JobRunnerOptions {
  service: string;
  /** The service's own connection pool (its search_path is the service's schema). */
  pool: Pool;
  databaseUrl: string;
  spool: UploadSpool;
  clock?: Clock;
  tuning?: JobRunnerTuning;
}

/** How long (real time) a queued job may be missing from pg-boss's table before it counts as dropped. */
const LOST_FROM_QUEUE_MS = 3600_000;

/** pg-boss queue names allow [\w.-/]; a host name is folded into that. */
export function hostKeyOf(name: string): string {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .slice(0, 48);
  return key || 'host';
}

/**
 * The platform's one job runner (one per service, in the service's own schemas): pg-boss queues
 * in `<service>_jobs` claim work across replicas with SKIP LOCKED, retry with backoff and keep
 * heartbeats; the `job` table is the public read model. See libs/service-kit/README.md ("Jobs").
 */
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly store: JobStore;
  private readonly clock: Clock;
  private readonly tuning: Required<JobRunnerTuning>;
  private readonly host = hostKeyOf(hostname());
  private readonly kinds = new Map<string, RegisteredKind>();
  /** Queue → its workers here, one per slot of the kind's concurrency (each woken by id). */
  private readonly workers = new Map<string, string[]>();
  private readonly running = new Map<string, RunningJob>();
  /** Long polls per job id, woken with the job as recorded at its end (or with nothing on a stop or timeout). */
  private readonly waiters = new Map<string, Set<(ended?: JobView) => void>>();
  private readonly liveness: RunnerLiveness;
  private boss: PgBoss | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.logger = new Logger(`JobRunner:${options.service}`);
    this.store = new JobStore(options.pool);
    this.clock = options.clock ?? new SystemClock();
    this.tuning = {
      heartbeatMs: 5000,
      staleAfterMs: 120_000,
      progressIntervalMs: 250,
      pollingSeconds: 2,
      shutdownGraceMs: 15_000,
      ...options.tuning,
    };
    this.liveness = new RunnerLiveness(options.databaseUrl, `quartier-${options.service}-jobs`, this.logger);
  }

  get schema(): string {
    return `${this.options.service}_jobs`;
  }

  /** Registers the handler of a job kind (from the owning module's onModuleInit). */
  register<P extends object, R>(kind: JobKind<P, R>, handler: JobHandler<P, R>): void {
    if (this.kinds.has(kind.name)) throw new Error(`job kind ${kind.name} is registered twice`);
    const entry: RegisteredKind = {
      kind: kind as JobKind<object, unknown>,
      handler: handler as JobHandler<object, unknown>,
      queue: this.queueOf(kind.name, kind.options.local ? this.host : null),
    };
    this.kinds.set(kind.name, entry);
    if (this.boss) void this.startWorker(entry).catch((e: unknown) => this.logger.error(messageOf(e)));
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => this.options.pool.query(text, values) },
      schema: this.schema,
      schedule: false,
      registerInstance: false,
    });
    // pg-boss reports failures of its own housekeeping as events; unheard, an 'error' event would end the process.
    boss.on('error', (error: unknown) => this.logger.warn(`queue: ${messageOf(error)}`));
    await boss.start();
    this.boss = boss;
    await this.liveness.acquire();
    await this.sweep();
    await this.removeOrphans();
    for (const entry of this.kinds.values()) await this.startWorker(entry);
    this.timer = setInterval(() => void this.tick(), this.tuning.heartbeatMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    // Long polls answer the job as it is now instead of holding the shutdown.
    for (const waiting of [...this.waiters.values()]) for (const wake of [...waiting]) wake();
    const running = [...this.running.values()];
    for (const job of running) job.stop('shutdown');
    const grace = new Promise((resolve) => setTimeout(resolve, this.tuning.shutdownGraceMs).unref());
    await Promise.race([Promise.allSettled(running.map((job) => job.done)), grace]);
    await this.boss?.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
    this.boss = null;
    await this.liveness.release();
  }

  /** Queues a job (or answers the active job holding `singletonKey`); returns its id. */
  async enqueue<P extends object, R>(
    kind: JobKind<P, R>,
    payload: P,
    options: EnqueueOptions,
  ): Promise<string> {
    const boss = this.started();
    if (hasUnstorableText(payload))
      throw new JobError('InvalidJobPayload', 'the job input contains NUL bytes or unpaired surrogates');
    const host = kind.options.local ? this.host : null;
    const queue = this.queueOf(kind.name, host);
    const id = randomUUID();
    const client: PoolClient = await this.options.pool.connect();
    let jobId: string;
    try {
      await client.query('BEGIN');
      const inserted = await this.store.insert(client, {
        id,
        kind: kind.name,
        tenantId: options.tenantId,
        createdBy: options.createdBy,
        payload,
        singletonKey: options.singletonKey ?? null,
        files: options.files ?? [],
        host,
        now: this.clock.now(),
      });
      if (inserted)
        await boss.send(
          queue,
          {},
          { id, ...this.retryOptions(kind), db: { executeSql: (t, v) => client.query(t, v) } },
        );
      await client.query('COMMIT');
      jobId = inserted ?? (await this.activeId(kind.name, options.singletonKey));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    // Every worker of the queue here, not only the first: that one may be busy with an earlier
    // job while an idle one would sleep out its polling interval.
    for (const worker of this.workers.get(queue) ?? []) boss.notifyWorker(worker);
    return jobId;
  }

  /** Records a job whose result was at hand already (a cache hit), so callers follow one kind of id. */
  async recordDone<P extends object, R>(
    kind: JobKind<P, R>,
    payload: P,
    options: EnqueueOptions,
    result: R,
  ): Promise<string> {
    const id = randomUUID();
    const job = { id, kind: kind.name, tenantId: options.tenantId, createdBy: options.createdBy, payload };
    await this.store.insertDone(
      { ...job, singletonKey: null, files: [], host: null, now: this.clock.now() },
      result,
    );
    return id;
  }

  /**
   * Cancels a job of the tenant: a queued one never starts; a running one sees its signal aborted
   * and stops at its next checkpoint (on whichever replica runs it). Answers the job as it is now.
   */
  async cancel(id: string, tenantId: string): Promise<JobView> {
    const job = await this.store.requestCancel(id, tenantId, this.clock.now());
    if (job) {
      await this.boss?.cancel(this.queueOf(job.view.kind, job.host), id).catch(() => undefined);
      if (job.view.status === 'cancelled') await this.ended(job.view, job.files);
      else this.running.get(id)?.stop('cancel');
    }
    return this.get(id, tenantId);
  }

  async find<P = unknown, R = unknown>(id: string, tenantId: string): Promise<JobView<P, R> | null> {
    return ((await this.store.find(id, tenantId))?.view as JobView<P, R> | undefined) ?? null;
  }

  async get<P = unknown, R = unknown>(id: string, tenantId: string): Promise<JobView<P, R>> {
    const job = await this.find<P, R>(id, tenantId);
    if (!job) throw new JobError('JobNotFound', `job ${id} not found`);
    return job;
  }

  /** The newest jobs of a kind in a tenant (error details left out). */
  async list<P, R>(kind: JobKind<P & object, R>, tenantId: string, limit = 50): Promise<JobView<P, R>[]> {
    return (await this.store.list(kind.name, tenantId, limit)) as JobView<P, R>[];
  }

  /** The queued or running job holding a singleton key, if any. */
  async findActive<P, R>(kind: JobKind<P & object, R>, singletonKey: string): Promise<JobView<P, R> | null> {
    return (
      ((await this.store.findActive(kind.name, singletonKey))?.view as JobView<P, R> | undefined) ?? null
    );
  }

  /** Resolves once the job reached an end (seeders and tests that import synchronously). */
  async waitFor<P = unknown, R = unknown>(
    id: string,
    tenantId: string,
    timeoutMs = 30 * 60_000,
  ): Promise<JobView<P, R>> {
    const until = Date.now() + timeoutMs;
    let job = await this.get<P, R>(id, tenantId);
    for (;;) {
      if (isTerminal(job.status)) return job;
      if (Date.now() > until)
        throw new JobError('JobNotFound', `job ${id} did not end within ${timeoutMs} ms`);
      job = await this.endedOrRead<P, R>(id, tenantId, 500);
    }
  }

  /**
   * The job once it has ended, or as it is after `waitMs` (or when this runner stops), whichever
   * comes first: a long poll, so a client learns of the end when it happens rather than at its
   * next poll. A job of this process wakes the wait when it ends; one run by another replica is
   * seen by a read every 500 ms.
   */
  async awaitEnd<P = unknown, R = unknown>(
    id: string,
    tenantId: string,
    waitMs: number,
  ): Promise<JobView<P, R>> {
    const until = Date.now() + waitMs;
    let job = await this.get<P, R>(id, tenantId);
    for (;;) {
      const left = until - Date.now();
      if (isTerminal(job.status) || left <= 0 || this.stopping) return job;
      job = await this.endedOrRead<P, R>(id, tenantId, Math.min(500, left));
    }
  }

  /**
   * The job as its end recorded it when it ends in this process within `ms` — the long poll then
   * answers without reading it again, which on a busy process (the import's events being
   * published beside it) is a round trip queued behind their work —, else as it is read now.
   */
  private async endedOrRead<P, R>(id: string, tenantId: string, ms: number): Promise<JobView<P, R>> {
    const ended = await this.endOrTimeout(id, ms);
    if (ended && ended.tenantId === tenantId) return ended as JobView<P, R>;
    return this.get<P, R>(id, tenantId);
  }

  /** Resolves when the job ends in this process, this runner stops, or after `ms`. */
  private endOrTimeout(id: string, ms: number): Promise<JobView | undefined> {
    return new Promise<JobView | undefined>((resolve) => {
      const wake = (ended?: JobView) => {
        clearTimeout(timer);
        const waiting = this.waiters.get(id);
        waiting?.delete(wake);
        // A job that ends on another replica never clears its entry here: the last waiter does.
        if (waiting?.size === 0) this.waiters.delete(id);
        resolve(ended);
      };
      const timer = setTimeout(wake, ms);
      this.waiters.set(id, (this.waiters.get(id) ?? new Set()).add(wake));
    });
  }

  /** One heartbeat of this runner's jobs and one sweep for other runners' dead jobs (also run by the timer). */
  async tick(): Promise<void> {
    if (this.stopping) return;
    try {
      const beats = await this.store.heartbeat([...this.running.keys()], this.liveness.runnerKey);
      const alive = new Set(beats.map((b) => b.id));
      for (const beat of beats) if (beat.cancel) this.running.get(beat.id)?.stop('cancel');
      for (const [id, job] of this.running) if (!alive.has(id)) job.stop('claim-lost');
      await this.sweep();
    } catch (error) {
      this.logger.warn(`heartbeat failed: ${messageOf(error)}`);
    }
  }

  private started(): PgBoss {
    if (!this.boss || this.stopping)
      throw new JobError('JobRunnerNotStarted', `the ${this.options.service} job runner is not running`);
    return this.boss;
  }

  private queueOf(kind: string, host: string | null): string {
    return host ? `${kind}.${host}` : kind;
  }

  private retryOptions(kind: JobKind<object, unknown>) {
    const options = kind.options;
    return {
      retryLimit: options.retries ?? 0,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: true,
      ...(options.retryDelayMaxSeconds ? { retryDelayMax: options.retryDelayMaxSeconds } : {}),
      expireInSeconds: options.timeoutSeconds ?? 6 * 3600,
      heartbeatSeconds: 10,
    };
  }

  private async activeId(kind: string, singletonKey: string | undefined): Promise<string> {
    const active = singletonKey ? await this.store.findActive(kind, singletonKey) : null;
    // The active job ended between the conflict and this read: rare; the caller may simply retry.
    if (!active)
      throw new JobError('JobNotFound', `the job holding ${singletonKey} ended meanwhile; try again`);
    return active.view.id;
  }

  private async startWorker(entry: RegisteredKind): Promise<void> {
    const boss = this.started();
    const {
      retryLimit: _r,
      retryDelay: _d,
      retryBackoff: _b,
      ...queueOptions
    } = this.retryOptions(entry.kind);
    if (!(await boss.getQueue(entry.queue))) await boss.createQueue(entry.queue, queueOptions);
    const deps = {
      store: this.store,
      clock: this.clock,
      runnerKey: () => this.liveness.runnerKey,
      progressIntervalMs: this.tuning.progressIntervalMs,
      logger: this.logger,
      running: this.running,
      ended: (view: JobView, files: readonly string[]) => this.ended(view, files),
    };
    // One pg-boss worker per slot rather than localConcurrency: pg-boss answers only the first
    // worker's id, and enqueue must be able to wake each of them.
    const ids: string[] = [];
    for (let slot = 0; slot < (entry.kind.options.concurrency ?? 1); slot++)
      ids.push(
        await boss.work<object>(
          entry.queue,
          { batchSize: 1, pollingIntervalSeconds: this.tuning.pollingSeconds, heartbeatRefreshSeconds: 2 },
          async ([job]) => executeJob(deps, entry, job),
        ),
      );
    this.workers.set(entry.queue, ids);
  }

  /**
   * Deletes the job's spooled files (they are on this host only), then wakes whoever waits for it:
   * a caller that learns of the end finds the files gone (an unlink is well under a millisecond).
   */
  private async ended(view: JobView, files: readonly string[]): Promise<void> {
    for (const file of files) await this.options.spool.discard(file).catch(() => undefined);
    for (const wake of this.waiters.get(view.id) ?? []) wake(view);
    this.waiters.delete(view.id);
  }

  /**
   * Jobs of dead runners and queued jobs the queue dropped. Their ages are real time on the
   * database's clock, as their heartbeats are stamped (see JobStore); only the finish time
   * recorded comes from the Clock.
   */
  private async sweep(): Promise<void> {
    const now = this.clock.now();
    const { heartbeatMs, staleAfterMs } = this.tuning;
    const interrupted = await this.store.interruptStale(
      this.liveness.runnerKey,
      now,
      heartbeatMs,
      staleAfterMs,
    );
    for (const job of interrupted) await this.afterInterrupt(job);
    if (interrupted.length > 0)
      this.logger.warn(`${interrupted.length} job(s) of stopped runners marked interrupted`);
    const abandoned = await this.store.failAbandoned(this.schema, now, LOST_FROM_QUEUE_MS);
    for (const job of abandoned) await this.ended(job.view, job.host === this.host ? job.files : []);
    if (abandoned.length > 0)
      this.logger.warn(`${abandoned.length} queued job(s) the queue gave up on marked failed`);
  }

  private async afterInterrupt(job: StoredJob): Promise<void> {
    // pg-boss would otherwise fail or retry it once its own heartbeat lapses; the job table already tells.
    await this.boss?.cancel(this.queueOf(job.view.kind, job.host), job.view.id).catch(() => undefined);
    await this.ended(job.view, job.host === this.host ? job.files : []);
  }

  /** At start: queued jobs whose upload vanished fail; spool files no active job holds are removed. */
  private async removeOrphans(): Promise<void> {
    const keep = new Set<string>();
    for (const job of await this.store.activeFiles(this.host)) {
      const present = await Promise.all(
        job.files.map((f) =>
          access(f).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (job.status === 'queued' && present.includes(false)) {
        await this.store.failLost(
          job.id,
          'the uploaded file was lost (the temporary folder was cleared); upload it again',
          this.clock.now(),
        );
        continue;
      }
      for (const file of job.files) keep.add(file);
    }
    const removed = await this.options.spool.removeOrphans(keep);
    if (removed.length > 0) this.logger.warn(`${removed.length} orphaned spool file(s) removed`);
  }
}
