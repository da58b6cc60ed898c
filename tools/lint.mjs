#!/usr/bin/env node
// Code style first (Prettier, on the code: TypeScript and scripts), then import cycles, then
// ESLint. ESLint needs Nx's project graph for @nx/enforce-module-boundaries; computing it first
// makes sure the rule runs instead of being skipped with a warning.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
execFileSync(
  bin('prettier'),
  ['--check', '--log-level', 'warn', 'apps/**/*.{ts,mjs}', 'libs/**/*.{ts,mjs}', 'tools/**/*.{ts,mjs,cjs}'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// No two source files import each other, directly or around a loop (type-only imports too).
execFileSync(process.execPath, [join(root, 'tools/import-cycles/check.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
execFileSync(bin('nx'), ['show', 'projects'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(
  bin('eslint'),
  ['.', '--max-warnings', '0', '--cache', '--cache-location', 'node_modules/.cache/eslint/'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
