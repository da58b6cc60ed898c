import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Integration tests (platform-crash, platform-metrics, the story, reports) and `npm start` run the
// compiled platform from dist/server, and a build may run meanwhile (a test building what is
// missing, a second terminal). A platform started or restarted then must find a whole build, not
// one half deleted (MODULE_NOT_FOUND): the build compiles beside dist/server and moves it there.

const ROOT = resolve(__dirname, '..');
const SERVER = join(ROOT, 'dist/server');
const MAIN = join(SERVER, 'apps/platform/src/main.js');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function buildServer(): { pid: number; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(ROOT, 'tools/build.mjs'), '--server'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return { pid: child.pid as number, exited: new Promise((r) => child.once('exit', r)) };
}

describe('tools/build.mjs --server', () => {
  beforeAll(async () => {
    if (!existsSync(MAIN)) expect(await buildServer().exited).toBe(0);
  }, 120_000);

  it('keeps the previous build in dist/server whole until the new one replaces it', async () => {
    const build = buildServer();
    let running = true;
    void build.exited.then(() => (running = false));
    let probes = 0;
    const missing: number[] = [];
    while (running) {
      probes += 1;
      if (!existsSync(MAIN) || !existsSync(join(SERVER, '.built'))) missing.push(probes);
      await sleep(5);
    }
    expect(await build.exited).toBe(0);
    // Between its two renames dist/server is gone for some microseconds; a probe may land there
    // once. The old build deleted it for the whole compile: hundreds of probes found nothing.
    expect(missing.length).toBeLessThanOrEqual(1);
    expect(probes).toBeGreaterThan(20);
    expect(existsSync(MAIN)).toBe(true);
    // Nothing of it left beside dist/server.
    const own = join(ROOT, `dist/.server-${build.pid}`);
    expect([existsSync(own), existsSync(`${own}-previous`)]).toEqual([false, false]);
  }, 120_000);
});
