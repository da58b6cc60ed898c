// Benchmarks load the compiled server code in dist/server; one started on its own builds it first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `node tools/build.mjs --server` unless `entry` (a path in the repository) exists. */
export function ensureServerBuilt(entry) {
  if (existsSync(join(root, entry))) return;
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
