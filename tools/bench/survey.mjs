#!/usr/bin/env node
// The survey service's two performance promises (issue 5), from the compiled server code:
//   node tools/bench/survey.mjs        (npm run bench -- survey)
//  1. submissions: the public endpoint POST /api/survey/public/surveys/:id/waves/:waveId/responses
//     on a fresh real PostgreSQL database (DATABASE_URL), with everything the production path
//     does — JSON parsing, zod, the core's full validation of every answer, the transaction with
//     the response row and its outbox event (+ NOTIFY), the outbox relay running — driven by
//     autocannon in a child process (so load generator and server do not share an event loop).
//     Side by side: a bare Node `http` server doing the same single-row INSERT with `pg`, no
//     validation, no outbox; the ratio says what the service's safety costs.
//  2. aggregation: 100,000 responses × 40 questions by 500 areas through the core's
//     `aggregateResponses` (k = 10, suppression included).
// Writes bench-results/survey.json and prints a short table.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const DURATION = Number(process.env.SURVEY_BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.SURVEY_BENCH_CONNECTIONS ?? 32);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ensureBuilt() {
  if (existsSync(join(root, 'dist/server/libs/survey/api/src/index.js'))) return;
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** autocannon in its own process; returns its JSON summary. */
function autocannon(url, body) {
  return new Promise((resolve, reject) => {
    const args = [
      require.resolve('autocannon/autocannon.js'),
      '--json',
      '-c',
      String(CONNECTIONS),
      '-d',
      String(DURATION),
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

async function submissionPart() {
  const adminUrl = process.env.QUARTIER_TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl)
    return {
      skipped: 'DATABASE_URL not set (a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres)',
    };
  process.env.QUARTIER_TEST_ADMIN_DATABASE_URL = adminUrl;
  const { startServiceTestApp } = require(join(root, 'dist/server/libs/service-kit/src/index.js'));
  const { SurveyApiModule } = require(join(root, 'dist/server/libs/survey/api/src/index.js'));
  const { TEST_AREAS, QUARTIER_FORM, PLANNING_AREAS } = require(
    join(root, 'dist/server/libs/survey/api/src/testing/fixtures.js'),
  );
  const { tablesToWorkbook } = require(join(root, 'dist/server/libs/survey/core/src/index.js'));
  const pg = require('pg');
  // The rate limit protects against one address flooding the form; the load generator is one address.
  const t = await startServiceTestApp({
    service: 'survey',
    module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 1e9, windowSeconds: 60 } }),
    moduleClass: SurveyApiModule,
  });
  let bare;
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
    await autocannonShort(url, body);
    const service = summarise(await autocannon(url, body));
    const [{ rows, events }] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM survey_response) AS rows, (SELECT count(*)::int FROM outbox WHERE type = 'survey.response.submitted') AS events`,
    );

    // The bare comparison: same database server, same row, same pool size, nothing else.
    const pool = new pg.Pool({ connectionString: t.db.options.url, max: 10 });
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bare_response (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id text NOT NULL, survey_id uuid NOT NULL, wave_id uuid NOT NULL, form_version integer NOT NULL, area_id uuid, channel text NOT NULL, submitted_on date NOT NULL, answers jsonb NOT NULL)`,
    );
    bare = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        const parsed = JSON.parse(data);
        pool
          .query(
            `INSERT INTO bare_response (tenant_id, survey_id, wave_id, form_version, area_id, channel, submitted_on, answers) VALUES ($1, $2, $3, 1, $4, 'web', current_date, $5)`,
            ['berlin-demo', survey.id, wave.id, ids['011102'], JSON.stringify(parsed.answers)],
          )
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
    await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${bare.address().port}/`;
    await autocannonShort(bareUrl, body);
    const bareResult = summarise(await autocannon(bareUrl, body));
    await pool.end();
    return {
      durationSeconds: DURATION,
      connections: CONNECTIONS,
      service,
      stored: { rows, outboxEvents: events },
      bareNodeHttp: bareResult,
      ratio: Number((service.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3)),
      target: { requestsPerSecond: 1000, p99Ms: 100 },
      met: service.requestsPerSecond >= 1000 && service.latencyMs.p99 < 100 && service.non2xx === 0,
    };
  } finally {
    bare?.close();
    await t.close();
  }
}

async function autocannonShort(url, body) {
  const previous = process.env.SURVEY_BENCH_SECONDS;
  await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        require.resolve('autocannon/autocannon.js'),
        '-c',
        String(CONNECTIONS),
        '-d',
        '3',
        '-m',
        'POST',
        '-H',
        'content-type=application/json',
        '-b',
        body,
        url,
      ],
      { stdio: 'ignore' },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`warm-up exited ${code}`))));
  });
  return previous;
}

function aggregationPart() {
  const core = require(join(root, 'dist/server/libs/survey/core/src/index.js'));
  const AREAS = 500;
  const QUESTIONS = 40;
  const RESPONSES = 100_000;
  let seed = 20250901;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  ensureBuilt();
  const machine = {
    cpus: cpus().length,
    parallelism: availableParallelism(),
    cpuModel: cpus()[0]?.model,
    node: process.version,
  };
  const aggregation = process.env.SURVEY_BENCH_SKIP_AGGREGATION ? { skipped: true } : aggregationPart();
  const submissions = await submissionPart();
  const result = { machine, submissions, aggregation };
  const rows = [
    ['part', 'measure', 'value'],
    ['submissions (service)', 'req/s avg', submissions.service?.requestsPerSecond ?? submissions.skipped],
    [
      'submissions (service)',
      'latency p50 / p99 ms',
      submissions.service
        ? `${submissions.service.latencyMs.p50} / ${submissions.service.latencyMs.p99}`
        : '-',
    ],
    [
      'submissions (service)',
      'non-2xx / errors',
      submissions.service ? `${submissions.service.non2xx} / ${submissions.service.errors}` : '-',
    ],
    ['submissions (bare http)', 'req/s avg', submissions.bareNodeHttp?.requestsPerSecond ?? '-'],
    [
      'submissions (bare http)',
      'latency p50 / p99 ms',
      submissions.bareNodeHttp
        ? `${submissions.bareNodeHttp.latencyMs.p50} / ${submissions.bareNodeHttp.latencyMs.p99}`
        : '-',
    ],
    ['submissions', 'service / bare', submissions.ratio ?? '-'],
    ['aggregation 100k × 40 × 500', 'best of 3 (s)', aggregation.bestSeconds],
  ];
  for (const row of rows)
    process.stdout.write(`${String(row[0]).padEnd(30)} ${String(row[1]).padEnd(24)} ${row[2]}\n`);
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/survey.json'), JSON.stringify(result, null, 2));
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
