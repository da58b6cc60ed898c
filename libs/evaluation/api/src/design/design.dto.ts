import { labelText, MATCHING_LIMITS, periodSchema } from '@quartier/contracts';
import {
  snapshotIndicatorSchema,
  type EvaluationNumbers,
  type SnapshotIndicator,
} from '@quartier/evaluation-core';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { snapshotInfoSchema, type SnapshotInfo } from '../snapshots/snapshot.dto';
import { evaluationNumbersView } from './numbers.dto';

const code = z.string().trim().min(1).max(100);
/** Network measure codes as the network service publishes them (density, crossSectorTieShare, …). */
const metric = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a network measure code, e.g. density');

function unique(field: string) {
  return (items: readonly string[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item))
        ctx.addIssue({ code: 'custom', path: [i], message: `${field}: ${item} is listed twice` });
      seen.add(item);
    });
  };
}

export const designSchema = z
  .object({
    /** Outcome indicators: before/after, difference-in-differences and event study for each. */
    outcomes: z.array(code).max(30).superRefine(unique('outcomes')).default([]),
    /** Periods to compare; null: every period with values of an outcome. */
    periods: z.array(periodSchema).min(2).max(80).superRefine(unique('periods')).nullable().default(null),
    /** Nearest-neighbour matching on baseline indicators; null: comparison areas chosen directly. */
    matching: z
      .object({
        on: z.array(code).min(1).max(MATCHING_LIMITS.indicators).superRefine(unique('matching.on')),
        /** Baseline period; null: the last period before the start. */
        period: periodSchema.nullable().default(null),
        k: z
          .number()
          .int()
          .min(MATCHING_LIMITS.neighbours.min)
          .max(MATCHING_LIMITS.neighbours.max)
          .default(1),
      })
      .strict()
      .nullable()
      .default(null),
    /** Comparison areas chosen directly (besides or instead of matching). */
    comparisonAreaIds: z.array(z.uuid()).max(2000).superRefine(unique('comparisonAreaIds')).default([]),
    /** Survey items (the indicator codes surveys publish) shown per wave next to the indicators. */
    surveyItems: z.array(code).max(50).superRefine(unique('surveyItems')).default([]),
    /** Network measures shown per wave for the networks of the evaluated and comparison areas. */
    networkMeasures: z.array(metric).max(30).superRefine(unique('networkMeasures')).default([]),
  })
  .strict();
export class DesignDto extends createZodDto(designSchema) {}
export type DesignInput = z.infer<typeof designSchema>;

export const adjustmentSchema = z
  .object({
    action: z.enum(['drop', 'add']),
    areaId: z.uuid(),
    reason: labelText(1000).refine((text) => text.trim() !== '', 'a drop or addition needs a reason'),
  })
  .strict();
export class AdjustmentDto extends createZodDto(adjustmentSchema) {}
export type AdjustmentInput = z.infer<typeof adjustmentSchema>;

/** A manual change of the comparison areas, as stored (by area id; the snapshot names codes). */
export interface StoredAdjustment {
  action: 'drop' | 'add';
  areaId: string;
  reason: string;
  by: string;
  at: string;
}

/** The design as stored with the evaluation. */
export interface StoredDesign extends DesignInput {
  /** Manual drops and additions of comparison areas, in the order they were made. */
  adjustments: StoredAdjustment[];
}

export const EMPTY_DESIGN: StoredDesign = {
  outcomes: [],
  periods: null,
  matching: null,
  comparisonAreaIds: [],
  surveyItems: [],
  networkMeasures: [],
  adjustments: [],
};

/** An area in the results: its part in the design, for the map and the tables. */
export interface ResultAreaView {
  /** Registry id now (null when the area no longer exists in the registry). */
  id: string | null;
  code: string;
  name: string;
  level: string;
  population: number | null;
  /** context: an enclosing area whose survey or network evidence is shown. */
  role: 'treated' | 'comparison' | 'context';
}

export interface SurveyItemView {
  code: string;
  name: string;
  question: string;
  measure: string;
}

/**
 * Where matching looks for comparison areas: the root areas of the subtrees fixed when the design
 * was saved (the editor's area scope). null in the answers: the whole city.
 */
export interface ComparisonPoolView {
  areaIds: string[];
  areas: { id: string; code: string; name: string }[];
}

export const comparisonPoolView = z
  .object({
    areaIds: z.array(z.string()),
    areas: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  })
  .meta({ id: 'ComparisonPool' })
  .nullable();

/** Every number of an evaluation, with where it comes from. */
export interface EvaluationResultsView {
  evaluationId: string;
  /** `snapshot`: recomputed from the frozen evidence; `live`: from the read models now. */
  source: 'snapshot' | 'live';
  /** Content hash of the evidence (the snapshot's, or what a snapshot taken now would have). */
  evidenceHash: string;
  snapshot: SnapshotInfo | null;
  startPeriod: string;
  pre: string[];
  post: string[];
  indicators: SnapshotIndicator[];
  /** The city the programme areas are compared with: every area of their level. */
  reference: { label: string; level: string; areaCount: number } | null;
  areas: ResultAreaView[];
  /**
   * Matching, comparison areas, balance, before/after, DiD and event study per outcome, survey
   * and network series. Before/after aggregates whose numerator falls below the indicator's
   * publication minimum are withheld (`value` null, `withheld` true), as are changes built on them.
   */
  numbers: EvaluationNumbers;
  surveyItems: SurveyItemView[];
  /** Where matching looked for comparison areas; null: city-wide. */
  comparisonPool: ComparisonPoolView | null;
}

// Response schemas (docs/adr/0007): the interfaces above are what the service builds; the
// compile-time checks in design-answers.dto.ts prove it answers what these document.

/** The design as stored and answered with the evaluation (area ids, not codes). */
export const storedDesignView = z.object({
  outcomes: z.array(z.string()),
  /** null: every period with values of an outcome. */
  periods: z.array(z.string()).nullable(),
  matching: z
    .object({ on: z.array(z.string()), period: z.string().nullable(), k: z.number().int() })
    .nullable(),
  comparisonAreaIds: z.array(z.string()),
  surveyItems: z.array(z.string()),
  networkMeasures: z.array(z.string()),
  /** Manual drops and additions of comparison areas, in the order they were made. */
  adjustments: z.array(
    z.object({
      action: z.enum(['drop', 'add']),
      areaId: z.string(),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export const resultsSchema = z.object({
  evaluationId: z.uuid(),
  /** `snapshot`: recomputed from the frozen evidence; `live`: from the read models now. */
  source: z.enum(['snapshot', 'live']),
  evidenceHash: z.string(),
  snapshot: snapshotInfoSchema.nullable(),
  startPeriod: z.string(),
  pre: z.array(z.string()),
  post: z.array(z.string()),
  indicators: z.array(snapshotIndicatorSchema),
  /** The city the evaluated areas are compared with: every area of their level. */
  reference: z.object({ label: z.string(), level: z.string(), areaCount: z.number().int() }).nullable(),
  /** Evaluated, comparison and context areas, with their registry id now (null: gone). */
  areas: z.array(
    z.object({
      id: z.string().nullable(),
      code: z.string(),
      name: z.string(),
      level: z.string(),
      population: z.number().nullable(),
      role: z.enum(['treated', 'comparison', 'context']),
    }),
  ),
  numbers: evaluationNumbersView,
  surveyItems: z.array(
    z.object({ code: z.string(), name: z.string(), question: z.string(), measure: z.string() }),
  ),
  /** Where matching looked for comparison areas (the root areas of the subtrees); null: city-wide. */
  comparisonPool: comparisonPoolView,
});
export class ResultsDto extends createZodDto(resultsSchema) {}
