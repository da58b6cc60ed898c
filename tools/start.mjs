#!/usr/bin/env node
// `npm start`: builds what is missing or stale (server code with swc in ~2 s, the Angular
// portal once in ~1 min), then runs the embedded platform in this process, so Ctrl-C reaches it
// directly and it stops embedded PostgreSQL cleanly.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => process.stderr.write(`[start] ${msg}\n`);

function newestMtime(dir, accept) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, accept));
    else if (accept(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stampOf = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const isPortal = (p) =>
  p.includes('/apps/portal/') || p.includes('/libs/portal/') || p.includes('/apps/portal-e2e/');
// What tools/build.mjs --server reads: the code swc compiles (a worker is plain JavaScript, the
// form runtime's build script too) and the services' demo fixtures it copies beside it.
const isServerInput = (p) => !isPortal(p) && (/\.(ts|js|cjs)$/.test(p) || p.includes('/api/fixtures/'));
const serverSources = Math.max(
  newestMtime(join(root, 'apps'), isServerInput),
  newestMtime(join(root, 'libs'), isServerInput),
);
const serverStamp = join(root, 'dist/server/.built');
if (stampOf(serverStamp) < serverSources) {
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const portalSources = Math.max(
  newestMtime(join(root, 'apps/portal'), () => true),
  newestMtime(join(root, 'libs/portal'), () => true),
);
const portalIndex = join(root, 'dist/portal/browser/index.html');
if (existsSync(join(root, 'apps/portal/project.json')) && stampOf(portalIndex) < portalSources) {
  log('building the portal (first start or changed sources) …');
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--portal'], {
    cwd: root,
    stdio: 'inherit',
  });
}
log('starting the embedded platform');
createRequire(import.meta.url)(join(root, 'dist/server/apps/platform/src/main.js'));
