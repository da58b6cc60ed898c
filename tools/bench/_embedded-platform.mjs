// The embedded platform in a child process on a throw-away data directory, for benchmarks that
// measure it through its real HTTP APIs. No reference data (an empty folder): only the generated
// demo city is seeded, so nothing depends on third-party files.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform as startChildPlatform } from '../../apps/portal-e2e/src/platform.mjs';
import { root } from './_server-build.mjs';

/** Resident and peak memory of a process in MiB, from /proc (Linux). */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rssMiB: Math.round(field('VmRSS')), peakMiB: Math.round(field('VmHWM')) };
}

/**
 * The platform's garbage collections so far and its used heap, from its metrics (prom-client's
 * `nodejs_gc_duration_seconds`, one process for every service): a step whose time jumps between
 * runs is often one that a major collection of the whole heap fell into.
 */
export async function collectionsOf(url) {
  const text = await (await fetch(`${url}/api/indicator/metrics`)).text();
  const of = (kind, part) =>
    Number(
      new RegExp(`^nodejs_gc_duration_seconds_${part}\\{kind="${kind}"\\} (\\S+)`, 'm').exec(text)?.[1] ?? 0,
    );
  const heap = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? 0);
  return {
    major: of('major', 'count'),
    majorMs: of('major', 'sum') * 1000,
    minor: of('minor', 'count'),
    minorMs: of('minor', 'sum') * 1000,
    heapMiB: Math.round(heap / 2 ** 20),
  };
}

/** What `collectionsOf` counted between two readings, with the heap used before. */
export function collectionsBetween(before, after) {
  return {
    heapBeforeMiB: before.heapMiB,
    major: after.major - before.major,
    majorMs: Number((after.majorMs - before.majorMs).toFixed(1)),
    minor: after.minor - before.minor,
    minorMs: Number((after.minorMs - before.minorMs).toFixed(1)),
  };
}

/**
 * CPU seconds (user + system) the platform has used so far: the process and every process below
 * it — the embedded PostgreSQL server and its backends —, with the children that have ended
 * (cutime/cstime). On a shared machine wall times follow the load; CPU time measures the work.
 */
export function cpuSecondsOf(rootPid) {
  const stats = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may contain spaces and parentheses: fields start after the last ')'.
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: fields.slice(11, 15).reduce((a, f) => a + Number(f), 0),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  let ticks = 0;
  const inTree = (pid) => {
    for (let p = pid, guard = 0; p > 1 && guard < 64; p = stats.get(p)?.ppid ?? 0, guard++)
      if (p === rootPid) return true;
    return false;
  };
  for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks;
  return ticks / 100;
}

/**
 * Starts `dist/server/apps/platform/src/main.js` as the browser tests do (apps/portal-e2e), but as
 * `npm start` runs it: a durable cluster and this process's NODE_ENV, so what is measured is what
 * a city runs. `nodeArgs` go to the child's node (e.g. `--cpu-prof`). With `referenceData` the
 * platform reads the reference data folder this process is configured with (so Berlin is seeded,
 * which takes longer: `readyTimeoutMs`); without, an empty folder.
 */
export async function startPlatform({
  nodeArgs = [],
  name = 'bench',
  referenceData = false,
  readyTimeoutMs = 600_000,
} = {}) {
  // The platform's log and the empty reference folder; its data directory is the starter's.
  const work = mkdtempSync(join(tmpdir(), `quartier-${name}-work-`));
  const logFile = join(work, 'platform.log');
  const emptyReference = referenceData ? null : join(work, 'no-reference');
  if (emptyReference) mkdirSync(emptyReference);
  let platform;
  try {
    platform = await startChildPlatform({
      root,
      logFile,
      startTimeoutMs: readyTimeoutMs,
      name,
      nodeArgs,
      env: {
        QUARTIER_DATA_THROWAWAY: process.env.QUARTIER_DATA_THROWAWAY,
        NODE_ENV: process.env.NODE_ENV,
        ...(emptyReference ? { QUARTIER_REFERENCE_DATA: emptyReference } : {}),
      },
    });
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  const log = () => readFileSync(logFile, 'utf8');
  const stop = async () => {
    try {
      await platform.stop();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };
  // The embedded cluster's port is chosen at start and said in the platform's log.
  const databaseUrl = () => {
    const databasePort = /embedded PostgreSQL on port (\d+)/.exec(log())?.[1];
    if (databasePort === undefined) throw new Error('the platform did not say its embedded PostgreSQL port');
    return `postgres://postgres:postgres@127.0.0.1:${databasePort}/quartier`;
  };
  return { url: platform.baseUrl, pid: platform.pid, stop, log, databaseUrl };
}

/**
 * Waits for a job (`path` answers its state) to end, asking every `intervalMs`, or with `longPoll`
 * through the `?wait=30` long poll the value import offers (the answer comes when the job has
 * ended, or after 30 s). Throws when it failed, was cancelled or interrupted.
 */
export async function waitForJob(call, path, { intervalMs = 100, longPoll = false } = {}) {
  for (;;) {
    const job = await call('GET', longPoll ? `${path}?wait=30` : path);
    if (['failed', 'cancelled', 'interrupted'].includes(job.status))
      throw new Error(
        `${path}: ${job.status} ${job.message ?? JSON.stringify(job.errors ?? job.error ?? '')}`,
      );
    if (['done', 'succeeded'].includes(job.status)) return job;
    if (!longPoll) await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * What PostgreSQL's own housekeeping is doing: autovacuum workers at work and whether the
 * checkpointer is writing. Neither shows much CPU (a checkpoint mostly writes, autovacuum sleeps
 * in its cost delay), yet both slow what runs beside them: a checkpoint in progress makes every
 * first change of a page log the whole page.
 */
export async function housekeepingOf(databaseUrl) {
  return withDatabase(databaseUrl, async (db) => {
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE backend_type = 'autovacuum worker')::int AS autovacuum,
              bool_or(backend_type = 'checkpointer' AND wait_event IS DISTINCT FROM 'CheckpointerMain') AS checkpointing,
              (SELECT num_timed FROM pg_stat_checkpointer)::int AS timed,
              (SELECT num_requested FROM pg_stat_checkpointer)::int AS requested
         FROM pg_stat_activity`,
    );
    const [row] = rows;
    return {
      autovacuum: row.autovacuum,
      checkpointing: row.checkpointing === true,
      // Checkpoints so far (PostgreSQL 17+): requested ones mean the WAL outgrew max_wal_size.
      checkpoints: { timed: row.timed, requested: row.requested },
    };
  });
}

/** Has the checkpoint in progress (or a new one) written at full speed; returns when it is done. */
export async function checkpoint(databaseUrl) {
  await withDatabase(databaseUrl, (db) => db.query('CHECKPOINT'));
}

async function withDatabase(databaseUrl, work) {
  const pg = createRequire(import.meta.url)('pg');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** A demo user's bearer token by the CLI client's password grant (the compiled auth library, as `quartier token`). */
export async function token(url, username) {
  const { DEMO_PASSWORD, requestPasswordGrant } = createRequire(import.meta.url)(
    join(root, 'dist/server/libs/auth/src/index.js'),
  );
  // A platform under a benchmark's load may answer slower than the library's 5 s default.
  const grant = await requestPasswordGrant({
    issuer: `${url}/oidc`,
    username,
    password: DEMO_PASSWORD,
    timeoutMs: 30_000,
  });
  return grant.access_token;
}

/**
 * A JSON client for one user (and, for the platform administrator, one tenant). `raw` returns
 * the response with its body as bytes, for sizes and binary formats.
 */
export function client(url, bearer, tenant) {
  const headers = (extra) => ({
    authorization: `Bearer ${bearer}`,
    ...(tenant ? { 'x-quartier-tenant': tenant } : {}),
    ...extra,
  });
  // `body` may be a function that makes the body (a fresh file stream), so a request can go again.
  const raw = async (method, path, body, extra = {}) => {
    let response;
    for (let attempt = 1; ; attempt++) {
      const payload = typeof body === 'function' ? body() : body;
      try {
        response = await fetch(`${url}${path}`, {
          method,
          headers: headers(extra),
          body: payload,
          ...(payload && typeof payload.pipe === 'function' ? { duplex: 'half' } : {}),
        });
        break;
      } catch (error) {
        // A kept-alive socket that the server closed after idling (5 s) while the benchmark
        // generated the next city: nothing reached the server, so the request may go again —
        // as long as its body can be made again. Depending on timing the close shows as the
        // socket ending (UND_ERR_SOCKET) or as a reset of the request just written (ECONNRESET).
        const stale = ['UND_ERR_SOCKET', 'ECONNRESET'].includes(error?.cause?.code);
        const repeatable = method === 'GET' || typeof body === 'function' || typeof body === 'string';
        if (!stale || !repeatable || attempt >= 3) throw error;
      }
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes };
  };
  const call = async (method, path, body, contentType = 'application/json') => {
    const payload =
      body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body;
    const response = await raw(
      method,
      path,
      payload,
      body === undefined ? {} : { 'content-type': contentType },
    );
    const text = response.bytes.toString('utf8');
    if (response.status >= 400)
      throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
  call.raw = raw;
  // fetch decodes gzip and a body sent without Content-Length (chunked) tells nothing of its size
  // on the wire: this GET counts the bytes as they arrive, still encoded — what a browser transfers.
  call.wire = (path, extra = {}) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(`${url}${path}`, { headers: headers(extra) }, (response) => {
        let wireBytes = 0;
        response.on('data', (chunk) => (wireBytes += chunk.length));
        response.on('end', () =>
          resolve({ status: response.statusCode, headers: response.headers, wireBytes }),
        );
        response.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  return call;
}

export function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
