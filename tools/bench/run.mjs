#!/usr/bin/env node
// `npm run bench [-- <name> …]`: runs the benchmarks in tools/bench/<name>.mjs (all when none is
// named), each exporting `default async function run()` that returns its measurements. Writes
// bench-results/<name>.json per benchmark and bench-results/summary.json, and prints a table.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { root, writeResult } from './_server-build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .map((f) => f.slice(0, -4))
  .sort();
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : available;

// Benchmarks import compiled code; build it first so numbers are of the current sources.
execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { cwd: root, stdio: 'inherit' });

const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
};
const summary = { startedAt: new Date().toISOString(), machine, results: {} };
let failed = false;
for (const name of names) {
  process.stderr.write(`\n▶ bench ${name}\n`);
  const started = Date.now();
  try {
    const module = await import(pathToFileURL(join(here, `${name}.mjs`)).href);
    const result = await module.default();
    summary.results[name] = { seconds: (Date.now() - started) / 1000, result };
    if (!existsSync(join(root, 'bench-results', `${name}.json`))) {
      writeResult(name, { machine, result });
    }
  } catch (error) {
    failed = true;
    summary.results[name] = { error: error instanceof Error ? error.message : String(error) };
    process.stderr.write(`✖ ${name}: ${error instanceof Error ? error.stack : error}\n`);
  }
}
writeResult('summary', summary);
process.stderr.write(`\nresults in bench-results/ (${names.join(', ')})\n`);
process.exit(failed ? 1 : 0);
