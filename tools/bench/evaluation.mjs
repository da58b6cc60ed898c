#!/usr/bin/env node
// Evaluation core benchmark (issue 12), from the compiled server code in dist/server:
//   node tools/bench/evaluation.mjs          (npm run bench -- evaluation)
// 1. DiD over 1,000 areas × 30 periods (500 treated, 15 pre + 15 post periods, 3 % missing)
//    — target < 200 ms — against a naive dense-matrix OLS with ml-matrix doing the same work
//    (N × 4 design matrix, X'X, inverse, residuals, cluster sandwich with per-area submatrices);
//    plus the event study over the same panel (60 coefficients).
// 2. Matching 10,000 candidates on 10 indicators for 100 treated areas, k = 5 — target < 1 s —
//    against a naive version: ml-matrix inverse of the covariance, d² = δ'S⁻¹δ per pair, a full
//    sort of all candidates per treated area.
// 3. Snapshot of 100 areas × 20 indicators × 10 periods (20,000 values with counts) — build
//    (validation, canonical order, canonical JSON, SHA-256) — target < 1 s — against
//    JSON.stringify + SHA-256 of the same input (no validation, no canonical form); plus reading
//    back (parse + verify) and recomputing the whole evaluation from the snapshot.
// 4. The same size through the evaluation service (with DATABASE_URL): POST …/snapshots and the
//    numbers read back from the stored snapshot (see _evaluation-service.mjs).
// Each timing is the best of several runs after a warm-up; results agree with the baselines.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { evaluationServicePart } from './_evaluation-service.mjs';
import { seededRandom } from '../seeded-random.mjs';
import { ensureServerBuilt, root, runWhenStarted, writeResult } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const ms = (started) => Number((performance.now() - started).toFixed(2));

function best(repeat, fn) {
  fn(); // warm-up (JIT)
  let min = Infinity;
  let value;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    value = fn();
    min = Math.min(min, ms(started));
  }
  return [min, value];
}

const area = (i) => `A${String(i).padStart(4, '0')}`;

// ── 1. difference-in-differences ────────────────────────────────────────────────────────────
function didPanel() {
  const random = seededRandom(12);
  const periods = Array.from({ length: 30 }, (_, t) => String(1995 + t));
  const values = [];
  const groups = new Map();
  for (let i = 0; i < 1000; i++) {
    const treated = i < 500;
    groups.set(area(i), treated ? 'treated' : 'comparison');
    const level = 10 + random() * 20;
    periods.forEach((period, t) => {
      const effect = treated && t >= 15 ? -1.5 : 0;
      values.push({
        area: area(i),
        indicator: 'U',
        period,
        value: random() < 0.03 ? null : level + 0.1 * t + effect + random() * 2,
      });
    });
  }
  return { values, groups, pre: periods.slice(0, 15), post: periods.slice(15) };
}

/** Naive dense OLS + CR1 sandwich with ml-matrix, the textbook way. */
function naiveDid({ values, groups, pre, post }, { Matrix, inverse }) {
  const wanted = new Set([...pre, ...post]);
  const postSet = new Set(post);
  const clusterOf = new Map();
  const rows = [];
  const y = [];
  const clusters = [];
  for (const v of values) {
    const group = groups.get(v.area);
    if (v.indicator !== 'U' || !group || !wanted.has(v.period) || v.value === null) continue;
    if (!clusterOf.has(v.area)) clusterOf.set(v.area, clusterOf.size);
    const t = group === 'treated' ? 1 : 0;
    const p = postSet.has(v.period) ? 1 : 0;
    rows.push([1, t, p, t * p]);
    y.push(v.value);
    clusters.push(clusterOf.get(v.area));
  }
  const X = new Matrix(rows);
  const Y = Matrix.columnVector(y);
  const bread = inverse(X.transpose().mmul(X));
  const beta = bread.mmul(X.transpose().mmul(Y));
  const residuals = Y.sub(X.mmul(beta));
  const members = Array.from({ length: clusterOf.size }, () => []);
  clusters.forEach((g, i) => members[g].push(i));
  let meat = Matrix.zeros(4, 4);
  for (const indices of members) {
    const Xg = X.selection(indices, [0, 1, 2, 3]);
    const ug = residuals.selection(indices, [0]);
    const score = Xg.transpose().mmul(ug);
    meat = meat.add(score.mmul(score.transpose()));
  }
  const n = rows.length;
  const g = clusterOf.size;
  const c = (g / (g - 1)) * ((n - 1) / (n - 4));
  const V = bread.mmul(meat).mmul(bread).mul(c);
  return { estimate: beta.get(3, 0), se: Math.sqrt(V.get(3, 3)) };
}

function didPart(core, mlMatrix) {
  const panel = didPanel();
  const input = { indicator: 'U', ...panel };
  const [oursMs, ours] = best(10, () => core.differenceInDifferences(input));
  const [baselineMs, naive] = best(5, () => naiveDid(panel, mlMatrix));
  const [eventStudyMs, study] = best(5, () => core.eventStudy(input));
  return {
    areas: 1000,
    periods: 30,
    observations: ours.observations,
    oursMs,
    baselineMs,
    speedup: Number((baselineMs / oursMs).toFixed(1)),
    targetMs: 200,
    meetsTarget: oursMs < 200,
    estimate: ours.estimate,
    se: ours.se,
    maxDifferenceToBaseline: Math.max(Math.abs(ours.estimate - naive.estimate), Math.abs(ours.se - naive.se)),
    eventStudyMs,
    eventStudyPoints: study.points.length,
  };
}

// ── 2. matching ─────────────────────────────────────────────────────────────────────────────
function matchingData() {
  const random = seededRandom(34);
  const indicators = Array.from({ length: 10 }, (_, j) => `I${j}`);
  const values = [];
  const treated = [];
  for (let i = 0; i < 10100; i++) {
    if (i < 100) treated.push(area(i));
    // Correlated indicators: a common factor plus noise.
    const factor = random() * 10;
    indicators.forEach((indicator, j) =>
      values.push({ area: area(i), indicator, period: '2015', value: factor * (1 + j / 10) + random() * 5 }),
    );
  }
  return { values, treated, on: indicators, period: '2015', k: 5 };
}

function naiveMatch({ values, treated, on, period, k }, { Matrix, inverse }) {
  const table = new Map();
  for (const v of values) {
    if (v.period !== period) continue;
    if (!table.has(v.area)) table.set(v.area, new Array(on.length));
    table.get(v.area)[on.indexOf(v.indicator)] = v.value;
  }
  const treatedSet = new Set(treated);
  const candidates = [...table.keys()].filter((a) => !treatedSet.has(a)).sort();
  const rows = [...treated, ...candidates].map((a) => table.get(a));
  const d = on.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
  const cov = Array.from({ length: d }, (_, a) =>
    Array.from(
      { length: d },
      (_, b) => rows.reduce((s, r) => s + (r[a] - mean[a]) * (r[b] - mean[b]), 0) / (rows.length - 1),
    ),
  );
  const inv = inverse(new Matrix(cov)).to2DArray();
  const pairs = [];
  for (const t of treated) {
    const x = table.get(t);
    const scored = candidates.map((c) => {
      const delta = table.get(c).map((v, j) => v - x[j]);
      let q = 0;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += delta[a] * inv[a][b] * delta[b];
      return { c, distance: Math.sqrt(q) };
    });
    scored.sort((p, q) => p.distance - q.distance || (p.c < q.c ? -1 : 1));
    scored
      .slice(0, k)
      .forEach((s, rank) =>
        pairs.push({ treated: t, rank: rank + 1, comparison: s.c, distance: s.distance }),
      );
  }
  return pairs;
}

function matchingPart(core, mlMatrix) {
  const input = matchingData();
  const [oursMs, ours] = best(5, () => core.matchNearestNeighbours(input));
  const [baselineMs, naive] = best(3, () => naiveMatch(input, mlMatrix));
  let samePairs = 0;
  let maxDistanceDifference = 0;
  ours.pairs.forEach((pair, i) => {
    if (pair.comparison === naive[i].comparison) samePairs += 1;
    maxDistanceDifference = Math.max(maxDistanceDifference, Math.abs(pair.distance - naive[i].distance));
  });
  return {
    treated: input.treated.length,
    candidates: ours.candidates.length,
    indicators: input.on.length,
    k: input.k,
    oursMs,
    baselineMs,
    speedup: Number((baselineMs / oursMs).toFixed(1)),
    targetMs: 1000,
    meetsTarget: oursMs < 1000,
    pairs: ours.pairs.length,
    pairsAgreeingWithBaseline: samePairs,
    maxDistanceDifference,
  };
}

// ── 3. snapshot ─────────────────────────────────────────────────────────────────────────────
function snapshotInput() {
  const random = seededRandom(56);
  const areas = Array.from({ length: 100 }, (_, i) => area(i));
  const indicators = Array.from({ length: 20 }, (_, k) => `I${String(k).padStart(2, '0')}`);
  const periods = Array.from({ length: 10 }, (_, t) => String(2010 + t));
  const values = [];
  for (const a of areas)
    for (const indicator of indicators)
      for (const period of periods) {
        const denominator = 200 + Math.floor(random() * 4800);
        const numerator = Math.floor(random() * denominator * 0.3);
        const suppressed = numerator < 3;
        values.push({
          area: a,
          indicator,
          period,
          value: suppressed ? null : (100 * numerator) / denominator,
          numerator: suppressed ? null : numerator,
          denominator,
          status: suppressed ? 'suppressed' : 'reported',
        });
      }
  // Arrive in database order, not canonical order.
  values.sort(() => random() - 0.5);
  return {
    tenant: 'bench',
    evaluation: 'bench-evaluation',
    design: {
      outcomes: indicators.slice(0, 5),
      pre: periods.slice(0, 4),
      post: periods.slice(4),
      treated: areas.slice(0, 10),
      matching: { on: indicators.slice(10, 14), period: periods[0], k: 2, candidatePool: null },
      comparison: [],
      adjustments: [],
      reference: { label: 'Bench City', areas },
    },
    areas: areas.map((code) => ({
      code,
      name: `Area ${code}`,
      level: 'planning-area',
      parent: null,
      population: 1000,
    })),
    periods,
    indicators: indicators.map((code) => ({
      code,
      name: code,
      unit: '%',
      polarity: 'higher-is-worse',
      scale: 100,
      formula: null,
      definitionVersion: 1,
    })),
    values,
    surveyAggregates: [],
    networkMeasures: [],
    takenAt: '2026-01-01T00:00:00.000Z',
    takenBy: 'bench',
  };
}

function snapshotPart(core) {
  const input = snapshotInput();
  const [oursMs, snapshot] = best(5, () => core.buildSnapshot(input));
  const [baselineMs] = best(5, () => createHash('sha256').update(JSON.stringify(input)).digest('hex'));
  const stored = JSON.stringify(snapshot);
  const [readMs] = best(5, () => core.parseSnapshot(JSON.parse(stored)));
  const [recomputeMs, numbers] = best(3, () => core.recomputeEvaluation(snapshot));
  return {
    values: snapshot.content.values.length,
    bytes: stored.length,
    oursMs,
    baselineMs,
    overhead: Number((oursMs / baselineMs).toFixed(1)),
    targetMs: 1000,
    meetsTarget: oursMs < 1000,
    hash: snapshot.hash,
    readAndVerifyMs: readMs,
    recomputeMs,
    recomputedOutcomes: numbers.outcomes.length,
  };
}

export default async function evaluationBenchmark() {
  ensureServerBuilt('dist/server/libs/evaluation/core/src/index.js');
  const core = require(join(root, 'dist/server/libs/evaluation/core/src/index.js'));
  const mlMatrix = require('ml-matrix');
  process.stderr.write('[bench evaluation] difference-in-differences…\n');
  const did = didPart(core, mlMatrix);
  process.stderr.write('[bench evaluation] matching…\n');
  const matching = matchingPart(core, mlMatrix);
  process.stderr.write('[bench evaluation] snapshot…\n');
  const snapshot = snapshotPart(core);
  process.stderr.write('[bench evaluation] service snapshot…\n');
  const service = await evaluationServicePart(root);
  const result = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    did,
    matching,
    snapshot,
    service,
  };
  writeResult('evaluation', result);
  const line = (name, part, extra) =>
    `${name.padEnd(10)} ours ${String(part.oursMs).padStart(8)} ms   baseline ${String(part.baselineMs).padStart(8)} ms   target < ${part.targetMs} ms ${part.meetsTarget ? '✓' : '✗'}   ${extra}\n`;
  process.stderr.write(
    line(
      'did',
      did,
      `event study ${did.eventStudyMs} ms; |Δ| to baseline ${did.maxDifferenceToBaseline.toExponential(1)}`,
    ) +
      line(
        'matching',
        matching,
        `${matching.pairsAgreeingWithBaseline}/${matching.pairs} pairs as baseline`,
      ) +
      line(
        'snapshot',
        snapshot,
        `read+verify ${snapshot.readAndVerifyMs} ms, recompute ${snapshot.recomputeMs} ms`,
      ) +
      (service.skipped
        ? `service    skipped: ${service.skipped}\n`
        : `service    POST snapshots ${service.snapshotMs} ms (${service.values} values, target < ${service.targetMs} ms ${service.meetsTarget ? '✓' : '✗'})   live results ${service.liveResultsMs} ms, from the snapshot ${service.resultsFromSnapshotFirstMs} ms (cached ${service.resultsFromSnapshotCachedMs} ms), same numbers: ${service.sameNumbers}\n`),
  );
  if (!did.meetsTarget || !matching.meetsTarget || !snapshot.meetsTarget || service.meetsTarget === false)
    throw new Error('an evaluation benchmark missed its target (see bench-results/evaluation.json)');
  return result;
}

runWhenStarted(import.meta.url, evaluationBenchmark);
