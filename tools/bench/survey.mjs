#!/usr/bin/env node
// The survey service's two performance promises (issue 5), from the compiled server code:
//   node tools/bench/survey.mjs        (npm run bench -- survey)
//  1. submissions: the public endpoint POST /api/survey/public/surveys/:id/waves/:waveId/responses
//     on a fresh real PostgreSQL database (DATABASE_URL), with everything the production path
//     does — JSON parsing, zod, the core's full validation of every answer, the transaction with
//     the response row and its outbox event (+ NOTIFY), the outbox relay running — driven by
//     autocannon in a child process (so load generator and server do not share an event loop).
//     Side by side: a bare Node `http` server inserting the same row with `pg` into a table
//     created LIKE survey_response INCLUDING ALL (same key, checks, index, and its foreign keys),
//     no validation, no outbox — once with the service's group commit (≤ 200 rows per
//     transaction, ≤ 4 transactions in flight), once one INSERT per request: the ratio to the
//     first says what the service's safety costs, the two bare runs what batching buys. The
//     earlier baseline (a plain table without constraints, one INSERT each) runs too, so the old
//     ratio can be read beside the new one.
//  2. aggregation: 100,000 responses × 40 questions by 500 areas through the core's
//     `aggregateResponses` (k = 10, suppression included), and the same shape through the
//     service's results path (GET …/results: released answers read from PostgreSQL, aggregation
//     by area and region, hierarchical suppression; tools/bench/_survey-results.mjs).
// SURVEY_BENCH_SECONDS (20), SURVEY_BENCH_CONNECTIONS (32), SURVEY_BENCH_RESPONSES (100000, the
// results path's size), SURVEY_BENCH_SKIP_AGGREGATION=1 skips the core part.
// Writes bench-results/survey.json and prints a short table.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { RESULTS_SHAPE, resultsPart } from './_survey-results.mjs';
import { seededRandom } from '../seeded-random.mjs';
import { tableLike } from './_table-like.mjs';
import { ensureServerBuilt, root, runWhenStarted, serviceTestKit, writeResult } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const DURATION = Number(process.env.SURVEY_BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.SURVEY_BENCH_CONNECTIONS ?? 32);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RESPONSES = Number(process.env.SURVEY_BENCH_RESPONSES ?? RESULTS_SHAPE.responses);
// The service's group commit (libs/survey/api/src/responses/collection.service.ts).
const MAX_BATCH = 200;
const MAX_TRANSACTIONS = 4;

/** autocannon in its own process for `seconds` (a short run warms up); returns its JSON summary. */
function autocannon(url, body, seconds = DURATION) {
  return new Promise((resolve, reject) => {
    const args = [
      require.resolve('autocannon/autocannon.js'),
      '--json',
      '-c',
      String(CONNECTIONS),
      '-d',
      String(seconds),
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      body,
      url,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited ${code}: ${err}`)),
    );
  });
}

function summarise(result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    requestsPerSecondMin: result.requests.min,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** A survey over the test areas with the Quartier form and one wave, open for submissions. */
async function openSurvey(call, ids, { QUARTIER_FORM, PLANNING_AREAS, tablesToWorkbook }) {
  const survey = await call('POST', '/api/survey/surveys', { title: 'Benchmark', scopeAreaId: ids['01'] });
  await call(
    'PUT',
    `/api/survey/surveys/${survey.id}/xlsform`,
    Buffer.from(await tablesToWorkbook(QUARTIER_FORM)),
    XLSX,
  );
  await call('PUT', `/api/survey/surveys/${survey.id}/target-areas`, {
    areas: PLANNING_AREAS.map((code) => ({ areaId: ids[code] })),
  });
  const wave = await call('POST', `/api/survey/surveys/${survey.id}/waves`, {
    name: 'Bench',
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
  });
  await call('POST', `/api/survey/surveys/${survey.id}/status`, { status: 'open' });
  return { survey, wave };
}

async function submissionPart() {
  const kit = serviceTestKit();
  if (!kit)
    return {
      skipped: 'DATABASE_URL not set (a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres)',
    };
  const { startServiceTestApp } = kit;
  const { SurveyApiModule } = require(join(root, 'dist/server/libs/survey/api/src/index.js'));
  const { TEST_AREAS, QUARTIER_FORM, PLANNING_AREAS } = require(
    join(root, 'dist/server/libs/survey/api/src/testing/fixtures.js'),
  );
  const { tablesToWorkbook } = require(join(root, 'dist/server/libs/survey/core/src/index.js'));
  // The rate limit protects against one address flooding the form; the load generator is one address.
  const t = await startServiceTestApp({
    service: 'survey',
    module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 1e9, windowSeconds: 60 } }),
    moduleClass: SurveyApiModule,
  });
  try {
    const ids = await t.seedAreas(
      'berlin-demo',
      TEST_AREAS.map((a) => ({ ...a })),
    );
    const token = await t.tokenFor('admin');
    const call = async (method, path, body, type = 'application/json') => {
      const res = await fetch(`${t.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const { survey, wave } = await openSurvey(call, ids, { QUARTIER_FORM, PLANNING_AREAS, tablesToWorkbook });
    const body = JSON.stringify({
      answers: {
        gebiet: '011102',
        alter: 41,
        sicher: '4',
        wohnform: 'miete',
        miete: 712.5,
        angebote: ['familienzentrum', 'bibliothek'],
        kommentar: 'Mehr Grün im Kiez',
        kinder: [{ kind_alter: 7 }, { kind_alter: 12 }],
      },
      language: 'de',
    });
    const url = `${t.url}/api/survey/public/surveys/${survey.id}/waves/${wave.id}/responses`;
    const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (probe.status !== 201) throw new Error(`probe submission: ${probe.status} ${await probe.text()}`);

    // Warm-up (JIT, pool connections), then the measured run.
    await autocannon(url, body, 3);
    const service = summarise(await autocannon(url, body));
    const [{ rows, events }] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM survey_response) AS rows, (SELECT count(*)::int FROM outbox WHERE type = 'survey.response.submitted') AS events`,
    );

    const [{ schema }] = await t.db.query(`SELECT current_schema() AS schema`);
    const bareRuns = await bareComparison(t.db.options.url, schema, {
      survey,
      wave,
      areaId: ids['011102'],
      body,
    });
    const results = await resultsPart(root, t, call, {
      shape: { ...RESULTS_SHAPE, responses: RESPONSES },
    });
    const ratio = (a, b) => Number((a / b).toFixed(3));
    return {
      durationSeconds: DURATION,
      connections: CONNECTIONS,
      service,
      stored: { rows, outboxEvents: events },
      bare: bareRuns,
      ratio: ratio(service.requestsPerSecond, bareRuns.sameTableGroupCommit.requestsPerSecond),
      batchingEffect: ratio(
        bareRuns.sameTableGroupCommit.requestsPerSecond,
        bareRuns.sameTableOneInsertEach.requestsPerSecond,
      ),
      previousRatio: ratio(service.requestsPerSecond, bareRuns.previousPlainTable.requestsPerSecond),
      target: { requestsPerSecond: 1000, p99Ms: 100 },
      met: service.requestsPerSecond >= 1000 && service.latencyMs.p99 < 100 && service.non2xx === 0,
      results,
    };
  } finally {
    await t.close();
  }
}

/**
 * A bare `http` + `pg` server: parses the body and inserts the response, nothing else. With
 * `groupCommit`, requests arriving while earlier ones are written share the next transaction, as
 * in the service; without, each request is one INSERT.
 */
function bareServer(pool, table, { survey, wave, areaId }, groupCommit) {
  const insert = (answers) =>
    pool.query(
      `INSERT INTO ${table} (tenant_id, survey_id, wave_id, form_version, area_id, channel, submitted_on, answers)
       SELECT 'berlin-demo', $1, $2, 1, $3, 'web', current_date, answers FROM unnest($4::jsonb[]) AS t(answers)`,
      [survey.id, wave.id, areaId, answers],
    );
  const pending = [];
  let inFlight = 0;
  const pump = () => {
    while (inFlight < MAX_TRANSACTIONS && pending.length > 0) {
      const batch = pending.splice(0, MAX_BATCH);
      inFlight += 1;
      insert(batch.map((item) => item.answers))
        .then(() => batch.forEach((item) => item.resolve()))
        .catch((error) => batch.forEach((item) => item.reject(error)))
        .finally(() => ((inFlight -= 1), pump()));
    }
  };
  const store = (answers) =>
    groupCommit
      ? new Promise((resolve, reject) => (pending.push({ answers, resolve, reject }), pump()))
      : insert([answers]);
  return createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      store(JSON.stringify(JSON.parse(data).answers))
        .then(() => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end('{"submittedOn":"today"}');
        })
        .catch((error) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
}

/** The three bare runs: same table with and without group commit, and the earlier plain table. */
async function bareComparison(databaseUrl, schema, target) {
  const pg = require('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}`, max: 10 });
  try {
    await tableLike(pool, 'survey_response', 'bare_response');
    await pool.query(`DROP TABLE IF EXISTS bare_plain_response`);
    await pool.query(
      `CREATE TABLE bare_plain_response (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id text NOT NULL, survey_id uuid NOT NULL, wave_id uuid NOT NULL, form_version integer NOT NULL, area_id uuid, channel text NOT NULL, submitted_on date NOT NULL, answers jsonb NOT NULL)`,
    );
    const runs = {
      sameTableGroupCommit: ['bare_response', true],
      sameTableOneInsertEach: ['bare_response', false],
      previousPlainTable: ['bare_plain_response', false],
    };
    const results = {};
    for (const [name, [table, groupCommit]] of Object.entries(runs)) {
      const server = bareServer(pool, table, target, groupCommit);
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${server.address().port}/`;
        await autocannon(url, target.body, 3);
        results[name] = { table, groupCommit, ...summarise(await autocannon(url, target.body)) };
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
    return results;
  } finally {
    await pool.end();
  }
}

/** The core part's form: an area question, then Likert, multiple-choice and integer questions. */
function aggregationForm(AREAS, QUESTIONS) {
  const labels = (text) => ({ de: text });
  const base = {
    kind: 'question',
    hint: {},
    required: false,
    requiredMessage: {},
    constraintMessage: {},
    readOnly: false,
    extra: {},
  };
  const areaList = {
    name: 'areas',
    choices: Array.from({ length: AREAS }, (_, i) => ({
      name: `a${String(i).padStart(3, '0')}`,
      label: labels(`Gebiet ${i}`),
      properties: {},
    })),
  };
  const likert = {
    name: 'likert',
    choices: ['1', '2', '3', '4', '5'].map((n) => ({ name: n, label: labels(n), properties: {} })),
  };
  const multi = {
    name: 'multi',
    choices: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({ name: n, label: labels(n), properties: {} })),
  };
  const questions = [
    { ...base, type: 'area', name: 'area', label: labels('Gebiet'), listName: 'areas', method: 'choice' },
  ];
  for (let q = 0; q < QUESTIONS; q++) {
    if (q % 4 === 3) questions.push({ ...base, type: 'integer', name: `q${q}`, label: labels(`Frage ${q}`) });
    else if (q % 4 === 2)
      questions.push({
        ...base,
        type: 'select_multiple',
        name: `q${q}`,
        label: labels(`Frage ${q}`),
        listName: 'multi',
      });
    else
      questions.push({
        ...base,
        type: 'select_one',
        name: `q${q}`,
        label: labels(`Frage ${q}`),
        listName: 'likert',
        likert: true,
      });
  }
  const form = {
    settings: { formId: 'bench', defaultLanguage: 'de', extra: {} },
    children: questions,
    choiceLists: [areaList, likert, multi],
  };
  return { form, areaList, multi };
}

function aggregationPart() {
  const core = require(join(root, 'dist/server/libs/survey/core/src/index.js'));
  const AREAS = 500;
  const QUESTIONS = 40;
  const RESPONSES = 100_000;
  const random = seededRandom(20250901);
  const { form, areaList, multi } = aggregationForm(AREAS, QUESTIONS);
  const respondents = new Array(RESPONSES);
  for (let i = 0; i < RESPONSES; i++) {
    // Skewed area sizes (many small areas), so suppression has work to do.
    const r = { area: areaList.choices[Math.floor(AREAS * random() ** 1.6)].name };
    for (let q = 0; q < QUESTIONS; q++) {
      if (random() < 0.05) continue;
      if (q % 4 === 3) r[`q${q}`] = Math.floor(random() * 90);
      else if (q % 4 === 2) r[`q${q}`] = multi.choices.filter(() => random() < 0.3).map((c) => c.name);
      else r[`q${q}`] = String(1 + Math.floor(random() * 5));
    }
    respondents[i] = r;
  }
  core.aggregateResponses(form, respondents.slice(0, 5000), { by: 'area', k: 10 });
  const runs = [];
  let result;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    result = core.aggregateResponses(form, respondents, { by: 'area', k: 10 });
    runs.push(Number(((performance.now() - started) / 1000).toFixed(3)));
  }
  let suppressed = 0;
  let cells = 0;
  for (const q of result.questions)
    for (const c of q.cells) {
      cells += 1;
      if (c.suppressed !== null) suppressed += 1;
    }
  return {
    responses: RESPONSES,
    questions: QUESTIONS,
    areas: AREAS,
    k: 10,
    secondsPerRun: runs,
    bestSeconds: Math.min(...runs),
    cells,
    suppressedCells: suppressed,
    target: { seconds: 2 },
    met: Math.min(...runs) < 2,
  };
}

export default async function run() {
  ensureServerBuilt('dist/server/libs/survey/api/src/index.js');
  const machine = {
    cpus: cpus().length,
    parallelism: availableParallelism(),
    cpuModel: cpus()[0]?.model,
    node: process.version,
    loadAverage: loadavg(),
  };
  const aggregation = process.env.SURVEY_BENCH_SKIP_AGGREGATION ? { skipped: true } : aggregationPart();
  const submissions = await submissionPart();
  const result = { machine, submissions, aggregation };
  const rows = [['part', 'measure', 'value']];
  const load = (name, r) => {
    if (!r) return;
    rows.push([name, 'req/s avg', r.requestsPerSecond]);
    rows.push([name, 'latency p50 / p99 ms', `${r.latencyMs.p50} / ${r.latencyMs.p99}`]);
    rows.push([name, 'non-2xx / errors', `${r.non2xx} / ${r.errors}`]);
  };
  if (submissions.skipped) rows.push(['submissions', 'skipped', submissions.skipped]);
  load('submissions (service)', submissions.service);
  load('bare, same table, group commit', submissions.bare?.sameTableGroupCommit);
  load('bare, same table, 1 INSERT each', submissions.bare?.sameTableOneInsertEach);
  load('bare, plain table (previous)', submissions.bare?.previousPlainTable);
  rows.push(['submissions', 'service / bare (group commit)', submissions.ratio ?? '-']);
  rows.push(['submissions', 'batching effect (bare)', submissions.batchingEffect ?? '-']);
  rows.push(['submissions', 'previous ratio (plain table)', submissions.previousRatio ?? '-']);
  rows.push(['aggregation 100k × 40 × 500', 'core, best of 3 (s)', aggregation.bestSeconds ?? '-']);
  const res = submissions.results;
  if (res) {
    const shape = `${res.responses / 1000}k × ${res.questions} × ${res.areas}`;
    rows.push([
      `results path ${shape}`,
      'service, best of 3 (s)',
      `${res.bestSeconds} (cold ${res.coldSeconds})`,
    ]);
    rows.push([`results path ${shape}`, 'of it reading the answers (s)', res.readAnswersBestSeconds]);
    rows.push([`results path ${shape}`, 'suppressed cells', `${res.suppressedCells} of ${res.cells}`]);
  }
  for (const row of rows)
    process.stdout.write(`${String(row[0]).padEnd(34)} ${String(row[1]).padEnd(30)} ${row[2]}\n`);
  writeResult('survey', result);
  return result;
}

runWhenStarted(import.meta.url, run);
