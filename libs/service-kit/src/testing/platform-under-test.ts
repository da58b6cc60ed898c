import { DEMO_PASSWORD, requestPasswordGrant } from '@quartier/auth';
import { createTestDatabase, freePort, type TestDatabase } from '@quartier/persistence';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { httpCall } from './http-call';

// Tests of what crosses services (reports gather over HTTP from every other service; the
// programme office's story) run against the whole platform: the compiled embedded platform as a
// child process (as `npm start` runs it) on a fresh database with the demo tenants, real tokens
// from its login provider. A library cannot import the other services' code (module
// boundaries), and need not.

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/server/apps/platform/src/main.js');

export interface Reply {
  status: number;
  headers: Headers;
  body: ReturnType<typeof JSON.parse>;
  bytes: Buffer;
}

export interface PlatformUnderTest {
  baseUrl: string;
  call(method: string, path: string, user: string | null, body?: unknown, type?: string): Promise<Reply>;
  token(user: string): Promise<string>;
  /** A client of the platform's database (the reporting schema and the others). */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  log(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(logFile: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    if (existsSync(logFile) && readFileSync(logFile, 'utf8').includes('Quartier ready at')) return;
    await sleep(500);
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '';
  throw new Error(`the platform did not become ready (exit ${child.exitCode}):\n${tail}`);
}

/** Starts the compiled platform with the demo tenants on a fresh database (about a minute). */
export async function startPlatform(
  env: Record<string, string> = {},
  databasePrefix = 'platform',
): Promise<PlatformUnderTest> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`node tools/build.mjs --server\` first`);
  const database: TestDatabase = await createTestDatabase(databasePrefix);
  const work = mkdtempSync(join(tmpdir(), 'quartier-platform-'));
  const port = await freePort();
  const logFile = join(work, 'platform.log');
  const out = openSync(logFile, 'a');
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: database.url,
    QUARTIER_DATA_DIR: join(work, 'data'),
    QUARTIER_DEMO: 'true',
    QUARTIER_DEV_LOGIN: 'true',
    NODE_ENV: 'production',
    ...env,
  };
  // The in-process bus, in-memory cache and built-in login: the platform as `npm start` runs it.
  for (const name of ['KAFKA_BROKERS', 'REDIS_URL', 'OIDC_ISSUER', 'LOG_LEVEL']) delete childEnv[name];
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv, stdio: ['ignore', out, out] });
  closeSync(out);
  const db = new Client({ connectionString: database.url });
  const stop = async () => {
    await db.end().catch(() => undefined);
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    // "ready" is logged once the demo data is seeded.
    await waitReady(logFile, child, 240_000);
    await db.connect();
  } catch (error) {
    await stop();
    throw error;
  }
  const baseUrl = `http://localhost:${port}`;
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    const cached = tokens.get(user);
    if (cached) return cached;
    const { access_token } = await requestPasswordGrant({
      issuer: `${baseUrl}/oidc`,
      username: user,
      password: DEMO_PASSWORD,
    });
    tokens.set(user, access_token);
    return access_token;
  };
  return {
    baseUrl,
    token,
    async call(method, path, user, body, type = 'application/json') {
      const headers: Record<string, string> = {};
      if (user) headers['authorization'] = `Bearer ${await token(user)}`;
      if (body !== undefined) headers['content-type'] = type;
      const {
        status,
        headers: answered,
        bytes,
      } = await httpCall(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      let parsed: ReturnType<typeof JSON.parse> = undefined;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch {
        // a file, not JSON
      }
      return { status, headers: answered, body: parsed, bytes };
    },
    async sql<T>(text: string, values: unknown[] = []) {
      return (await db.query(text, values)).rows as T[];
    },
    log: () => readFileSync(logFile, 'utf8'),
    stop,
  };
}
