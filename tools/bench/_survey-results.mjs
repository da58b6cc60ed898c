// The results path of tools/bench/survey.mjs: 100,000 released responses × 40 questions in 500
// planning areas under 50 regions, read through GET /api/survey/surveys/:id/results — what a
// reader waits for: the released answers read from PostgreSQL, per question the core's
// aggregation by area and by region, hierarchical suppression across area, region and total,
// labels, JSON. The responses are written with SQL beforehand (their submission is the other
// part of the benchmark); the wave is over and its owner releases them, as in production.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { seededRandom } from '../seeded-random.mjs';

const require = createRequire(import.meta.url);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const RESULTS_SHAPE = { responses: 100_000, questions: 40, areas: 500, regions: 50, k: 10 };

const areaCode = (i) => `P${String(i).padStart(3, '0')}`;
const kindOf = (q) => (q % 4 === 3 ? 'integer' : q % 4 === 2 ? 'multi' : 'likert');

/** The core part's form as an XLSForm: an area question, then Likert, multiple-choice and integer questions. */
function benchForm(questions, areas) {
  const survey = [
    ['type', 'name', 'label::Deutsch (de)', 'required', 'appearance'],
    ['area gebiete', 'gebiet', 'Gebiet', 'yes', ''],
  ];
  for (let q = 0; q < questions; q++) {
    const kind = kindOf(q);
    const type =
      kind === 'integer' ? 'integer' : kind === 'multi' ? 'select_multiple multi' : 'select_one likert';
    survey.push([type, `q${q}`, `Frage ${q}`, '', kind === 'likert' ? 'likert' : '']);
  }
  const choices = [['list_name', 'name', 'label::Deutsch (de)', 'scale_value']];
  for (let i = 0; i < areas; i++) choices.push(['gebiete', areaCode(i), `Gebiet ${i}`, '']);
  for (const n of ['1', '2', '3', '4', '5']) choices.push(['likert', n, n, n]);
  for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) choices.push(['multi', n, n, '']);
  const settings = [
    ['form_title', 'form_id', 'version', 'default_language'],
    ['Benchmark', 'bench_results', '1', 'Deutsch (de)'],
  ];
  return { survey, choices, settings };
}

/** Skewed area sizes (many small areas, as in the core part), so suppression has work to do. */
function respondents(shape, random) {
  const rows = new Array(shape.responses);
  for (let i = 0; i < shape.responses; i++) {
    const area = Math.floor(shape.areas * random() ** 1.6);
    const answers = { gebiet: areaCode(area) };
    for (let q = 0; q < shape.questions; q++) {
      if (random() < 0.05) continue;
      const kind = kindOf(q);
      if (kind === 'integer') answers[`q${q}`] = Math.floor(random() * 90);
      else if (kind === 'multi')
        answers[`q${q}`] = ['a', 'b', 'c', 'd', 'e', 'f'].filter(() => random() < 0.3);
      else answers[`q${q}`] = String(1 + Math.floor(random() * 5));
    }
    rows[i] = { area, answers };
  }
  return rows;
}

async function setUp(root, t, call, shape) {
  const { tablesToWorkbook } = require(join(root, 'dist/server/libs/survey/core/src/index.js'));
  const areas = [{ code: 'BENCH', level: 'bezirk', name: 'Benchmark' }];
  for (let r = 0; r < shape.regions; r++)
    areas.push({ code: `R${String(r).padStart(2, '0')}`, level: 'bezirksregion', parent: 'BENCH' });
  const perRegion = shape.areas / shape.regions;
  for (let i = 0; i < shape.areas; i++) {
    const parent = `R${String(Math.floor(i / perRegion)).padStart(2, '0')}`;
    areas.push({ code: areaCode(i), level: 'planungsraum', parent, population: 1000 + (i % 50) * 100 });
  }
  const ids = await t.seedAreas('berlin-demo', areas);
  const survey = await call('POST', '/api/survey/surveys', { title: 'Ergebnisse', scopeAreaId: ids.BENCH });
  const workbook = Buffer.from(await tablesToWorkbook(benchForm(shape.questions, shape.areas)));
  await call('PUT', `/api/survey/surveys/${survey.id}/xlsform`, workbook, XLSX);
  await call('PUT', `/api/survey/surveys/${survey.id}/target-areas`, {
    areas: Array.from({ length: shape.areas }, (_, i) => ({ areaId: ids[areaCode(i)] })),
  });
  const wave = await call('POST', `/api/survey/surveys/${survey.id}/waves`, {
    name: 'Ergebnisse',
    opensOn: '2020-01-01',
    closesOn: '2020-12-31',
  });
  const [{ form_version }] = await t.db.query(`SELECT form_version FROM survey WHERE id = $1`, [survey.id]);
  const rows = respondents(shape, seededRandom(20250901));
  for (let from = 0; from < rows.length; from += 10_000) {
    const chunk = rows.slice(from, from + 10_000);
    await t.db.query(
      `INSERT INTO survey_response (tenant_id, survey_id, wave_id, form_version, area_id, channel, submitted_on, answers)
       SELECT 'berlin-demo', $1, $2, $3, area_id, 'import', '2020-06-01', answers
         FROM unnest($4::uuid[], $5::jsonb[]) AS t(area_id, answers)`,
      [
        survey.id,
        wave.id,
        form_version,
        chunk.map((r) => ids[areaCode(r.area)]),
        chunk.map((r) => JSON.stringify(r.answers)),
      ],
    );
  }
  await call('POST', `/api/survey/surveys/${survey.id}/waves/${wave.id}/results/release`, {});
  return { surveyId: survey.id, waveId: wave.id };
}

/** Cold read, then the best of `repeat` reads of the results through the service. */
export async function resultsPart(root, t, call, { repeat = 3, shape = RESULTS_SHAPE } = {}) {
  const { surveyId, waveId } = await setUp(root, t, call, shape);
  const path = `/api/survey/surveys/${surveyId}/results?wave=${waveId}`;
  const runs = [];
  let body;
  for (let run = 0; run <= repeat; run++) {
    const started = performance.now();
    body = await call('GET', path);
    runs.push(Number(((performance.now() - started) / 1000).toFixed(3)));
  }
  // The share of it that is reading the released answers: the service's query, same driver.
  const reads = [];
  for (let run = 0; run < repeat; run++) {
    const started = performance.now();
    await t.db.query(
      `SELECT r.area_id AS "areaId", r.answers FROM survey_response r JOIN survey_released_response x ON x.response_id = r.id
        WHERE r.survey_id = $1 AND r.wave_id = $2 AND r.area_id IS NOT NULL`,
      [surveyId, waveId],
    );
    reads.push(Number(((performance.now() - started) / 1000).toFixed(3)));
  }
  let cells = 0;
  let suppressed = 0;
  for (const q of body.questions)
    for (const cell of [...q.areas, ...q.parents, q.total]) {
      cells += 1;
      if (cell.suppressed !== null) suppressed += 1;
    }
  const [cold, ...warm] = runs;
  return {
    ...shape,
    releasedResponses: body.release?.releasedResponses ?? null,
    coldSeconds: cold,
    secondsPerRun: warm,
    bestSeconds: Math.min(...warm),
    readAnswersBestSeconds: Math.min(...reads),
    responseBytes: Buffer.byteLength(JSON.stringify(body)),
    cells,
    suppressedCells: suppressed,
    suppressedAreas: body.areas.filter((a) => a.suppressed !== null).length,
    suppressedRegions: body.parents.filter((p) => p.suppressed !== null).length,
    target: { seconds: 2 },
    met: Math.min(...warm) < 2,
  };
}
