#!/usr/bin/env node
// Builds what is missing or stale: server code with swc (decorator metadata for Nest, path
// aliases rewritten to relative requires) into dist/server, with the public survey form's script
// (esbuild) beside it, and the Angular portal into dist/portal. `--server` / `--portal` build
// only that side. Progress goes to stderr.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { writePatchedWorker } from './vendor/maplibre-worker.mjs';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const bin = (name) => join(root, 'node_modules/.bin', name);
const log = (msg) => process.stderr.write(`[build] ${msg}\n`);

/**
 * .swcrc plus the path aliases of tsconfig.base.json — the one place aliases are declared
 * (Jest reads them from there too), so a new library is one line, not three.
 */
function swcConfig() {
  const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  swcrc.jsc = { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths };
  const file = join(root, 'dist/swcrc.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(swcrc));
  return file;
}

async function buildServer() {
  const started = Date.now();
  log('compiling server code (swc) → dist/server');
  // Compiled beside dist/server and moved there whole: a platform started from dist/server while
  // this runs (an integration test's, another checkout user's) finds the previous build complete
  // instead of half deleted (MODULE_NOT_FOUND).
  const next = join(root, `dist/.server-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  try {
    compileServer(next);
    copyServiceFixtures(next);
    await buildFormRuntime(next);
    // tools/start.mjs compares this stamp with the sources to decide whether to rebuild.
    writeFileSync(join(next, '.built'), new Date().toISOString());
    replaceDirectory(next, join(root, 'dist/server'));
  } finally {
    rmSync(next, { recursive: true, force: true });
  }
  log(`server compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function compileServer(out) {
  const config = swcConfig();
  execFileSync(
    bin('swc'),
    [
      'apps',
      'libs',
      '-d',
      relative(root, out),
      '--config-file',
      config,
      '--ignore',
      '**/*.spec.ts,**/*.int-spec.ts,apps/portal/**,apps/portal-e2e/**,libs/portal/**,libs/survey/form-runtime/**',
      '--quiet',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * Puts `next` where `target` is: `target` is missing for the instant between two renames, not
 * for the length of a build. Should another build move its own in within that instant, this one
 * replaces it.
 */
function replaceDirectory(next, target) {
  const previous = `${next}-previous`;
  for (;;) {
    if (existsSync(target)) renameSync(target, previous);
    try {
      renameSync(next, target);
      break;
    } catch (error) {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      rmSync(previous, { recursive: true, force: true });
    }
  }
  rmSync(previous, { recursive: true, force: true });
}

/**
 * The services' own data files (libs/<domain>/api/fixtures: demo content) next to the compiled
 * code, where the seeders read them (`join(__dirname, '../../fixtures/…')`), so the built server
 * and the image seed without the sources.
 */
function copyServiceFixtures(server) {
  for (const domain of readdirSync(join(root, 'libs'))) {
    const fixtures = join(root, 'libs', domain, 'api/fixtures');
    if (existsSync(fixtures))
      cpSync(fixtures, join(server, 'libs', domain, 'api/fixtures'), { recursive: true });
  }
}

/**
 * The public survey form's script: browser code, bundled with esbuild by its library's build
 * script to where the survey service reads it (libs/survey/api/src/public/form-runtime-script.ts).
 */
async function buildFormRuntime(server) {
  const { buildFormRuntime } = createRequire(import.meta.url)('../libs/survey/form-runtime/build.cjs');
  const bytes = await buildFormRuntime(join(server, 'libs/survey/form-runtime/form-runtime.js'));
  log(`public form script bundled (esbuild, ${(bytes / 1024).toFixed(1)} KB)`);
}

function buildPortal() {
  if (!existsSync(join(root, 'apps/portal/project.json'))) return;
  const started = Date.now();

  log('building the portal (Angular) → dist/portal — this takes a minute on first start');
  execFileSync(bin('nx'), ['run', 'portal:build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  log(`portal built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The portal's API types from every service's OpenAPI document (tools/openapi/generate.mjs, no
 * server needed). Under CI they are only checked: committed types that are stale fail the build.
 */
function generateClients() {
  execFileSync(
    process.execPath,
    [join(root, 'tools/openapi/generate.mjs'), ...(process.env.CI ? ['--check'] : [])],
    {
      cwd: root,
      stdio: ['ignore', 2, 2],
    },
  );
}

// The portal's assets take MapLibre's worker from node_modules/.quartier-vendor (see
// tools/vendor/maplibre-worker.mjs); written on every build, the server-only one that `npm
// install` runs included, so `nx run portal:build` and `portal:serve` find it too.
writePatchedWorker();
if (!args.has('--portal')) await buildServer();
if (!args.has('--server')) {
  generateClients();
  buildPortal();
}
