#!/usr/bin/env node
// Browser tests of the portal against the real embedded platform (`npm run test:e2e`).
// Starts the platform on a free port with a throw-away data directory and embedded PostgreSQL
// (E2E_DATABASE_URL selects an external database instead), drives Debian's chromium with
// playwright-core, and stops the platform with SIGINT. Any failure — start, test or stop — makes
// the exit code non-zero.
// E2E_BASE_URL=http://localhost:3000 runs the tests against an already running platform instead;
// E2E_ONLY=<suite>,… runs only the named suites.
//
// One platform and one browser serve every suite. The suites touch different data, so they run
// side by side, each in its own browser context (a suite that writes what another one reads
// would have to go into a later phase: the programme suite imports values for S2, which no other
// suite reads).
//
// Without the Berlin reference data the platform seeds only Musterstadt: the Berlin suites are
// reported as not run (each test skipped, one line naming the folder) and fail the run under
// CI=true; the Musterstadt suite runs in both modes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './src/browser.mjs';
import { startPlatform } from './src/platform.mjs';
import { evaluationTests } from './src/evaluation.e2e.mjs';
import { indicatorTests } from './src/indicators.e2e.mjs';
import { musterstadtTests } from './src/musterstadt.e2e.mjs';
import { networkTests } from './src/networks.e2e.mjs';
import { portalTests } from './src/portal.e2e.mjs';
import { programmeTests } from './src/programmes.e2e.mjs';
import { reportTests } from './src/reports.e2e.mjs';
import { surveyTests } from './src/surveys.e2e.mjs';
import { tiledMapTests } from './src/tiles.e2e.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'dist/e2e');
mkdirSync(outDir, { recursive: true });

function ensureBuilt() {
  const missing = ['dist/server/apps/platform/src/main.js', 'dist/portal/browser/index.html'].filter(
    (f) => !existsSync(join(root, f)),
  );
  if (missing.length === 0) return;
  process.stderr.write(`[e2e] missing ${missing.join(', ')} — building (node tools/build.mjs)\n`);
  execFileSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: 'inherit' });
}

/**
 * Whether the platform under test has Berlin: a running platform says so in its portal
 * configuration; the platform this run starts inherits our environment, so the reference data
 * resolver answers for it (and the Musterstadt suite checks the About page agrees).
 */
async function berlinData(baseUrl) {
  const reference = createRequire(import.meta.url)(
    join(root, 'dist/server/libs/reference-data/src/index.js'),
  );
  if (baseUrl) {
    const config = await (await fetch(`${baseUrl}/portal-config.json`)).json();
    return { present: config.berlinData !== false };
  }
  const missing = reference.BERLIN_DEMO_FILES.filter(
    (file) => reference.referenceDataPath(file) === undefined,
  );
  return { present: missing.length === 0, notFound: (n) => reference.referenceDataNotFound(missing, n) };
}

if (!process.env.E2E_BASE_URL) ensureBuilt();
const berlin = await berlinData(process.env.E2E_BASE_URL);
const context = {
  baseUrl: process.env.E2E_BASE_URL ?? null,
  browser: null,
  outDir,
  root,
  berlin: berlin.present,
};
let platform = null;
/** Each lane's wall time, printed at the end beside the platform's start. */
const laneSeconds = [];

// E2E_ONLY=programmes,surveys runs only those suites (while working on one page); the suites do
// not depend on each other, each starts from the seeded demo. The lanes run side by side, the
// suites of a lane one after another; lanes are balanced by their suites' durations.
// Four lanes keep two cores busy; a fifth made single pages wait past their timeouts.
// 'tiles' makes a generated city of 3,000 areas Musterstadt's current area version: it runs after
// the Musterstadt suite in the same lane (no other suite reads Musterstadt) rather than on a
// platform of its own, which would cost another start (~15 s) and its own PostgreSQL.
const lanes = [
  ['indicators', 'programmes'],
  ['evaluation', 'reports'],
  ['portal', 'networks'],
  ['surveys', 'musterstadt', 'tiles'],
];
const suites = {
  portal: portalTests,
  networks: networkTests,
  surveys: surveyTests,
  indicators: indicatorTests,
  evaluation: evaluationTests,
  programmes: programmeTests,
  reports: reportTests,
  musterstadt: musterstadtTests,
  tiles: tiledMapTests,
};
const withoutBerlin = new Set(['musterstadt', 'tiles']);
const only = process.env.E2E_ONLY?.split(',').filter(Boolean);
const unknown = (only ?? []).filter((name) => !(name in suites));
if (unknown.length > 0) throw new Error(`E2E_ONLY names unknown suites: ${unknown.join(', ')}`);
const chosen = (name) => !only || only.includes(name);

/**
 * A suite's view of the shared context: the browser contexts it opens are closed when it ends — a
 * page left open (a map, a network drawing) would go on drawing beside the suites still running.
 */
function suiteContext(opened) {
  return {
    get baseUrl() {
      return context.baseUrl;
    },
    browser: {
      async newContext(options) {
        const browserContext = await context.browser.newContext(options);
        opened.push(browserContext);
        return browserContext;
      },
    },
    outDir: context.outDir,
    root: context.root,
    berlin: context.berlin,
  };
}

// Without Berlin every test of a Berlin suite is registered as skipped, so the report counts them.
let notRun = 0;
const skipReason = 'needs the Berlin reference data';
const skipping = (name, options, fn) => {
  notRun++;
  return it(name, { skip: skipReason }, typeof options === 'function' ? options : fn);
};
const notRunLine = () =>
  berlin.notFound?.(`${notRun} browser tests`) ??
  `the platform at ${context.baseUrl} has no Berlin (no reference data): ${notRun} browser tests not run`;

describe('portal', { concurrency: false, timeout: 600_000 }, () => {
  before(
    async () => {
      const browser = launchBrowser();
      try {
        if (!context.baseUrl) {
          platform = await startPlatform({ root, logFile: join(outDir, 'platform.log') });
          context.baseUrl = platform.baseUrl;
          process.stderr.write(
            `[e2e] platform ready at ${platform.baseUrl} in ${(platform.startupMs / 1000).toFixed(1)} s: ${platform.phases()}\n`,
          );
        }
      } finally {
        context.browser = await browser;
      }
    },
    { timeout: 150_000 },
  );

  after(
    async () => {
      if (laneSeconds.length > 0) process.stderr.write(`[e2e] lanes: ${laneSeconds.join(', ')}\n`);
      await context.browser?.close();
      if (platform) await platform.stop();
      if (notRun > 0) process.stderr.write(`\n⚠ ${notRunLine()}\n\n`);
    },
    { timeout: 30_000 },
  );

  describe('side by side', { concurrency: true }, () => {
    for (const lane of lanes) {
      const names = lane.filter(chosen);
      if (names.length === 0) continue;
      describe(names.join(' → '), { concurrency: false }, () => {
        let started;
        before(() => (started = Date.now()));
        after(() => laneSeconds.push(`${names.join(' → ')} ${((Date.now() - started) / 1000).toFixed(1)} s`));
        for (const name of names)
          describe(name, { concurrency: false }, () => {
            const opened = [];
            after(() => Promise.all(opened.map((browserContext) => browserContext.close())));
            suites[name](suiteContext(opened), berlin.present || withoutBerlin.has(name) ? it : skipping);
          });
      });
    }
  });

  // CI must never pass without the Berlin suites by accident.
  if (process.env.CI === 'true')
    it('has the Berlin reference data (CI runs every browser test)', () => {
      if (notRun > 0) throw new Error(notRunLine());
    });
});

// Said before the run starts and again after it, so neither end of the output hides it.
if (notRun > 0) process.stderr.write(`\n⚠ ${notRunLine()}\n\n`);

// Ctrl-C on the test run must not leave a platform (and its PostgreSQL) behind.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    Promise.resolve(platform?.stop()).finally(() => process.exit(130));
  });
}
