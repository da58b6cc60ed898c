import { z } from 'zod';

// Response schemas of the numbers `@quartier/evaluation-core` computes (`EvaluationNumbers`),
// as `GET …/results` answers them. The compile-time check in results-answers.dto.ts proves the
// service answers every field documented here. Clauses that recur are named (`.meta({ id })`):
// one OpenAPI component each.

const groupCounts = z
  .object({ treated: z.number().int(), comparison: z.number().int() })
  .meta({ id: 'EvaluationGroupCounts' });
const interval = z.tuple([z.number(), z.number()]);

/** A design that cannot be estimated for one indicator (too few areas, …), in place of its numbers. */
export const failureView = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'EvaluationFailure' });

const matchView = z.object({
  period: z.string(),
  indicators: z.array(z.string()),
  k: z.number().int(),
  /** Treated areas in order, each with ranks 1..k (codes). */
  pairs: z.array(
    z.object({ treated: z.string(), rank: z.number().int(), comparison: z.string(), distance: z.number() }),
  ),
  /** Every candidate area (codes), sorted. */
  candidates: z.array(z.string()),
  covariance: z.array(z.array(z.number())),
});

const comparisonAreaView = z.object({
  area: z.string(),
  /** Matched areas: how often they were matched; chosen and added areas: 1. */
  weight: z.number(),
  origin: z.enum(['matched', 'chosen', 'added']),
});

const groupSummary = z.object({
  n: z.number().int(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
});
const balanceSide = groupSummary.extend({
  /** Standardised mean difference (treated − this) / pooled SD. */
  smd: z.number().nullable(),
  varianceRatio: z.number().nullable(),
});
const balanceRowView = z.object({
  indicator: z.string(),
  treated: groupSummary,
  pooledSd: z.number().nullable(),
  before: balanceSide,
  after: balanceSide.extend({ weight: z.number() }),
  missing: z.array(z.string()),
});

/** An aggregate; withheld (value null, no counts) when its numerator could identify people. */
const aggregateView = z
  .object({
    value: z.number().nullable(),
    method: z.enum(['ratio-of-sums', 'mean']),
    numerator: z.number().optional(),
    denominator: z.number().optional(),
    contributing: z.number().int(),
    missing: z.array(z.string()),
    suppressed: z.array(z.string()),
    withheld: z.literal(true).optional(),
  })
  .meta({ id: 'EvaluationAggregate' });
const seriesView = z
  .object({
    label: z.string(),
    areas: z.array(z.string()),
    series: z.array(aggregateView.extend({ period: z.string(), phase: z.enum(['before', 'after']) })),
    before: aggregateView,
    after: aggregateView,
    change: z.number().nullable(),
  })
  .meta({ id: 'BeforeAfterSeries' });
const beforeAfterView = z.object({
  indicator: z.string(),
  programme: seriesView,
  reference: seriesView.nullable(),
  /** Programme change − reference change (not a DiD). */
  differenceOfChanges: z.number().nullable(),
});

const didView = z.object({
  indicator: z.string(),
  estimate: z.number(),
  se: z.number(),
  t: z.number().nullable(),
  p: z.number().nullable(),
  ci95: interval,
  observations: z.number().int(),
  clusters: groupCounts,
  means: z.object({
    treated: z.object({ pre: z.number(), post: z.number() }),
    comparison: z.object({ pre: z.number(), post: z.number() }),
  }),
  degreesOfFreedom: z.number().int(),
  coefficients: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});

const eventStudyView = z.object({
  indicator: z.string(),
  /** The reference period (last before the start). */
  reference: z.string(),
  points: z.array(
    z.object({
      period: z.string(),
      /** −1 is the reference period, 0 the first period after the start. */
      relative: z.number().int(),
      reference: z.boolean(),
      estimate: z.number(),
      se: z.number(),
      t: z.number().nullable(),
      p: z.number().nullable(),
      ci95: interval,
      observations: groupCounts,
    }),
  ),
  omitted: z.array(
    z.object({
      period: z.string(),
      relative: z.number().int(),
      reason: z.enum(['no-treated-observation', 'no-comparison-observation', 'no-observation']),
    }),
  ),
  observations: z.number().int(),
  clusters: groupCounts,
  degreesOfFreedom: z.number().int(),
});

const surveyEvidenceView = z.object({
  survey: z.string(),
  item: z.string(),
  option: z.string().nullable(),
  area: z.string(),
  statistic: z.enum(['share', 'mean']),
  waves: z.array(
    z.object({
      wave: z.string(),
      waveDate: z.string(),
      respondents: z.number().int(),
      value: z.number().nullable(),
      suppressed: z.boolean(),
    }),
  ),
  change: z.number().nullable(),
});

const networkEvidenceView = z.object({
  network: z.string(),
  measure: z.string(),
  area: z.string().nullable(),
  waves: z.array(z.object({ wave: z.string(), waveDate: z.string(), value: z.number().nullable() })),
  change: z.number().nullable(),
});

/** Every number of an evaluation (area codes throughout). */
export const evaluationNumbersView = z.object({
  snapshotHash: z.string(),
  /** null when the comparison areas were chosen directly. */
  matching: z.union([matchView, failureView]).nullable(),
  comparison: z.array(comparisonAreaView),
  /** null without matching or when matching failed. */
  balance: z.array(balanceRowView).nullable(),
  outcomes: z.array(
    z.object({
      indicator: z.string(),
      beforeAfter: z.union([beforeAfterView, failureView]),
      did: z.union([didView, failureView]),
      eventStudy: z.union([eventStudyView, failureView]),
    }),
  ),
  survey: z.array(surveyEvidenceView),
  network: z.array(networkEvidenceView),
});
