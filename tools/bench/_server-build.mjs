// Benchmarks load the compiled server code in dist/server; one started on its own builds it first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder, which every benchmark reads from and writes its results below. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** Writes a benchmark's result to bench-results/<name>.json (not committed); answers the path. */
export function writeResult(name, result) {
  const file = join(root, 'bench-results', `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/**
 * Runs a benchmark's `main` (with the command-line arguments) when node was started with its file
 * — `moduleUrl` is that file's import.meta.url — and not when run.mjs imports it. A failure prints
 * its stack and ends the process with code 1.
 */
export function runWhenStarted(moduleUrl, main) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}

/** Runs `node tools/build.mjs --server` unless `entry` (a path in the repository) exists. */
export function ensureServerBuilt(entry) {
  if (existsSync(join(root, entry))) return;
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * The compiled service-kit for a part that runs one service on a fresh database of its own
 * (startServiceTestApp), or null when no PostgreSQL server is named (QUARTIER_TEST_ADMIN_DATABASE_URL
 * or DATABASE_URL, e.g. the test infrastructure's).
 */
export function serviceTestKit() {
  const adminUrl = process.env.QUARTIER_TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) return null;
  process.env.QUARTIER_TEST_ADMIN_DATABASE_URL = adminUrl;
  return require(join(root, 'dist/server/libs/service-kit/src/index.js'));
}
