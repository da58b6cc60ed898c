// Starts the embedded platform (apps/platform) as a child process on a free port with its own
// data directory, and stops it the way an operator does (SIGINT → clean shutdown). The browser
// tests, the fuzz suite and the benchmarks start it so.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`platform exited with code ${child.exitCode} before it became healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`platform not healthy after ${timeoutMs / 1000} s (${lastError})`);
}

/**
 * `env` is laid over the platform's environment last (a variable given as undefined is left
 * out); `nodeArgs` go to its node (e.g. `--cpu-prof`, whose profile the SIGINT stop lets it write).
 * @param {{ root: string, logFile: string, startTimeoutMs?: number, name?: string,
 *   nodeArgs?: string[], env?: Record<string, string | undefined> }} options
 * @returns {Promise<{ baseUrl: string, pid: number, startupMs: number, phases: () => string, stop: () => Promise<void> }>}
 */
export async function startPlatform({
  root,
  logFile,
  startTimeoutMs = 120_000,
  name = 'e2e',
  nodeArgs = [],
  env: overrides = {},
}) {
  const main = join(root, 'dist/server/apps/platform/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing — run \`node tools/build.mjs\` first`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `quartier-${name}-`));
  // mkdtemp makes the directory private (0700); embedded PostgreSQL runs initdb as the
  // `postgres` user when we are root, which must be able to reach its data directory inside.
  chmodSync(dataDir, 0o755);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  // The data directory goes when the run ends: its PostgreSQL need not wait for the disk.
  const env = {
    ...process.env,
    PORT: String(port),
    QUARTIER_DATA_DIR: dataDir,
    QUARTIER_DATA_THROWAWAY: 'true',
    NODE_ENV: 'production',
  };
  // Keep external components only when explicitly configured for the whole test run.
  // The database too: the tests' DATABASE_URL is shared with other runs, while the e2e run needs
  // a fresh demo — and proves the embedded PostgreSQL start and clean stop on the way.
  // E2E_DATABASE_URL opts into an external database on purpose.
  for (const name of ['KAFKA_BROKERS', 'REDIS_URL', 'OIDC_ISSUER', 'DATABASE_URL']) delete env[name];
  // An external database gets neither the demo login nor the demo data unless asked for by name.
  if (process.env.E2E_DATABASE_URL)
    Object.assign(env, {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      QUARTIER_DEV_LOGIN: 'true',
      QUARTIER_DEMO: 'true',
    });
  Object.assign(env, overrides);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const baseUrl = `http://localhost:${port}`;
  const started = Date.now();
  try {
    await waitForHealth(`${baseUrl}/api/registry/health`, child, startTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${error.message}; see ${logFile}`);
  }
  const startupMs = Date.now() - started;
  const phases = () => startupPhases(logFile, started, started + startupMs);

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const { code, signal } = await exited;
      clearTimeout(timer);
      if (signal === 'SIGKILL') throw new Error('platform did not stop within 20 s of SIGINT (killed)');
      if (code !== 0 && code !== 130 && signal !== 'SIGINT')
        throw new Error(`platform stopped with exit code ${code}`);
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { baseUrl, pid: child.pid, startupMs, phases, stop };
}

/**
 * Where the platform's start went, read off its log: loading the code, the embedded PostgreSQL
 * (initdb and start), the application with its migrations, and the demo seeds (each service's
 * seed from its own start, so side-by-side seeds add up to more than the seeding's wall time).
 */
function startupPhases(logFile, spawnedAt, readyAt) {
  const at = new Map();
  const seeds = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const time = Date.parse(entry.time);
    if (!at.has('first')) at.set('first', time);
    if (typeof entry.msg !== 'string') continue;
    if (
      entry.msg.startsWith('initialising embedded PostgreSQL') ||
      entry.msg.startsWith('starting embedded PostgreSQL')
    )
      at.set('postgres', at.get('postgres') ?? time);
    else if (entry.msg === 'Starting Nest application...') at.set('nest', time);
    else if (entry.msg === 'Nest application successfully started') at.set('nestReady', time);
    else if (/^demo: \S+ seed done$/.test(entry.msg))
      seeds.push(`${entry.service} ${entry.seconds.toFixed(1)}`);
    else if (entry.msg === 'demo data ready') at.set('seeded', time);
  }
  const span = (from, to) =>
    at.has(from) && (to === 'ready' || at.has(to))
      ? (((to === 'ready' ? readyAt : at.get(to)) - at.get(from)) / 1000).toFixed(1)
      : '?';
  const parts = [`loading ${((at.get('first') - spawnedAt) / 1000).toFixed(1)} s`];
  if (at.has('postgres')) parts.push(`PostgreSQL ${span('postgres', 'nest')} s`);
  parts.push(`application and migrations ${span('nest', 'nestReady')} s`);
  if (at.has('seeded')) parts.push(`demo seeds ${span('nestReady', 'seeded')} s (${seeds.join(', ')})`);
  return parts.join(', ');
}
