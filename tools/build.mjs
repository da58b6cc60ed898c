#!/usr/bin/env node
// Builds what is missing or stale: server code with swc (decorator metadata for Nest, path
// aliases rewritten to relative requires) into dist/server, and the Angular portal into
// dist/portal. `--server` / `--portal` build only that side. Progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const bin = (name) => join(root, 'node_modules/.bin', name);
const log = (msg) => process.stderr.write(`[build] ${msg}\n`);

function buildServer() {
  const started = Date.now();
  log('compiling server code (swc) → dist/server');
  rmSync(join(root, 'dist/server'), { recursive: true, force: true });
  execFileSync(
    bin('swc'),
    [
      'apps',
      'libs',
      '-d',
      'dist/server',
      '--config-file',
      '.swcrc',
      '--ignore',
      '**/*.spec.ts,**/*.int-spec.ts,apps/portal/**,apps/portal-e2e/**,libs/portal/**',
      '--quiet',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // tools/start.mjs compares this stamp with the sources to decide whether to rebuild.
  writeFileSync(join(root, 'dist/server/.built'), new Date().toISOString());
  log(`server compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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

if (!args.has('--portal')) buildServer();
if (!args.has('--server')) buildPortal();
