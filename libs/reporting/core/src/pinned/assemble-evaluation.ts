import { EVIDENCE_KINDS } from '@quartier/contracts';
import type {
  EvaluationBalanceRow,
  EvaluationOutcome,
  EvaluationReportData,
} from '../builders/evaluation-data';
import type { AreaGeometry } from '../maps/geo';
import type { NumberFormat, ReportLanguage } from '../model/report-document';
import { codeLabel, textsFor, type TextKey, type Texts } from '../texts';
import { AreaIndex } from './area-index';
import { reportHeader, type AssembleOptions } from './assemble-area-profile';
import type { PinnedArea, PinnedTenant, PINNED_DATA_VERSION } from './pinned-data';

// The pinned data of an evaluation report — the evaluation, its results and the DAC scale as
// the evaluation service answered the reader (from the frozen snapshot when there is one), the
// areas of the evaluated level with their registry geometries — and its assembly.

type Translated = { de: string; en: string };

/** A number the service could not compute, with its error code (translated here). */
export interface PinnedFailure {
  error: { code: string; message: string };
}

export const isPinnedFailure = (value: unknown): value is PinnedFailure =>
  typeof value === 'object' && value !== null && 'error' in value;

export interface PinnedAggregateSide {
  before: number | null;
  after: number | null;
  change: number | null;
  withheld: boolean;
}

export interface PinnedEvaluationOutcome {
  indicator: string;
  beforeAfter: { programme: PinnedAggregateSide; reference: PinnedAggregateSide | null } | PinnedFailure;
  did:
    | {
        estimate: number;
        p: number | null;
        ci95: [number, number];
        observations: number;
        clusters: { treated: number; comparison: number };
        means: { treated: { pre: number; post: number }; comparison: { pre: number; post: number } };
      }
    | PinnedFailure;
  eventStudy:
    | {
        reference: string;
        points: {
          period: string;
          relative: number;
          reference: boolean;
          estimate: number;
          ci95: [number, number];
        }[];
        omitted: { period: string; relative: number; reason: string }[];
      }
    | PinnedFailure;
}

export interface EvaluationDataset {
  version: typeof PINNED_DATA_VERSION;
  kind: 'evaluation-report';
  tenant: PinnedTenant;
  /** The areas of the evaluated level and the top level (map, outlines, names of adjustments). */
  areas: PinnedArea[];
  geometry: Record<string, AreaGeometry>;
  /** The service's DAC criteria and rating scale, in both languages. */
  criteria: { code: string; label: Translated; question: Translated }[];
  scale: { code: number; label: Translated }[];
  statuses: { code: string; label: Translated }[];
  evaluation: {
    id: string;
    title: string;
    object: {
      kind: string;
      programmeName: string | null;
      measureTitle: string | null;
      /** The areas evaluated now (registry id null: no longer in the registry). */
      areas: { id: string | null; code: string; name: string; level: string }[];
    };
    startPeriod: string;
    status: string;
    questions: string[];
    ratings: {
      criterion: string;
      rating: number;
      justification: string;
      evidence: { kind: string; ref: string }[];
    }[];
    unrated: string[];
    findings: string[];
    recommendations: string[];
    adjustments: { action: 'drop' | 'add'; areaId: string; reason: string }[];
  };
  /**
   * Every number as the service computes it; null when it computes none yet (the design names
   * no indicators, no period lies before or after the start: `resultsProblem` has its code).
   */
  results: EvaluationResults | null;
  resultsProblem: string | null;
}

export interface EvaluationResults {
  source: 'snapshot' | 'live';
  evidenceHash: string;
  snapshot: { id: string; hash: string; takenAt: string } | null;
  pre: string[];
  post: string[];
  indicators: { code: string; name: string; unit: string }[];
  reference: { label: string; level: string; areaCount: number } | null;
  areas: {
    id: string | null;
    code: string;
    name: string;
    level: string;
    population: number | null;
    role: 'treated' | 'comparison' | 'context';
  }[];
  /** null: comparison areas chosen directly. */
  matching: { period: string; indicators: string[]; k: number } | PinnedFailure | null;
  comparison: { area: string; weight: number; origin: 'matched' | 'chosen' | 'added' }[];
  balance:
    | {
        indicator: string;
        treated: number | null;
        before: { mean: number | null; smd: number | null };
        after: { mean: number | null; smd: number | null };
      }[]
    | null;
  outcomes: PinnedEvaluationOutcome[];
}

/** Levels ("Anteil in %") as percent, everything else as a decimal; both to two places. */
export function evaluationFormats(unit: string): { level: NumberFormat; effect: NumberFormat } {
  if (unit === '%')
    return { level: { kind: 'percent', digits: 2 }, effect: { kind: 'percentage-points', digits: 2 } };
  return { level: { kind: 'decimal', digits: 2 }, effect: { kind: 'decimal', digits: 2, signed: true } };
}

const FAILURE_CODES = [
  'TooFewAreas',
  'MissingObservations',
  'InvalidPeriods',
  'TooFewObservations',
  'SingularDesign',
  'SingularCovariance',
  'MissingBaseline',
  'NotEnoughCandidates',
  'NotEnoughCandidatesInPool',
] as const;

/** The service's error code as a sentence; an unknown code is named, not guessed at. */
export function failureText(t: Texts, failure: PinnedFailure): string {
  const code = failure.error.code;
  return codeLabel(t, 'evaluation.failure', FAILURE_CODES, code, t('evaluation.failure.other', { code }));
}

/** Why the evaluation service computes no numbers yet (its 409 codes). */
const RESULTS_PROBLEMS = ['DesignIncomplete', 'NoTreatedAreas'] as const;

const OMITTED = ['no-treated-observation', 'no-comparison-observation', 'no-observation'] as const;

function outcomeOf(
  t: Texts,
  outcome: PinnedEvaluationOutcome,
  indicator: { code: string; name: string; unit: string } | undefined,
): EvaluationOutcome {
  const formats = evaluationFormats(indicator?.unit ?? '');
  const { did, eventStudy, beforeAfter } = outcome;
  return {
    code: outcome.indicator,
    name: indicator?.name ?? outcome.indicator,
    format: formats.level,
    effectFormat: formats.effect,
    means: isPinnedFailure(did)
      ? null
      : {
          treatedPre: did.means.treated.pre,
          treatedPost: did.means.treated.post,
          comparisonPre: did.means.comparison.pre,
          comparisonPost: did.means.comparison.post,
        },
    did: isPinnedFailure(did)
      ? null
      : {
          estimate: did.estimate,
          lower: did.ci95[0],
          upper: did.ci95[1],
          p: did.p,
          observations: did.observations,
          treatedAreas: did.clusters.treated,
          comparisonAreas: did.clusters.comparison,
        },
    didProblem: isPinnedFailure(did) ? failureText(t, did) : null,
    beforeAfter: isPinnedFailure(beforeAfter)
      ? null
      : {
          programme: {
            before: beforeAfter.programme.before,
            after: beforeAfter.programme.after,
            change: beforeAfter.programme.change,
          },
          city: beforeAfter.reference
            ? {
                before: beforeAfter.reference.before,
                after: beforeAfter.reference.after,
                change: beforeAfter.reference.change,
              }
            : null,
          withheld: beforeAfter.programme.withheld || (beforeAfter.reference?.withheld ?? false),
        },
    eventStudy: isPinnedFailure(eventStudy)
      ? null
      : {
          reference: eventStudy.reference,
          referenceRelative: eventStudy.points.find((p) => p.reference)?.relative ?? -1,
          // The reference period is zero by construction: the chart draws it as a hollow point.
          points: eventStudy.points
            .filter((p) => !p.reference)
            .map((p) => ({
              period: p.period,
              relative: p.relative,
              estimate: p.estimate,
              lower: p.ci95[0],
              upper: p.ci95[1],
            })),
          omitted: eventStudy.omitted.map((o) => ({
            period: o.period,
            reason: codeLabel(t, 'evaluation.omitted', OMITTED, o.reason),
          })),
        },
    eventStudyProblem: isPinnedFailure(eventStudy) ? failureText(t, eventStudy) : null,
  };
}

const label = (value: Translated, language: ReportLanguage) => value[language] || value.de;

function objectOf(t: Texts, data: EvaluationDataset, ix: AreaIndex): string {
  const object = data.evaluation.object;
  if (object.kind === 'programme' && object.programmeName)
    return t('evaluation.object.programme', { name: object.programmeName });
  if (object.kind === 'measure' && object.measureTitle)
    return t('evaluation.object.measure', { name: object.measureTitle });
  const treated = data.evaluation.object.areas;
  const level = treated[0] ? ix.levelName(treated[0].level) : '';
  return t('evaluation.object.areas', { count: treated.length, level });
}

function evidenceText(t: Texts, evidence: { kind: string; ref: string }[]): string {
  if (evidence.length === 0) return '–';
  return evidence
    .map((e) => {
      const kind = codeLabel(t, 'evaluation.evidenceKind', EVIDENCE_KINDS, e.kind);
      return `${kind} ${e.ref}`;
    })
    .join('; ');
}

function mapOf(
  data: EvaluationDataset,
  results: EvaluationResults,
  ix: AreaIndex,
  level: string | null,
): EvaluationReportData['map'] {
  if (level === null) return null;
  const shown = data.areas.filter((a) => a.level === level && ix.hasGeometry(a.id));
  if (shown.length === 0) return null;
  const roleOf: Record<string, 'treated' | 'comparison' | 'other'> = {};
  for (const area of shown) roleOf[area.code] = 'other';
  const missing: string[] = [];
  for (const area of results.areas) {
    if (area.role === 'context') continue;
    const pinned = area.id ? ix.byId.get(area.id) : undefined;
    if (!pinned || !ix.hasGeometry(pinned.id)) {
      if (area.role === 'treated') missing.push(`${area.code} ${area.name}`);
      continue;
    }
    roleOf[pinned.code] = area.role;
  }
  const topLevel = data.tenant.levels[0]?.key;
  const outlines =
    topLevel && topLevel !== level
      ? ix.mapAreas(
          data.areas.filter((a) => a.level === topLevel && shown.some((s) => ix.within(s.id, a.id))),
        )
      : [];
  return { areas: ix.mapAreas(shown), roleOf, outlines, missing };
}

/** The results of an evaluation without numbers: the object, its areas and the ratings remain. */
function emptyResults(evaluation: EvaluationDataset['evaluation']): EvaluationResults {
  return {
    source: 'live',
    evidenceHash: '',
    snapshot: null,
    pre: [],
    post: [],
    indicators: [],
    reference: null,
    areas: evaluation.object.areas.map((a) => ({ ...a, population: null, role: 'treated' as const })),
    matching: null,
    comparison: [],
    balance: null,
    outcomes: [],
  };
}

function resultsProblemOf(t: Texts, data: EvaluationDataset): string | null {
  if (data.results !== null) return null;
  return codeLabel(
    t,
    'evaluation.noResults',
    RESULTS_PROBLEMS,
    data.resultsProblem ?? '',
    t('evaluation.noResults.other', { code: data.resultsProblem ?? '–' }),
  );
}

/** The design section: periods, matching, the treated and comparison areas, adjustments, balance. */
function designOf(
  t: Texts,
  data: EvaluationDataset,
  results: EvaluationResults,
  ix: AreaIndex,
  level: string | null,
): EvaluationReportData['design'] {
  const { evaluation } = data;
  const indicator = new Map(results.indicators.map((i) => [i.code, i]));
  const nameOf = (code: string) => indicator.get(code)?.name ?? code;
  const areaByCode = new Map(results.areas.map((a) => [a.code, a]));
  const treated = results.areas.filter((a) => a.role === 'treated');
  const matching = results.matching;
  const balance: EvaluationBalanceRow[] | null =
    results.balance?.map((row) => ({
      indicator: nameOf(row.indicator),
      format: evaluationFormats(indicator.get(row.indicator)?.unit ?? '').level,
      treatedMean: row.treated,
      candidatesMean: row.before.mean,
      smdBefore: row.before.smd,
      comparisonMean: row.after.mean,
      smdAfter: row.after.smd,
    })) ?? null;
  const comparisonRows = results.comparison.map((c) => {
    const area = areaByCode.get(c.area);
    return {
      code: c.area,
      name: area?.name ?? c.area,
      role: t(`evaluation.role.${c.origin}` as TextKey),
      weight: c.weight,
      population: area?.population ?? null,
    };
  });
  return {
    pre: results.pre,
    post: results.post,
    levelName: level ? ix.levelName(level) : '',
    city: results.reference ? { areaCount: results.reference.areaCount } : null,
    matching:
      matching && !isPinnedFailure(matching)
        ? { on: matching.indicators.map(nameOf), k: matching.k, period: matching.period }
        : null,
    matchingProblem: matching && isPinnedFailure(matching) ? failureText(t, matching) : null,
    outcomes: results.outcomes.map((o) => nameOf(o.indicator)),
    areas: [
      ...treated.map((a) => ({
        code: a.code,
        name: a.name,
        role: t('evaluation.role.treated'),
        weight: null,
        population: a.population,
      })),
      ...comparisonRows,
    ],
    adjustments: evaluation.adjustments.map((a) => {
      const area = ix.byId.get(a.areaId) ?? results.areas.find((r) => r.id === a.areaId);
      return {
        action: t(`evaluation.action.${a.action}`),
        area: area ? `${area.code} ${area.name}` : a.areaId,
        reason: a.reason,
      };
    }),
    balance,
  };
}

/** The ratings against the criteria in the reader's language, and the criteria left unrated. */
function ratingsOf(
  t: Texts,
  data: EvaluationDataset,
  language: ReportLanguage,
): Pick<EvaluationReportData, 'ratings' | 'unrated'> {
  const { evaluation } = data;
  const criterion = new Map(data.criteria.map((c) => [c.code, c]));
  const scale = new Map(data.scale.map((s) => [s.code, s]));
  return {
    ratings: evaluation.ratings.map((r) => {
      const c = criterion.get(r.criterion);
      const level = scale.get(r.rating);
      return {
        criterion: c ? label(c.label, language) : r.criterion,
        question: c ? label(c.question, language) : '',
        rating: r.rating,
        label: level ? label(level.label, language) : String(r.rating),
        justification: r.justification,
        evidence: evidenceText(t, r.evidence),
      };
    }),
    unrated: evaluation.unrated.map((code) => {
      const c = criterion.get(code);
      return c ? label(c.label, language) : code;
    }),
  };
}

/** The builder input of the evaluation report, from the pinned data alone. */
export function assembleEvaluationReport(
  data: EvaluationDataset,
  options: AssembleOptions,
): EvaluationReportData {
  const { language } = options;
  const t = textsFor(language);
  const ix = new AreaIndex(data.tenant, data.areas, data.geometry);
  const { evaluation } = data;
  // Without numbers the report still has the object, the evaluated areas and the ratings.
  const results: EvaluationResults = data.results ?? emptyResults(evaluation);
  const indicator = new Map(results.indicators.map((i) => [i.code, i]));
  const treated = results.areas.filter((a) => a.role === 'treated');
  const level = results.reference?.level ?? treated[0]?.level ?? null;
  const status = data.statuses.find((s) => s.code === evaluation.status);
  return {
    ...reportHeader(data.tenant.name, options),
    title: evaluation.title,
    object: objectOf(t, data, ix),
    status: status ? label(status.label, language) : evaluation.status,
    startPeriod: evaluation.startPeriod,
    questions: evaluation.questions,
    design: designOf(t, data, results, ix, level),
    map: mapOf(data, results, ix, level),
    resultsProblem: resultsProblemOf(t, data),
    outcomes: results.outcomes.map((o) => outcomeOf(t, o, indicator.get(o.indicator))),
    ...ratingsOf(t, data, language),
    findings: evaluation.findings,
    recommendations: evaluation.recommendations,
    evidence: data.results && {
      source: results.source,
      hash: results.evidenceHash,
      snapshotId: results.snapshot?.id ?? null,
      takenAt: results.snapshot?.takenAt ?? null,
    },
  };
}
