import { z } from 'zod';

// The frozen-evidence snapshot: every input an evaluation's numbers are computed from — design,
// areas, periods, indicator definitions, values with their counts and status, survey aggregates
// and network measures. Stored as JSON; `content` is what the hash covers.
// Additive changes need a new version (old snapshots must still verify and recompute).
//
// The version also names the rules the numbers are recomputed by, because a snapshot stores
// inputs, not numbers: the service recomputes them on every read, so a corrected method would
// otherwise change the numbers of evidence frozen before the correction. The version is inside
// the hash, so a document cannot claim another rule than the one it was frozen under, and older
// documents keep their hashes.
//   1  every outcome's event study is relative to the last pre period of the design, whatever
//      the outcome's period kind (an outcome of another kind had no or a wrong reference).
//   2  (same fields) each outcome's event study keeps to the period kinds of its own values.

export const SNAPSHOT_SCHEMA = 'quartier.evaluation.evidence';
/** The version new snapshots are written in. */
export const SNAPSHOT_VERSION = 2;
/** Every version this build reads and recomputes by its own rules. */
export const SNAPSHOT_VERSIONS: readonly number[] = [1, 2];

const code = z.string().min(1);
// zod 4's number() already refuses NaN and ±Infinity.
const finite = z.number();
const count = z.number().nonnegative('must not be negative');

export const snapshotValueSchema = z.object({
  area: code,
  indicator: code,
  period: code,
  value: finite.nullable(),
  numerator: count.nullable(),
  denominator: count.nullable(),
  status: z.enum(['reported', 'zero', 'suppressed', 'missing']),
});

export const snapshotAreaSchema = z.object({
  code,
  name: z.string(),
  level: z.string(),
  parent: code.nullable(),
  population: count.nullable(),
});

export const snapshotIndicatorSchema = z.object({
  code,
  name: z.string(),
  unit: z.string(),
  /** Is a higher value better or worse (for reading the sign of an effect). */
  polarity: z.enum(['higher-is-better', 'higher-is-worse', 'neutral']),
  /** numerator/denominator × scale = value (100 for %). */
  scale: z.number().positive('must be positive'),
  formula: z.string().nullable(),
  definitionVersion: z.number().int().nullable(),
});

export const snapshotSurveyAggregateSchema = z.object({
  survey: code,
  wave: code,
  /** ISO date of the wave, to order waves. */
  waveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  item: code,
  /** Answer option for shares; null for means. */
  option: z.string().nullable(),
  area: code,
  statistic: z.enum(['share', 'mean']),
  respondents: z.number().int().nonnegative(),
  /** null when suppressed (fewer than k respondents). */
  value: finite.nullable(),
  suppressed: z.boolean(),
});

export const snapshotNetworkMeasureSchema = z.object({
  network: code,
  wave: code,
  waveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  measure: code,
  /** The area the measure describes (network of an area); null for the whole network. */
  area: code.nullable(),
  value: finite.nullable(),
});

const adjustmentSchema = z.object({
  action: z.enum(['drop', 'add']),
  area: code,
  reason: z.string().min(1),
  by: z.string().min(1),
  at: z.string().min(1),
});

export const evaluationDesignSchema = z.object({
  /** Outcome indicators: before/after, DiD and event study for each. */
  outcomes: z.array(code),
  pre: z.array(code).min(1),
  post: z.array(code).min(1),
  treated: z.array(code).min(1),
  /** Nearest-neighbour matching, or null when the comparison areas are chosen directly. */
  matching: z
    .object({
      on: z.array(code).min(1),
      period: code,
      k: z.number().int().min(1),
      candidatePool: z.array(code).nullable(),
    })
    .nullable(),
  /** Comparison areas chosen directly (matching null), before adjustments. */
  comparison: z.array(code),
  adjustments: z.array(adjustmentSchema),
  reference: z.object({ label: z.string().min(1), areas: z.array(code).min(1) }).nullable(),
});

export const evidenceContentSchema = z.object({
  schema: z.literal(SNAPSHOT_SCHEMA),
  version: z.union([z.literal(1), z.literal(2)]),
  tenant: code,
  evaluation: code,
  design: evaluationDesignSchema,
  areas: z.array(snapshotAreaSchema),
  periods: z.array(code),
  indicators: z.array(snapshotIndicatorSchema),
  values: z.array(snapshotValueSchema),
  surveyAggregates: z.array(snapshotSurveyAggregateSchema),
  networkMeasures: z.array(snapshotNetworkMeasureSchema),
});

export const evidenceSnapshotSchema = z.object({
  content: evidenceContentSchema,
  /** SHA-256 (hex) of the canonical JSON of `content`. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  takenAt: z.string().min(1),
  takenBy: z.string().min(1),
});

export type SnapshotValue = z.infer<typeof snapshotValueSchema>;
export type SnapshotArea = z.infer<typeof snapshotAreaSchema>;
export type SnapshotIndicator = z.infer<typeof snapshotIndicatorSchema>;
export type SnapshotSurveyAggregate = z.infer<typeof snapshotSurveyAggregateSchema>;
export type SnapshotNetworkMeasure = z.infer<typeof snapshotNetworkMeasureSchema>;
export type EvaluationDesign = z.infer<typeof evaluationDesignSchema>;
export type EvidenceContent = z.infer<typeof evidenceContentSchema>;
export type EvidenceSnapshot = z.infer<typeof evidenceSnapshotSchema>;
