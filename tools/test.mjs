#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest.
// build → lint (incl. Nx module boundaries) → typecheck → unit + integration (Jest) → e2e.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const only = process.argv.slice(2);
const steps = [
  ['build', process.execPath, [join(root, 'tools/build.mjs')]],
  ['lint', process.execPath, [join(root, 'tools/lint.mjs')]],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  // Tests within a file run shuffled, so none may rely on what an earlier one left behind. The seed
  // is fixed so that CI is repeatable; JEST_SEED=<n> npm test -- jest tries another order.
  [
    'jest',
    bin('jest'),
    [
      '-c',
      'jest.config.cjs',
      '--maxWorkers=2',
      '--ci',
      '--randomize',
      `--seed=${process.env.JEST_SEED ?? 29}`,
    ],
  ],
  ['fuzz', process.execPath, [join(root, 'tools/fuzz/run.mjs')]],
  ['portal-unit', bin('nx'), ['run', 'portal:test', '--skip-nx-cache']],
  ['e2e', process.execPath, [join(root, 'apps/portal-e2e/run.mjs')]],
];

const timings = [];
for (const [name, command, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  process.stderr.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds}s`);
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${name} failed after ${seconds}s (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}
process.stderr.write(`\n✔ all checks passed: ${timings.join(', ')}\n`);
