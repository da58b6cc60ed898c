import { EVALUATED_AREAS_MAX, EVIDENCE_KINDS, labelText, nameText, periodSchema } from '@quartier/contracts';
import type {
  CriterionRating,
  DacCriterion,
  EvaluationStatus,
  WorkflowAction,
} from '@quartier/evaluation-core';
import { orNull, pageOf, pageQueryFields, patchBody } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  comparisonPoolView,
  storedDesignView,
  type ComparisonPoolView,
  type StoredDesign,
} from '../design/design.dto';
import { snapshotInfoSchema, type SnapshotInfo } from '../snapshots/snapshot.dto';

/** A non-blank paragraph: questions, findings, recommendations. */
const paragraph = labelText(4000).refine((text) => text.trim() !== '', 'must not be blank');
const paragraphs = z.array(paragraph).max(50);

const objectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('programme'), programmeId: z.uuid() }).strict(),
  z.object({ kind: z.literal('measure'), measureId: z.uuid() }).strict(),
  z.object({ kind: z.literal('areas'), areaIds: z.array(z.uuid()).min(1).max(EVALUATED_AREAS_MAX) }).strict(),
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

export const updateEvaluationSchema = patchBody({
  title: nameText().optional(),
  startPeriod: periodSchema.optional(),
  questions: paragraphs.optional(),
  findings: paragraphs.optional(),
  recommendations: paragraphs.optional(),
});
export class UpdateEvaluationDto extends createZodDto(updateEvaluationSchema) {}
export type UpdateEvaluationInput = z.infer<typeof updateEvaluationSchema>;

export const listEvaluationsSchema = z.object({
  ...pageQueryFields({ max: 500, default: 100 }),
  status: z.enum(['draft', 'in-review', 'final']).optional(),
  programmeId: z.uuid().optional(),
});
export class ListEvaluationsQueryDto extends createZodDto(listEvaluationsSchema) {}
export type ListEvaluationsQuery = z.infer<typeof listEvaluationsSchema>;

/** Named (one `EvidenceKind` component): a rating's evidence as sent and as answered. */
const evidenceKind = z.enum(EVIDENCE_KINDS).meta({ id: 'EvidenceKind' });

const evidenceReference = z
  .object({
    kind: evidenceKind,
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

export const pageSchema = z.object(pageQueryFields({ max: 500, default: 100 }));
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
  /** Where matching looks for comparison areas, fixed when the design was saved; null: city-wide. */
  comparisonPool: ComparisonPoolView | null;
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

// Response schemas (docs/adr/0007): the interfaces above are what the services build; the
// compile-time checks in evaluation-answers.dto.ts prove they answer what these document.

/** Named (one `DacCriterion` component): a rating's criterion, the unrated ones, the blockers. */
const dacCriterion = z
  .enum(['relevance', 'coherence', 'effectiveness', 'efficiency', 'impact', 'sustainability'])
  .meta({ id: 'DacCriterion' });
const statusView = z.enum(['draft', 'in-review', 'final']);
const actionView = z.enum(['submit', 'return', 'finalise']);
const areaView = z.object({
  id: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
});

/** An evaluation as answered alone and in the list (one `Evaluation` component). */
export const evaluationViewSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    object: z.object({
      kind: z.enum(['programme', 'measure', 'areas']),
      programmeId: z.string().nullable(),
      programmeName: z.string().nullable(),
      measureId: z.string().nullable(),
      measureTitle: z.string().nullable(),
      /** The areas evaluated now. */
      areas: z.array(areaView),
    }),
    startPeriod: z.string(),
    status: statusView,
    questions: z.array(z.string()),
    /** Ratings in DAC order; criteria without one are listed in `unrated`. */
    ratings: z.array(
      z.object({
        criterion: dacCriterion,
        rating: z.number().int().min(1).max(4),
        justification: z.string(),
        evidence: z.array(
          z.object({ kind: evidenceReference.shape.kind, ref: z.string(), note: z.string().optional() }),
        ),
      }),
    ),
    unrated: z.array(dacCriterion),
    /** Criteria that keep the evaluation object from being called successful (BMZ rule). */
    successBlockers: z.array(dacCriterion),
    findings: z.array(z.string()),
    recommendations: z.array(z.string()),
    design: storedDesignView,
    /** Where matching looks for comparison areas (root areas of the subtrees), fixed when the design was saved; null: city-wide. */
    comparisonPool: comparisonPoolView,
    /** The frozen evidence the numbers are computed from; null: computed from live data. */
    snapshot: snapshotInfoSchema.nullable(),
    submittedBy: orNull(z.string(), 'who submitted it for review; null: not submitted'),
    finalisedBy: orNull(z.string(), 'who finalised it; null: not final'),
    finalisedAt: orNull(z.string(), 'when it was finalised; null: not final'),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Workflow steps the caller may take now. */
    actions: z.array(actionView),
    /** Whether the caller may change content, design, ratings and snapshots. */
    editable: z.boolean(),
  })
  .meta({ id: 'Evaluation' });
export class EvaluationViewDto extends createZodDto(evaluationViewSchema) {}

export const evaluationListSchema = pageOf(evaluationViewSchema);
export class EvaluationListDto extends createZodDto(evaluationListSchema) {}

export const auditSchema = z.object({
  items: z.array(
    z.object({
      /** `create` opens the trail; the others are workflow steps. */
      action: z.enum(['create', 'submit', 'return', 'finalise']),
      from: statusView.nullable(),
      to: statusView,
      by: z.string(),
      at: z.string(),
      comment: z.string(),
    }),
  ),
});
export class AuditDto extends createZodDto(auditSchema) {}
