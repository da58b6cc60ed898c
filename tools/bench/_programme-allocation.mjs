#!/usr/bin/env node
// Micro-benchmark of the need-based allocation (issue 11: 10,000 areas well under 50 ms), from
// the compiled @quartier/programme-core in dist/server.
//   node tools/bench/programme-allocation.mjs     (npm run bench -- programme-allocation)
// Seeded needs (mulberry32), budget 25 M € in cents with floor and cap so both bind, unit 1 ct.
// Reports the median and p95 of 50 timed runs after 10 warm-up runs, and a cold first run.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { seededRandom } from '../seeded-random.mjs';
import { quantile } from './_embedded-platform.mjs';
import { ensureServerBuilt, root, runWhenStarted } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const AREAS = 10_000;
const WARM_UP = 10;
const RUNS = 50;

export default async function run() {
  const entry = 'dist/server/libs/programme/core/src/index.js';
  ensureServerBuilt(entry);
  const { allocateByNeed } = require(join(root, entry));
  const random = seededRandom(20261204);
  // Needs shaped like a status index: mostly around 1, a long tail, some zeros.
  const areas = Array.from({ length: AREAS }, (_, i) => ({
    area: String(i).padStart(8, '0'),
    need: random() < 0.05 ? 0 : Math.round(Math.exp(random() * 2) * 1000) / 1000,
  }));
  const input = { areas, budget: 2_500_000_000, floor: 50_000, cap: 400_000, unit: 1 };

  let started = performance.now();
  let result = allocateByNeed(input);
  const coldMs = performance.now() - started;
  for (let i = 0; i < WARM_UP; i++) allocateByNeed(input);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    result = allocateByNeed(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const measurements = {
    areas: AREAS,
    coldMs: Number(coldMs.toFixed(2)),
    medianMs: Number(quantile(times, 0.5).toFixed(2)),
    p95Ms: Number(quantile(times, 0.95).toFixed(2)),
    allocatedEqualsBudget: result.allocated === input.budget,
    onFloor: result.areas.filter((a) => a.bound === 'floor').length,
    onCap: result.areas.filter((a) => a.bound === 'cap').length,
    remainderUnits: result.remainderUnits,
    target: '< 50 ms',
  };
  process.stderr.write(
    `allocation of ${AREAS} areas: cold ${measurements.coldMs} ms, median ${measurements.medianMs} ms, p95 ${measurements.p95Ms} ms ` +
      `(${measurements.onFloor} on the floor, ${measurements.onCap} on the cap, ${measurements.remainderUnits} remainder cents)\n`,
  );
  if (!measurements.allocatedEqualsBudget) throw new Error('allocation does not sum to the budget');
  return measurements;
}

runWhenStarted(import.meta.url, async () =>
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`),
);
