#!/usr/bin/env node
// Fuzz suite (`npm test` step `fuzz`, or `node tools/fuzz/run.mjs`): starts the embedded platform
// from dist/server with a throwaway data directory, replays the hostile inputs of issue 10 and
// generates more from every service's OpenAPI document, and fails on any 5xx, any broken
// connection, a process that stops answering, or a /health/live answer held up over 500 ms by
// the platform's own event loop (see watchdog.mjs).
// Seeded (FUZZ_SEED), bounded (FUZZ_BUDGET_SECONDS for the generated requests).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '../../apps/portal-e2e/src/platform.mjs';
import { demoTokens, harvestIds, send } from './client.mjs';
import { casesFor } from './generate.mjs';
import { operationsOf } from './openapi.mjs';
import { createRandom } from './prng.mjs';
import { REPLAY } from './replay.mjs';
import { startWatchdog } from './watchdog.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const seed = Number(process.env.FUZZ_SEED ?? 20261204);
const budgetMs = Number(process.env.FUZZ_BUDGET_SECONDS ?? 75) * 1000;
// The whole suite, platform start and stop included, stays within three minutes in CI.
const suiteDeadline = Date.now() + Number(process.env.FUZZ_SUITE_SECONDS ?? 180) * 1000;
const LIVENESS_LIMIT_MS = 500;
const CONCURRENCY = 3;
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 3);
const log = (message) => process.stderr.write(`[fuzz] ${message}\n`);

function compiled(path) {
  return createRequire(import.meta.url)(join(root, 'dist/server', path));
}

/**
 * Who the replays and the generated requests act as. Without Berlin's reference data the Berlin
 * demo tenant is empty (nothing to submit to, import into or export), so `admin` is then
 * Musterstadt's admin, whose generated city has areas, indicators, a survey and a network; the
 * scoped and reading roles stay Berlin's and are refused or find nothing, which is still tested.
 */
function demoUsers() {
  const reference = compiled('libs/reference-data/src/index.js');
  const berlin = reference.referenceDataWith(reference.BERLIN_DEMO_FILES) !== undefined;
  if (!berlin) log('Berlin reference data not found: acting as musterstadt-admin');
  return {
    admin: berlin ? 'admin' : 'musterstadt-admin',
    planer: 'planer',
    analyst: 'analyst',
    viewer: 'viewer',
  };
}

async function documents(baseUrl) {
  const { PLATFORM_SERVICES } = compiled('libs/platform-services/src/index.js');
  const docs = [];
  for (const { name } of PLATFORM_SERVICES) {
    const response = await fetch(`${baseUrl}/api/${name}/docs-json`);
    if (response.status !== 200) throw new Error(`/api/${name}/docs-json answered ${response.status}`);
    docs.push({ service: name, doc: await response.json() });
  }
  return docs;
}

/** Set-up steps get three tries: a platform that has just become healthy may still be seeding. */
async function settled(what, step) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt === 3) throw new Error(`${what}: ${describe(error)}`);
      log(`${what}: ${describe(error)}; trying again`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

function describe(error) {
  const cause = error?.cause ? ` (${error.cause.code ?? error.cause.message ?? error.cause})` : '';
  return `${error?.message ?? error}${cause}`;
}

/** Requests on their way, for the watchdog's reports. */
const inFlight = new Set();

/** Runs `cases` CONCURRENCY at a time until done or the budget is spent; returns failures and count. */
async function attack(baseUrl, tokens, cases, deadline) {
  const failures = [];
  const statuses = {};
  let sent = 0;
  let next = 0;
  const worker = async () => {
    while (next < cases.length && Date.now() < deadline) {
      const c = cases[next++];
      const label = `${c.method.toUpperCase()} ${c.template} [${c.name}]`;
      inFlight.add(label);
      const reply = await send(baseUrl, tokens, c);
      inFlight.delete(label);
      sent++;
      const status = reply.status ?? 'no answer';
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (reply.status === null || reply.status >= 500)
        failures.push(
          `${reply.status ?? reply.error} ${c.method.toUpperCase()} ${c.template} [${c.name}] as ${c.user ?? 'anonymous'}: ${reply.text.slice(0, 160)}`,
        );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { failures, sent, skipped: cases.length - sent, statuses };
}

async function fuzz(platform) {
  const { baseUrl } = platform;
  const started = Date.now();
  const tokens = await settled('demo tokens', () => demoTokens(root, baseUrl, demoUsers()));
  const docs = await settled('OpenAPI documents', () => documents(baseUrl));
  const watchdog = startWatchdog(
    baseUrl,
    docs.map((d) => d.service),
    LIVENESS_LIMIT_MS,
    () => [...inFlight],
    platform.pid,
  );
  const random = createRandom(seed);
  const operations = docs.flatMap(({ doc }) => operationsOf(doc).map((op) => ({ doc, op })));
  const harvested = await harvestIds(
    baseUrl,
    tokens,
    'admin',
    operations.filter((o) => o.op.method === 'get').map((o) => o.op.path),
  );
  const { buildXlsxBomb } = compiled('libs/service-kit/src/index.js');
  const bomb = await buildXlsxBomb({ sharedStringBytes: 300 * 1024 * 1024 });
  const ctx = { baseUrl, tokens, harvested, bomb, seed, send: (request) => send(baseUrl, tokens, request) };
  const results = [];
  for (const [name, replay] of Object.entries(REPLAY)) {
    inFlight.add(`replay: ${name}`);
    const failures = await replay(ctx).catch((error) => [`threw ${error.stack}`]);
    inFlight.delete(`replay: ${name}`);
    log(`${failures.length === 0 ? 'ok  ' : 'FAIL'} replay: ${name}`);
    results.push({ name: `replay: ${name}`, failures });
  }
  const context = {
    random,
    harvested,
    allIds: [...harvested.values()].flat(),
    bomb,
    users: { primary: 'admin', secondary: 'planer' },
  };
  // Writes before reads would leave less to read; deletes touch only hostile ids (see generate.mjs).
  const order = { get: 0, post: 1, put: 1, patch: 1, delete: 2 };
  // Several rounds, each with fresh random placements, as far as the budget reaches.
  const cases = Array.from({ length: ROUNDS }, () =>
    random
      .shuffle(operations)
      .sort((a, b) => order[a.op.method] - order[b.op.method])
      .flatMap(({ doc, op }) => casesFor(doc, op, context)),
  ).flat();
  log(
    `${operations.length} operations in ${docs.length} documents → ${cases.length} generated requests (seed ${seed})`,
  );
  // At least 20 s of generated requests, even when a slow start used up the suite's time.
  const deadline = Math.max(Date.now() + 20_000, Math.min(Date.now() + budgetMs, suiteDeadline - 15_000));
  const attacked = await attack(baseUrl, tokens, cases, deadline);
  const health = await watchdog.stop();
  log(
    `${attacked.sent} generated requests sent${attacked.skipped > 0 ? `, ${attacked.skipped} left for lack of time` : ''}; liveness polled ${health.polls}×, slowest ${Math.round(health.slowest.ms)} ms (${health.slowest.service}; its event loop at work ${Math.round(health.slowest.loopMs ?? 0)} ms)`,
  );
  log(
    `answers: ${Object.entries(attacked.statuses)
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([status, count]) => `${status} × ${count}`)
      .join(', ')}`,
  );
  results.push({
    name: 'generated requests: no 5xx, no broken connection',
    failures: attacked.failures,
    count: attacked.sent,
  });
  results.push({
    name: `liveness under ${LIVENESS_LIMIT_MS} ms, process alive`,
    failures: watchdog.violations,
  });
  log(`fuzzing took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return results;
}

async function main() {
  const platform = await startPlatform({
    root,
    logFile: join(root, 'dist/e2e/fuzz-platform.log'),
    startTimeoutMs: 150_000,
  });
  log(`platform up at ${platform.baseUrl} in ${(platform.startupMs / 1000).toFixed(1)} s`);
  let results;
  try {
    results = await fuzz(platform);
  } finally {
    await platform.stop().catch((error) => {
      results = [...(results ?? []), { name: 'clean stop', failures: [error.message] }];
    });
  }
  let passed = 0;
  let failed = 0;
  for (const result of results) {
    const count = result.count ?? 1;
    if (result.failures.length === 0) passed += count;
    else {
      failed += result.failures.length;
      passed += Math.max(0, count - result.failures.length);
      log(`✖ ${result.name}:`);
      for (const failure of result.failures.slice(0, 40)) log(`    ${failure}`);
      if (result.failures.length > 40) log(`    … and ${result.failures.length - 40} more`);
    }
  }
  if (failed > 0)
    log(`platform log: ${join(root, 'dist/e2e/fuzz-platform.log')}; repeat with FUZZ_SEED=${seed}`);
  process.stdout.write(`fuzz: ${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  log(`${describe(error)}\n${error?.stack ?? ''}`);
  process.exit(1);
});
