#!/usr/bin/env node
// Writes the portal's generated API types (libs/portal/data-access/src/generated/<service>.ts)
// and each OpenAPI document (dist/openapi/<service>.json) from the compiled services in
// dist/server — no server is started and no database is touched. `--check` writes nothing and
// exits 1 naming every stale file. Run by tools/build.mjs before the portal build.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceDocuments } from './documents.mjs';
import { clientTypes, GENERATED_DIR } from './types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const check = process.argv.includes('--check');
const log = (msg) => process.stderr.write(`[openapi] ${msg}\n`);

const server = join(root, 'dist/server');
if (!existsSync(join(server, '.built'))) {
  log('dist/server is missing: run `node tools/build.mjs --server` first');
  process.exit(2);
}
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { PLATFORM_SERVICES } = require(join(server, 'libs/platform-services/src/index.js'));
const kit = {
  ...require(join(server, 'libs/service-kit/src/index.js')),
  ...require(join(server, 'libs/auth/src/index.js')),
};

const started = Date.now();
const documents = await serviceDocuments(PLATFORM_SERVICES, kit);
const clients = await clientTypes(documents);
const stale = clients.filter(
  (c) => !existsSync(join(root, c.file)) || readFileSync(join(root, c.file), 'utf8') !== c.content,
);
if (check) {
  for (const c of stale) log(`stale: ${c.file}`);
  if (stale.length > 0) {
    log('run `node tools/build.mjs --server && node tools/openapi/generate.mjs` and commit the result');
    process.exit(1);
  }
  log(`${clients.length} generated clients are up to date`);
  process.exit(0);
}
mkdirSync(join(root, GENERATED_DIR), { recursive: true });
mkdirSync(join(root, 'dist/openapi'), { recursive: true });
for (const { service, document } of documents)
  writeFileSync(join(root, 'dist/openapi', `${service}.json`), `${JSON.stringify(document, null, 2)}\n`);
for (const c of stale) writeFileSync(join(root, c.file), c.content);
// A service that left the platform leaves no types behind.
const known = new Set(clients.map((c) => c.file));
for (const name of readdirSync(join(root, GENERATED_DIR))) {
  const file = `${GENERATED_DIR}/${name}`;
  if (!known.has(file) && name.endsWith('.ts')) rmSync(join(root, file));
}
log(
  `${clients.length} services, ${stale.length} file(s) rewritten in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
// Nest's preview application may leave timers behind; the work is done.
process.exit(0);
