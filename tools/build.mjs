#!/usr/bin/env node
// Builds what is missing or stale: server code with swc (decorator metadata for Nest, path
// aliases rewritten to relative requires) into dist/server, and the Angular portal into
// dist/portal. `--server` builds only the server side. Progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
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
    ['apps', 'libs', '-d', 'dist/server', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,apps/portal/**,apps/portal-e2e/**,libs/portal/**', '--quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  log(`server compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function buildPortal() {
  if (!existsSync(join(root, 'apps/portal/project.json'))) return;
  const started = Date.now();
  log('building the portal (Angular) → dist/portal — this takes a minute on first start');
  execFileSync(bin('nx'), ['run', 'portal:build', '--skip-nx-cache=false'], { cwd: root, stdio: ['ignore', 2, 2] });
  log(`portal built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

buildServer();
if (!args.has('--server')) buildPortal();
