import { labelText, nameText, periodSchema } from '@quartier/contracts';
import type {
  CriterionRating,
  DacCriterion,
  EvaluationStatus,
  WorkflowAction,
} from '@quartier/evaluation-core';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { StoredDesign } from '../design/design.dto';
import type { SnapshotInfo } from '../snapshots/snapshot.dto';

/** A non-blank paragraph: questions, findings, recommendations. */
const paragraph = labelText(4000).refine((text) => text.trim() !== '', 'must not be blank');
const paragraphs = z.array(paragraph).max(50);

const objectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('programme'), programmeId: z.uuid() }).strict(),
  z.object({ kind: z.literal('measure'), measureId: z.uuid() }).strict(),
  z.object({ kind: z.literal('areas'), areaIds: z.array(z.uuid()).min(1).max(500) }).strict(),
]);

export const createEvaluationSchema = z
  .object({
    title: nameText(),
    object: objectSchema,
    /**
     * First period of the intervention; periods before it are "before". Default: the year the
     * programme's first funding period starts, or the measure's (actual, else planned) start.
     */
    startPeriod: periodSchema.optional(),
    questions: paragraphs.default([]),
  })
  .strict();
export class CreateEvaluationDto extends createZodDto(createEvaluationSchema) {}
export type CreateEvaluationInput = z.infer<typeof createEvaluationSchema>;

export const updateEvaluationSchema = z
  .object({
    title: nameText().optional(),
    startPeriod: periodSchema.optional(),
    questions: paragraphs.optional(),
    findings: paragraphs.optional(),
    recommendations: paragraphs.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export class UpdateEvaluationDto extends createZodDto(updateEvaluationSchema) {}
export type UpdateEvaluationInput = z.infer<typeof updateEvaluationSchema>;

export const listEvaluationsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(['draft', 'in-review', 'final']).optional(),
  programmeId: z.uuid().optional(),
});
export class ListEvaluationsQueryDto extends createZodDto(listEvaluationsSchema) {}
export type ListEvaluationsQuery = z.infer<typeof listEvaluationsSchema>;

const evidenceReference = z
  .object({
    kind: z.enum([
      'did',
      'event-study',
      'before-after',
      'balance',
      'indicator',
      'survey',
      'network',
      'document',
    ]),
    /** An indicator code, survey item, network measure or document title. */
    ref: nameText(),
    note: labelText(1000).optional(),
  })
  .strict();

export const ratingSchema = z
  .object({
    rating: z.number().int().min(1).max(4),
    justification: paragraph,
    evidence: z.array(evidenceReference).max(30).default([]),
  })
  .strict();
export class RatingDto extends createZodDto(ratingSchema) {}
export type RatingInput = z.infer<typeof ratingSchema>;

export const transitionSchema = z
  .object({
    action: z.enum(['submit', 'return', 'finalise']),
    comment: labelText(2000).default(''),
  })
  .strict();
export class TransitionDto extends createZodDto(transitionSchema) {}
export type TransitionInput = z.infer<typeof transitionSchema>;

export const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export class PageQueryDto extends createZodDto(pageSchema) {}

/** An area as evaluations show it: registry id (null when it no longer exists), code and name. */
export interface AreaView {
  id: string | null;
  code: string;
  name: string;
  level: string;
}

/** What is evaluated. */
export interface EvaluationObjectView {
  kind: 'programme' | 'measure' | 'areas';
  programmeId: string | null;
  programmeName: string | null;
  measureId: string | null;
  measureTitle: string | null;
  /** The areas evaluated now: the programme's or measure's current areas, or those chosen. */
  areas: AreaView[];
}

/** An evaluation as the API answers it. */
export interface EvaluationView {
  id: string;
  title: string;
  object: EvaluationObjectView;
  startPeriod: string;
  status: EvaluationStatus;
  questions: string[];
  /** Ratings in DAC order; criteria without one are listed in `unrated`. */
  ratings: CriterionRating[];
  unrated: DacCriterion[];
  /** Criteria that keep the evaluation object from being called successful (BMZ rule). */
  successBlockers: DacCriterion[];
  findings: string[];
  recommendations: string[];
  design: StoredDesign;
  /** The frozen evidence the numbers are computed from; null: computed from live data. */
  snapshot: SnapshotInfo | null;
  submittedBy: string | null;
  finalisedBy: string | null;
  finalisedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Workflow steps the caller may take now. */
  actions: WorkflowAction[];
  /** Whether the caller may change content, design, ratings and snapshots (not when final). */
  editable: boolean;
}

export interface EvaluationList {
  items: EvaluationView[];
  total: number;
}

/** One entry of the audit trail. */
export interface TransitionView {
  /** `create` opens the trail; the others are workflow steps. */
  action: WorkflowAction | 'create';
  from: EvaluationStatus | null;
  to: EvaluationStatus;
  by: string;
  at: string;
  comment: string;
}
