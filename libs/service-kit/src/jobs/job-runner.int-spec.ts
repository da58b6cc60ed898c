import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { FixedClock, ShiftedClock, type Clock } from '../clock';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createTestDatabase, type TestDatabase } from '@quartier/persistence';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { serviceDatabase } from '../database.module';
import { RuntimeModule } from '../runtime.module';
import { UploadSpool } from '../uploads/upload-spool';
import { hostKeyOf, JobRunner, type JobRunnerTuning } from './job-runner';
import { createJobTable, dropJobTable } from './job-table';
import { JobsModule } from './jobs.module';
import { defineJobKind, JobFailure, type JobContext } from './job.types';

const SERVICE = 'jobtest';

class CreateJobs1765000000000 implements MigrationInterface {
  name = 'CreateJobs1765000000000';
  up = (db: QueryRunner) => createJobTable(db);
  down = (db: QueryRunner) => dropJobTable(db);
}

const ECHO = defineJobKind<{ text: string; steps: number }, { text: string }>('echo');
const GATE = defineJobKind<{ key: string }, { finished: boolean }>('gate');
const FLAKY = defineJobKind<{ failures: number }, { attempts: number }>('flaky', {
  retries: 2,
  retryDelaySeconds: 1,
});
const NUL = defineJobKind<{ mode: 'failure' | 'throw' | 'reject' }, never>('nul');
const FILE = defineJobKind<{ path: string }, { bytes: number }>('file', { local: true });
const PAIR = defineJobKind<{ key: string }, { finished: boolean }>('pair', { concurrency: 2 });

/** Shared by both apps of the claim test (one process): who ran which job. */
const runs = new Map<string, string[]>();
const gates = new Map<string, { entered: () => void; release: Promise<void>; open: () => void }>();
const flakyAttempts: number[] = [];

function gate(key: string) {
  let entered!: () => void;
  let open!: () => void;
  const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
  const release = new Promise<void>((resolve) => (open = resolve));
  gates.set(key, { entered, release, open });
  return { entered: enteredPromise, open };
}

function handlersFor(app: string) {
  @Injectable()
  class TestJobs implements OnModuleInit {
    constructor(private readonly runner: JobRunner) {}

    onModuleInit(): void {
      this.runner.register(ECHO, async (payload, ctx) => {
        runs.set(ctx.id, [...(runs.get(ctx.id) ?? []), app]);
        for (let i = 1; i <= payload.steps; i++)
          ctx.progress(i / payload.steps, { rows: i * 10, message: `step ${i}` });
        return { text: payload.text };
      });
      this.runner.register(GATE, async (payload, ctx) => this.waitAtGate(payload.key, ctx));
      this.runner.register(PAIR, async (payload, ctx) => this.waitAtGate(payload.key, ctx));
      this.runner.register(FLAKY, async (payload, ctx) => {
        flakyAttempts.push(Date.now());
        if (ctx.attempt <= payload.failures) throw new Error(`attempt ${ctx.attempt} failed`);
        return { attempts: ctx.attempt };
      });
      this.runner.register(NUL, async (payload) => {
        if (payload.mode === 'failure')
          throw new JobFailure('InvalidRows', 'line 2: "1\u0000" is not a number', {
            errors: [{ line: 2, message: 'value "1\u0000\ud800"' }],
          });
        if (payload.mode === 'throw') throw Object.create(null);
        return Promise.reject(new Error('bad \u0000 byte'));
      });
      this.runner.register(FILE, async (payload) => ({ bytes: payload.path.length }));
    }

    private async waitAtGate(key: string, ctx: JobContext): Promise<{ finished: boolean }> {
      const g = gates.get(key);
      if (!g) throw new Error(`no gate ${key}`);
      ctx.progress(0.5, { rows: 7, message: 'waiting' });
      g.entered();
      await Promise.race([
        g.release,
        new Promise((resolve) => ctx.signal.addEventListener('abort', resolve)),
      ]);
      ctx.checkpoint();
      return { finished: true };
    }
  }
  return TestJobs;
}

describe('JobRunner on pg-boss (real PostgreSQL)', () => {
  let database: TestDatabase;
  const apps: INestApplicationContext[] = [];
  // Calendar-independent, but moving with the real time pg-boss keeps.
  const clock: Clock = new ShiftedClock(new Date('2030-01-01T00:00:00Z'));

  async function startApp(
    name: string,
    {
      url = database.url,
      pollingSeconds = 0.5,
      clock: appClock = clock,
      tuning = {},
    }: { url?: string; pollingSeconds?: number; clock?: Clock; tuning?: JobRunnerTuning } = {},
  ): Promise<INestApplicationContext> {
    const runtime = { databaseUrl: url, oidcIssuer: 'http://127.0.0.1:1/oidc', oidcAudience: 'x' };
    const TestJobs = handlersFor(name);
    @Module({
      imports: [
        RuntimeModule.forRoot(runtime),
        serviceDatabase({
          name: SERVICE,
          schema: SERVICE,
          entities: [],
          migrations: [CreateJobs1765000000000],
        }),
        JobsModule.forService({
          service: SERVICE,
          connection: SERVICE,
          clock: appClock,
          tuning: {
            heartbeatMs: 300,
            pollingSeconds,
            staleAfterMs: 60_000,
            shutdownGraceMs: 5000,
            ...tuning,
          },
        }),
      ],
      providers: [TestJobs],
    })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    await app.init();
    apps.push(app);
    return app;
  }

  /** Stops an app a test started for itself: a runner left running would take the others' jobs. */
  async function stopApp(app: INestApplicationContext): Promise<void> {
    await app.close();
    apps.splice(apps.indexOf(app), 1);
  }

  // The app most tests share, started by whichever test needs it first: each test runs alone too.
  let shared: Promise<INestApplicationContext> | undefined;
  const appA = () => (shared ??= startApp('a'));
  const runnerOf = (app: INestApplicationContext) => app.get(JobRunner);
  const db = (app: INestApplicationContext) => app.get<DataSource>(getDataSourceToken(SERVICE));
  const who = { tenantId: 'berlin', createdBy: 'test' };

  beforeAll(async () => {
    database = await createTestDatabase('jobs');
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await database.drop();
    // The queued job holding it went with the database.
    rmSync(join(new UploadSpool(SERVICE).dir, '999999-held.upload'), { force: true });
  });

  it('runs a job with its progress persisted, and answers its status per tenant only', async () => {
    const app = await appA();
    const runner = runnerOf(app);
    const id = await runner.enqueue(ECHO, { text: 'hallo', steps: 3 }, who);
    const job = await runner.waitFor(id, 'berlin', 20_000);
    expect(job).toMatchObject({
      kind: 'echo',
      status: 'done',
      progress: 1,
      rows: 30,
      message: 'step 3',
      result: { text: 'hallo' },
      error: null,
      attempts: 1,
      createdBy: 'test',
    });
    expect(Date.parse(job.createdAt)).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
    expect(job.finishedAt).not.toBeNull();
    expect(await runner.find(id, 'musterstadt')).toBeNull();
    expect((await runner.list(ECHO, 'berlin')).map((j) => j.id)).toContain(id);
    // pg-boss keeps its own queue tables in the service's queue schema.
    const [schema] = await db(app).query(
      `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'jobtest_jobs'`,
    );
    expect(schema).toBeDefined();
  });

  it('records every failure storably — NUL bytes, lone surrogates, things that are not errors — and keeps running', async () => {
    const runner = runnerOf(await appA());
    const failure = await runner.waitFor(
      await runner.enqueue(NUL, { mode: 'failure' }, who),
      'berlin',
      20_000,
    );
    expect(failure).toMatchObject({
      status: 'failed',
      error: {
        code: 'InvalidRows',
        message: 'line 2: "1\uFFFD" is not a number',
        details: { errors: [{ line: 2, message: 'value "1\uFFFD\uFFFD"' }] },
      },
    });
    const thrown = await runner.waitFor(await runner.enqueue(NUL, { mode: 'throw' }, who), 'berlin', 20_000);
    expect(thrown).toMatchObject({ status: 'failed', error: { code: 'JobFailed', message: '{}' } });
    const rejected = await runner.waitFor(
      await runner.enqueue(NUL, { mode: 'reject' }, who),
      'berlin',
      20_000,
    );
    expect(rejected).toMatchObject({ status: 'failed', error: { message: 'bad \uFFFD byte' } });
    // The runner still works.
    const after = await runner.waitFor(
      await runner.enqueue(ECHO, { text: 'ok', steps: 1 }, who),
      'berlin',
      20_000,
    );
    expect(after.status).toBe('done');
    await expect(runner.enqueue(ECHO, { text: 'x\u0000', steps: 1 }, who)).rejects.toMatchObject({
      code: 'InvalidJobPayload',
    });
  });

  it('retries a retryable kind with backoff until it succeeds', async () => {
    const runner = runnerOf(await appA());
    flakyAttempts.length = 0;
    const job = await runner.waitFor(await runner.enqueue(FLAKY, { failures: 2 }, who), 'berlin', 40_000);
    expect(job).toMatchObject({ status: 'done', attempts: 3, result: { attempts: 3 }, error: null });
    expect(flakyAttempts).toHaveLength(3);
    // retryDelay 1 s doubling: the second wait is at least as long as the first delay.
    expect(flakyAttempts[1] - flakyAttempts[0]).toBeGreaterThanOrEqual(900);
    expect(flakyAttempts[2] - flakyAttempts[1]).toBeGreaterThanOrEqual(900);
  }, 60_000);

  it('gives up after the last retry and keeps the last error', async () => {
    const runner = runnerOf(await appA());
    const job = await runner.waitFor(await runner.enqueue(FLAKY, { failures: 5 }, who), 'berlin', 40_000);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, error: { message: 'attempt 3 failed' } });
  }, 60_000);

  it('cancels a queued job before it starts and a running one at its next checkpoint', async () => {
    const runner = runnerOf(await appA());
    const first = gate('first');
    const running = await runner.enqueue(GATE, { key: 'first' }, who);
    await first.entered;
    // GATE runs one at a time: this one stays queued behind the first.
    gate('second');
    const queued = await runner.enqueue(GATE, { key: 'second' }, who);
    expect((await runner.cancel(queued, 'berlin')).status).toBe('cancelled');
    const cancelling = await runner.cancel(running, 'berlin');
    expect(['running', 'cancelled']).toContain(cancelling.status);
    const ended = await runner.waitFor(running, 'berlin', 20_000);
    expect(ended).toMatchObject({
      status: 'cancelled',
      rows: 7,
      progress: 0.5,
      error: { code: 'Cancelled' },
    });
    // The cancelled queued job never started, even once the gate is free.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await runner.get(queued, 'berlin')).toMatchObject({
      status: 'cancelled',
      attempts: 0,
      startedAt: null,
    });
    // Cancelling what has ended changes nothing.
    expect((await runner.cancel(running, 'berlin')).status).toBe('cancelled');
  });

  it('answers a long poll when the job ends, or as it is once the wait is over', async () => {
    const runner = runnerOf(await appA());
    const g = gate('long-poll');
    const id = await runner.enqueue(GATE, { key: 'long-poll' }, who);
    await g.entered;
    // Still running when the wait is over: answered as it is.
    expect(await runner.awaitEnd(id, 'berlin', 200)).toMatchObject({ status: 'running', rows: 7 });
    // Woken by the end itself, not by its timeout (which would answer `running`).
    const waiting = runner.awaitEnd(id, 'berlin', 60_000);
    g.open();
    const woken = await waiting;
    expect(woken).toMatchObject({ status: 'done', result: { finished: true } });
    // Answered with the job as its end recorded it, the same a read gives.
    expect(woken).toEqual(await runner.get(id, 'berlin'));
    // An ended job is answered at once; another tenant's is not found.
    expect((await runner.awaitEnd(id, 'berlin', 60_000)).status).toBe('done');
    await expect(runner.awaitEnd(id, 'musterstadt', 1000)).rejects.toMatchObject({ code: 'JobNotFound' });
  });

  it('joins an active job with the same singleton key', async () => {
    const runner = runnerOf(await appA());
    const g = gate('single');
    const one = await runner.enqueue(GATE, { key: 'single' }, { ...who, singletonKey: 'wave-1' });
    const two = await runner.enqueue(GATE, { key: 'single' }, { ...who, singletonKey: 'wave-1' });
    expect(two).toBe(one);
    await g.entered;
    g.open();
    expect((await runner.waitFor(one, 'berlin', 20_000)).status).toBe('done');
    expect(await runner.enqueue(ECHO, { text: 's', steps: 1 }, { ...who, singletonKey: 'wave-1' })).not.toBe(
      one,
    );
  });

  it('two runners on one database run each job exactly once, both taking work', async () => {
    const first = await appA();
    const second = await startApp('b');
    try {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const runner = runnerOf(i % 2 === 0 ? first : second);
        ids.push(await runner.enqueue(ECHO, { text: `job ${i}`, steps: 1 }, who));
      }
      for (const id of ids)
        expect((await runnerOf(second).waitFor(id, 'berlin', 30_000)).status).toBe('done');
      for (const id of ids) expect(runs.get(id)).toHaveLength(1);
      const ranBy = new Set(ids.map((id) => (runs.get(id) ?? [])[0]));
      expect(ranBy).toEqual(new Set(['a', 'b']));
    } finally {
      await stopApp(second);
    }
  });

  it('marks jobs of a dead runner or with a stale heartbeat interrupted on start, and sweeps orphaned spool files', async () => {
    const pool = db(await appA());
    const spool = (await appA()).get(UploadSpool);
    mkdirSync(spool.dir, { recursive: true });
    const held = join(spool.dir, `999999-held.upload`);
    const orphan = join(spool.dir, `999999-orphan.upload`);
    const ofCrashed = join(spool.dir, `999999-crashed.upload`);
    for (const file of [held, orphan, ofCrashed]) writeFileSync(file, 'x');
    const host = hostKeyOf(hostname());
    const now = clock.now().getTime();
    // Heartbeats are stamped on the database's clock: `secondsAgo` of it.
    const insert = (id: string, status: string, secondsAgo: number, runner: number | null, files: string[]) =>
      pool.query(
        `INSERT INTO job (id, kind, tenant_id, created_by, status, payload, files, host, rows_reached, progress, runner, created_at, started_at, heartbeat_at)
         VALUES ($1, 'later', 'berlin', 'test', $2, '{}', $3, $4, 1234, 0.25, $5, $6, $6, now() - make_interval(secs => $7))`,
        [id, status, files, host, runner, new Date(now - 600_000), secondsAgo],
      );
    const stale = '00000000-0000-4000-8000-000000000001';
    const deadRunner = '00000000-0000-4000-8000-000000000002';
    const waiting = '00000000-0000-4000-8000-000000000003';
    await insert(stale, 'running', 600, 424242, [ofCrashed]);
    // A runner whose session is gone (no liveness lock), its heartbeat a few seconds old.
    await insert(deadRunner, 'running', 5, 434343, []);
    await insert(waiting, 'queued', 0, null, [held]);
    const restarted = await startApp('c');
    try {
      const runner = runnerOf(restarted);
      for (const id of [stale, deadRunner]) {
        const job = await runner.get(id, 'berlin');
        expect(job).toMatchObject({
          status: 'interrupted',
          rows: 1234,
          progress: 0.25,
          error: { code: 'Interrupted' },
        });
        expect(job.error?.message).toContain('1234 rows');
      }
      expect((await runner.get(waiting, 'berlin')).status).toBe('queued');
      expect(existsSync(held)).toBe(true);
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(ofCrashed)).toBe(false);
    } finally {
      await stopApp(restarted);
    }
  });

  it('deletes the spooled files of a job when it ends', async () => {
    const runner = runnerOf(await appA());
    const spool = (await appA()).get(UploadSpool);
    mkdirSync(spool.dir, { recursive: true });
    const file = join(spool.dir, `${process.pid}-input.upload`);
    writeFileSync(file, 'data');
    const id = await runner.enqueue(FILE, { path: file }, { ...who, files: [file] });
    expect((await runner.waitFor(id, 'berlin', 20_000)).status).toBe('done');
    expect(existsSync(file)).toBe(false);
  });

  it('fails a queued job the queue gave up on, and one that was lost from the queue long ago', async () => {
    const pool = db(await appA());
    const runner = runnerOf(await appA());
    // Queued `secondsAgo` on the database's clock (a queued job's heartbeat), and not in the queue.
    const insert = (id: string, secondsAgo: number) =>
      pool.query(
        `INSERT INTO job (id, kind, tenant_id, created_by, status, payload, created_at, heartbeat_at)
         VALUES ($1, 'later', 'berlin', 'test', 'queued', '{}', $2, now() - make_interval(secs => $3))`,
        [id, clock.now(), secondsAgo],
      );
    const lost = '00000000-0000-4000-8000-000000000011';
    const fresh = '00000000-0000-4000-8000-000000000012';
    const legacy = '00000000-0000-4000-8000-000000000013';
    await insert(lost, 2 * 3600);
    await insert(fresh, 0);
    // Queued before queued jobs got a heartbeat: as old as can be.
    await pool.query(
      `INSERT INTO job (id, kind, tenant_id, created_by, status, payload, created_at) VALUES ($1, 'later', 'berlin', 'test', 'queued', '{}', $2)`,
      [legacy, clock.now()],
    );
    // A queue row the queue itself failed (as when claiming hit a database error).
    const given = await runner.enqueue(ECHO, { text: 'x', steps: 1 }, { ...who, singletonKey: 'given-up' });
    await runner.waitFor(given, 'berlin', 20_000);
    await pool.query(`UPDATE job SET status = 'queued', finished_at = NULL WHERE id = $1`, [given]);
    // Our table says done before pg-boss marks its own row completed (that happens after the
    // handler returns), so set the queue's verdict here instead of racing pg-boss for it.
    await pool.query(`UPDATE jobtest_jobs.job SET state = 'failed' WHERE id = $1`, [given]);
    await runner.tick();
    expect((await runner.get(lost, 'berlin')).error).toMatchObject({ code: 'NotStarted' });
    expect((await runner.get(legacy, 'berlin')).error).toMatchObject({ code: 'NotStarted' });
    expect((await runner.get(given, 'berlin')).status).toBe('failed');
    expect((await runner.get(fresh, 'berlin')).status).toBe('queued');
  });

  it('on shutdown stops running jobs at their checkpoint as interrupted, keeping the rows reached', async () => {
    // Its own database, so only this app may pick the job up, and the others keep running.
    const own = await createTestDatabase('jobs_shutdown');
    try {
      const app = await startApp('d', { url: own.url });
      const g = gate('shutdown');
      const id = await runnerOf(app).enqueue(GATE, { key: 'shutdown' }, who);
      await g.entered;
      await stopApp(app);
      const [row] = await queryOnce(
        own.url,
        `SELECT status, rows_reached, error FROM jobtest.job WHERE id = $1`,
        [id],
      );
      expect(row).toMatchObject({ status: 'interrupted', rows_reached: '7', error: { code: 'Interrupted' } });
    } finally {
      await own.drop();
    }
  });

  it('starts an enqueued job at once on an idle worker of its kind, not at the next poll', async () => {
    // Its own database, so no other runner's polling can pick the jobs up; an hour between polls,
    // so only the wake on enqueue starts them before the test times out.
    const own = await createTestDatabase('jobs_wake');
    const app = await startApp('e', { url: own.url, pollingSeconds: 3600 });
    try {
      const runner = runnerOf(app);
      const first = gate('pair-1');
      const held = await runner.enqueue(PAIR, { key: 'pair-1' }, who);
      await first.entered;
      // The worker that took the first job is busy: the second must wake the other one.
      const second = gate('pair-2');
      const next = await runner.enqueue(PAIR, { key: 'pair-2' }, who);
      await second.entered;
      second.open();
      first.open();
      expect((await runner.waitFor(next, 'berlin', 20_000)).status).toBe('done');
      expect((await runner.waitFor(held, 'berlin', 20_000)).status).toBe('done');
    } finally {
      await stopApp(app);
      await own.drop();
    }
  });

  it('under a fixed clock, interrupts the job of a runner that stopped heartbeating and of one whose session died', async () => {
    // Heartbeats age in real time on the database's clock: a clock that stands still (tests,
    // demos) must not keep a dead runner's jobs `running` for good. What users see stays on it.
    const own = await createTestDatabase('jobs_fixed');
    const fixed = new FixedClock(new Date('2030-06-01T10:00:00Z'));
    // Its heartbeat timer does not fire within the test: once it has claimed the job and
    // reported progress, the job falls silent while its runner's session lives on.
    const silent = await startApp('f', { url: own.url, clock: fixed, tuning: { heartbeatMs: 3_600_000 } });
    const started = [silent];
    try {
      const g = gate('silent');
      const id = await runnerOf(silent).enqueue(GATE, { key: 'silent' }, who);
      await g.entered;
      // A runner whose session is gone (no liveness lock), its last heartbeat 5 s ago.
      const dead = '00000000-0000-4000-8000-000000000021';
      await db(silent).query(
        `INSERT INTO job (id, kind, tenant_id, created_by, status, payload, runner, created_at, started_at, heartbeat_at)
         VALUES ($1, 'later', 'berlin', 'test', 'running', '{}', 454545, $2, $2, now() - interval '5 seconds')`,
        [dead, fixed.now()],
      );
      // Started once the job is claimed, so it sweeps but never runs it.
      const watcher = await startApp('g', { url: own.url, clock: fixed, tuning: { staleAfterMs: 1500 } });
      started.push(watcher);
      const runner = runnerOf(watcher);
      expect(await runner.get(dead, 'berlin')).toMatchObject({
        status: 'interrupted',
        finishedAt: '2030-06-01T10:00:00.000Z',
      });
      // The silent runner still holds its lock: only its job's heartbeat going stale gives it away.
      const job = await runner.waitFor(id, 'berlin', 20_000);
      expect(job).toMatchObject({
        status: 'interrupted',
        rows: 7,
        error: { code: 'Interrupted' },
        createdAt: '2030-06-01T10:00:00.000Z',
        startedAt: '2030-06-01T10:00:00.000Z',
        finishedAt: '2030-06-01T10:00:00.000Z',
      });
      expect(Math.abs(Date.parse(job.heartbeatAt ?? '') - Date.now())).toBeLessThan(60_000);
      g.open();
    } finally {
      for (const app of started.reverse()) await stopApp(app);
      await own.drop();
    }
  });

  /** One query on a connection of its own: the app that owned the database is closed. */
  async function queryOnce(url: string, sql: string, params: unknown[]) {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
});
