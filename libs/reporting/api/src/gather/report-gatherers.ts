import {
  isPinnedFailure,
  PINNED_DATA_VERSION,
  type EvaluationDataset,
  type MonitoringDataset,
  type PinnedAllocation,
  type PinnedRunIndex,
  type ProgrammeDataset,
} from '@quartier/reporting-core';
import type { z } from 'zod';
import { subjectRefusal, UpstreamAnswer } from '../upstream/service-client';
import {
  allocationListSchema,
  attainmentSchema,
  classMapSchema,
  dashboardSchema,
  evaluationCriteriaSchema,
  evaluationResultsSchema,
  evaluationSchema,
  impactModelSchema,
  indexRunListSchema,
  indexRunSchema,
  indicatorListSchema,
  measureListSchema,
  moversSchema,
  programmeSchema,
} from '../upstream/upstream.schemas';
import { inParallel, type Gathering } from './gathering';
import { programmeBindings } from './programme-topics';

/** Catches the subject's own refusal (another tenant's or an unknown id: 404; no right: 403). */
async function subject<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    return subjectRefusal(error, what);
  }
}

/**
 * The monitoring report of one index run: the run, its class maps per index as the reader may
 * see them, movers since the previous run of the same level, area master data and geometries.
 */
export async function gatherMonitoring(g: Gathering, indexRunId: string): Promise<MonitoringDataset> {
  const run = await subject(`index run ${indexRunId}`, () =>
    g.client.get('indicator', `/api/indicator/index-runs/${indexRunId}`, indexRunSchema),
  );
  const tenant = await g.tenant();
  const [runs, catalogue, areas] = await Promise.all([
    g.client.get('indicator', '/api/indicator/index-runs', indexRunListSchema),
    g.client.get('indicator', '/api/indicator/indicators', indicatorListSchema),
    g.areas(tenant.levels.map((l) => l.key)),
  ]);
  const ids = new Set(run.definition.indices.map((i) => i.id));
  const previous =
    runs
      .filter(
        (r) =>
          r.level === run.level && r.period < run.period && r.definition.indices.some((i) => ids.has(i.id)),
      )
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .at(-1) ?? null;
  const indices = await inParallel(
    run.definition.indices.map((index) => async (): Promise<PinnedRunIndex> => {
      const base = '/api/indicator/index-runs';
      const map = await g.client.get('indicator', `${base}/${run.id}/classes`, classMapSchema, {
        index: index.id,
      });
      const movers =
        previous && previous.definition.indices.some((i) => i.id === index.id)
          ? await g.client.get('indicator', `${base}/movers`, moversSchema, {
              from: previous.id,
              to: run.id,
              index: index.id,
            })
          : null;
      return {
        id: index.id,
        classes: Object.fromEntries(
          map.items.map((i) => [
            i.areaId,
            i.class === null ? null : { code: i.class, label: i.label ?? i.class },
          ]),
        ),
        values: Object.fromEntries(map.items.map((i) => [i.areaId, i.value])),
        movers: movers?.items ?? null,
      };
    }),
  );
  const topLevel = tenant.levels[0]?.key ?? run.level;
  const geometry = await g.geometries([...new Set([run.level, topLevel])]);
  const codes = new Set(run.definition.indices.flatMap((i) => i.indicators));
  return {
    version: PINNED_DATA_VERSION,
    kind: 'monitoring-report',
    tenant,
    areas,
    geometry,
    run: {
      id: run.id,
      label: run.label,
      period: run.period,
      level: run.level,
      definition: run.definition,
      areaCount: run.areaCount,
      validAreaCount: run.validAreaCount,
    },
    previousRun: previous ? { id: previous.id, label: previous.label, period: previous.period } : null,
    indices,
    indicatorNames: Object.fromEntries(
      catalogue.filter((i) => codes.has(i.code)).map((i) => [i.code, i.name]),
    ),
  };
}

/** The programme report: programme, dashboard, measures, impact model and live attainment. */
export async function gatherProgramme(g: Gathering, programmeId: string): Promise<ProgrammeDataset> {
  const base = `/api/programme/programmes/${programmeId}`;
  const programme = await subject(`programme ${programmeId}`, () =>
    g.client.get('programme', base, programmeSchema),
  );
  const [tenant, dashboard, measures, model, attainment, catalogue, allocations] = await Promise.all([
    g.tenant(),
    g.client.get('programme', `${base}/dashboard`, dashboardSchema),
    g.client.get('programme', `${base}/measures`, measureListSchema, { limit: 1000 }),
    g.client.get('programme', `${base}/impact-model`, impactModelSchema),
    g.client.get('programme', `${base}/attainment`, attainmentSchema),
    g.client.get('indicator', '/api/indicator/indicators', indicatorListSchema),
    g.client.get('programme', `${base}/allocations`, allocationListSchema),
  ]);
  const unitOf = (code: string | undefined) => catalogue.find((i) => i.code === code)?.unit ?? '';
  return {
    version: PINNED_DATA_VERSION,
    kind: 'programme-report',
    tenant,
    programme,
    budget: dashboard.budget.cells,
    measuresByField: dashboard.measuresByField,
    areas: dashboard.areas,
    measures: measures.items.map((m) => ({
      title: m.title,
      fieldOfAction: m.fieldOfAction,
      areas: m.areas.map((a) => ({ code: a.code, name: a.name })),
      status: m.status,
      budgetCents: m.budgetCents,
      spentCents: m.spentCents,
    })),
    impactModel: model.model.nodes.length > 0 ? { title: model.model.title, nodes: model.model.nodes } : null,
    allocations: newestAllocations(allocations),
    attainment: programmeBindings(attainment, unitOf).filter((n) => n.bindings.length > 0),
  };
}

/** The split in force per line and year: the newest accepted version. */
function newestAllocations(list: z.infer<typeof allocationListSchema>): PinnedAllocation[] {
  const newest = new Map<string, z.infer<typeof allocationListSchema>['items'][number]>();
  for (const item of list.items) {
    const key = `${item.year}\u0000${item.line}`;
    if ((newest.get(key)?.version ?? 0) < item.version) newest.set(key, item);
  }
  return [...newest.values()].map(({ line, year, version, result }) => ({
    line,
    year,
    version,
    need: result.need,
    budget: result.budget,
    floor: result.floor,
    cap: result.cap,
    areas: result.areas.map((a) => ({
      code: a.area,
      name: a.name,
      basis: a.basis,
      needShare: a.needShare,
      amount: a.amount,
    })),
  }));
}

/**
 * The evaluation report: the evaluation (ratings, findings, design adjustments), its results —
 * every number as the evaluation service computes it for the reader, from the frozen snapshot
 * when there is one — the DAC scale, and the areas and geometries of the evaluated level.
 */
export async function gatherEvaluation(g: Gathering, evaluationId: string): Promise<EvaluationDataset> {
  const base = `/api/evaluation/evaluations/${evaluationId}`;
  const evaluation = await subject(`evaluation ${evaluationId}`, () =>
    g.client.get('evaluation', base, evaluationSchema),
  );
  const [tenant, answer, criteria] = await Promise.all([
    g.tenant(),
    g.client.get('evaluation', `${base}/results`, evaluationResultsSchema).then(
      (results) => ({ results, problem: null }),
      (error: unknown) => ({ results: null, problem: noNumbersYet(error) }),
    ),
    g.client.get('evaluation', '/api/evaluation/criteria', evaluationCriteriaSchema),
  ]);
  const { results } = answer;
  const level =
    results?.reference?.level ??
    results?.areas.find((a) => a.role === 'treated')?.level ??
    evaluation.object.areas[0]?.level ??
    null;
  const levels = [...new Set([tenant.levels[0]?.key, level])].filter((l): l is string => !!l);
  const [areas, geometry] = await Promise.all([
    level ? g.areas(levels) : Promise.resolve([]),
    level ? g.geometries(levels) : Promise.resolve({}),
  ]);
  return {
    version: PINNED_DATA_VERSION,
    kind: 'evaluation-report',
    tenant,
    areas,
    geometry,
    criteria: criteria.criteria,
    scale: criteria.scale,
    statuses: criteria.statuses,
    evaluation: {
      id: evaluation.id,
      title: evaluation.title,
      object: evaluation.object,
      startPeriod: evaluation.startPeriod,
      status: evaluation.status,
      questions: evaluation.questions,
      ratings: evaluation.ratings,
      unrated: evaluation.unrated,
      findings: evaluation.findings,
      recommendations: evaluation.recommendations,
      adjustments: evaluation.design.adjustments,
    },
    resultsProblem: answer.problem,
    results: results && {
      source: results.source,
      evidenceHash: results.evidenceHash,
      snapshot: results.snapshot,
      pre: results.pre,
      post: results.post,
      indicators: results.indicators,
      reference: results.reference,
      areas: results.areas,
      matching: results.numbers.matching,
      comparison: results.numbers.comparison,
      balance:
        results.numbers.balance?.map((row) => ({
          indicator: row.indicator,
          treated: row.treated.mean,
          before: row.before,
          after: row.after,
        })) ?? null,
      outcomes: results.numbers.outcomes.map((o) => ({
        indicator: o.indicator,
        beforeAfter: isPinnedFailure(o.beforeAfter)
          ? o.beforeAfter
          : {
              programme: side(o.beforeAfter.programme),
              reference: o.beforeAfter.reference ? side(o.beforeAfter.reference) : null,
            },
        did: o.did,
        eventStudy: o.eventStudy,
      })),
    },
  };
}

/**
 * The code of a 409 of the results (the design names no indicators yet, no programme areas):
 * such an evaluation is reported without numbers. Any other answer ends the report.
 */
function noNumbersYet(error: unknown): string {
  if (!(error instanceof UpstreamAnswer) || error.status !== 409) throw error;
  try {
    return String((JSON.parse(error.body) as { code?: unknown }).code ?? 'Conflict');
  } catch {
    return 'Conflict';
  }
}

interface Aggregate {
  value: number | null;
  withheld?: true;
}

/** A before/after series as pinned: the values, and whether the service withheld one of them. */
function side(series: { before: Aggregate; after: Aggregate; change: number | null }) {
  return {
    before: series.before.value,
    after: series.after.value,
    change: series.change,
    withheld: series.before.withheld === true || series.after.withheld === true,
  };
}
