#!/usr/bin/env node
// Browser tests of the portal against the real embedded platform (`npm run test:e2e`).
// Starts the platform on a free port with a throw-away data directory and embedded PostgreSQL
// (E2E_DATABASE_URL selects an external database instead), drives Debian's chromium with playwright-core, and stops the platform with
// SIGINT. Any failure — start, test or stop — makes the exit code non-zero.
// E2E_BASE_URL=http://localhost:3000 runs the tests against an already running platform instead;
// E2E_ONLY=<suite>,… runs only the named suites.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './src/browser.mjs';
import { startPlatform } from './src/platform.mjs';
import { evaluationTests } from './src/evaluation.e2e.mjs';
import { indicatorTests } from './src/indicators.e2e.mjs';
import { networkTests } from './src/networks.e2e.mjs';
import { portalTests } from './src/portal.e2e.mjs';
import { programmeTests } from './src/programmes.e2e.mjs';
import { reportTests } from './src/reports.e2e.mjs';
import { surveyTests } from './src/surveys.e2e.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'dist/e2e');
mkdirSync(outDir, { recursive: true });

const context = { baseUrl: process.env.E2E_BASE_URL ?? null, browser: null, outDir, root };
let platform = null;

function ensureBuilt() {
  const missing = ['dist/server/apps/platform/src/main.js', 'dist/portal/browser/index.html'].filter(
    (f) => !existsSync(join(root, f)),
  );
  if (missing.length === 0) return;
  process.stderr.write(`[e2e] missing ${missing.join(', ')} — building (node tools/build.mjs)\n`);
  execFileSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: 'inherit' });
}

describe('portal', { concurrency: false, timeout: 400_000 }, () => {
  before(
    async () => {
      if (!context.baseUrl) {
        ensureBuilt();
        platform = await startPlatform({ root, logFile: join(outDir, 'platform.log') });
        context.baseUrl = platform.baseUrl;
        process.stderr.write(
          `[e2e] platform ready at ${platform.baseUrl} in ${(platform.startupMs / 1000).toFixed(1)} s\n`,
        );
      }
      context.browser = await launchBrowser();
    },
    { timeout: 150_000 },
  );

  after(
    async () => {
      await context.browser?.close();
      if (platform) await platform.stop();
    },
    { timeout: 30_000 },
  );

  // E2E_ONLY=programmes,surveys runs only those suites (while working on one page); the
  // suites do not depend on each other, each starts from the seeded demo.
  const suites = {
    portal: portalTests,
    networks: networkTests,
    surveys: surveyTests,
    indicators: indicatorTests,
    evaluation: evaluationTests,
    programmes: programmeTests,
    reports: reportTests,
  };
  const only = process.env.E2E_ONLY?.split(',').filter(Boolean);
  for (const [name, suite] of Object.entries(suites)) if (!only || only.includes(name)) suite(context);
});

// Ctrl-C on the test run must not leave a platform (and its PostgreSQL) behind.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    Promise.resolve(platform?.stop()).finally(() => process.exit(130));
  });
}
