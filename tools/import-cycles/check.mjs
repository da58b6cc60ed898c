#!/usr/bin/env node
// Fails when source files import each other in a loop (run by tools/lint.mjs; see import-cycles.mjs).
// `node tools/import-cycles/check.mjs [workspace folder]`: the repository's by default.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImportCycles } from './import-cycles.mjs';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../..');
const cycles = findImportCycles(root);
for (const { files, loop } of cycles) {
  process.stderr.write(`import cycle: ${loop.join(' → ')}\n`);
  if (files.length > loop.length - 1)
    process.stderr.write(`  (files that all reach one another: ${files.join(', ')})\n`);
}
if (cycles.length > 0) {
  process.stderr.write(
    `${cycles.length} import cycle(s). Give what the files share to the file that owns it, or keep ` +
      'compile-time checks apart (docs/architecture.md §8).\n',
  );
  process.exit(1);
}
