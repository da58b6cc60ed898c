import { roleSchema } from '@quartier/contracts';
import type {
  DacCriterionDefinition,
  EvaluationStatus,
  RatingLevel,
  Translated,
  WorkflowTransition,
} from '@quartier/evaluation-core';
import { pageOf } from '@quartier/service-kit';
import type {
  IndicatorRefRow,
  NetworkCatalogueRow,
  SurveyCatalogueRow,
} from '../evidence/evidence.repository';
import type { MeasureRefRow, ProgrammeRefRow } from '../read-models/refs.repository';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { translatedView } from '../api-views.dto';

/** The OECD-DAC criteria, the rating scale and the workflow, as data for forms and reports. */
export interface CriteriaView {
  criteria: readonly DacCriterionDefinition[];
  scale: readonly RatingLevel[];
  statuses: { code: EvaluationStatus; label: Translated }[];
  transitions: readonly WorkflowTransition[];
}

/** A programme as the evaluation service knows it from the programme service's events. */
export type ProgrammeRefView = ProgrammeRefRow & { measureCount: number };
export type MeasureRefView = MeasureRefRow;

/** What an evaluation's design can draw on. */
export interface EvidenceSourcesView {
  /** Indicators with the periods that have values (outcomes and matching indicators). */
  indicators: (Omit<IndicatorRefRow, 'minNumerator'> & { periods: string[] })[];
  /** Survey items that surveys publish k-anonymously per area and wave. */
  surveyItems: SurveyCatalogueRow[];
  /** Network measures published per network wave, with how many networks have them. */
  networkMeasures: NetworkCatalogueRow[];
}

// Response schemas (docs/adr/0007): the interfaces above are what the service builds; the
// compile-time checks in catalogue-answers.dto.ts prove it answers what these document.

export const criteriaSchema = z.object({
  criteria: z.array(
    z.object({
      code: z.enum(['relevance', 'coherence', 'effectiveness', 'efficiency', 'impact', 'sustainability']),
      label: translatedView,
      /** The OECD-DAC guiding question. */
      question: translatedView,
    }),
  ),
  /** The 4-step rating scale, 1 best; levels 1–3 count as successful (BMZ). */
  scale: z.array(
    z.object({
      code: z.number().int().min(1).max(4),
      label: translatedView,
      successful: z.boolean(),
      bmzGrades: z.array(z.number().int()),
    }),
  ),
  statuses: z.array(z.object({ code: z.enum(['draft', 'in-review', 'final']), label: translatedView })),
  transitions: z.array(
    z.object({
      action: z.enum(['submit', 'return', 'finalise']),
      from: z.enum(['draft', 'in-review', 'final']),
      to: z.enum(['draft', 'in-review', 'final']),
      roles: z.array(roleSchema),
      label: translatedView,
    }),
  ),
});
export class CriteriaDto extends createZodDto(criteriaSchema) {}

const programmeRefView = z.object({
  id: z.uuid(),
  name: z.string(),
  funder: z.string(),
  status: z.string(),
  fundingPeriods: z.array(z.object({ from: z.string(), to: z.string() })),
  areaIds: z.array(z.string()),
  indexRunId: z.string().nullable(),
  measureCount: z.number().int(),
});
export const programmeRefListSchema = pageOf(programmeRefView);
export class ProgrammeRefListDto extends createZodDto(programmeRefListSchema) {}

const measureRefView = z.object({
  id: z.uuid(),
  programmeId: z.string(),
  title: z.string(),
  areaIds: z.array(z.string()),
  fieldOfAction: z.string().nullable(),
  status: z.string(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  budgetCents: z.number(),
});
export const measureRefListSchema = pageOf(measureRefView);
export class MeasureRefListDto extends createZodDto(measureRefListSchema) {}

export const evidenceSourcesSchema = z.object({
  /** Indicators with the periods that have values. */
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      polarity: z.enum(['higher-is-better', 'higher-is-worse', 'neutral']),
      scale: z.number(),
      definitionVersion: z.number().int(),
      periods: z.array(z.string()),
    }),
  ),
  /** Survey items that surveys publish k-anonymously per area and wave. */
  surveyItems: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      question: z.string(),
      measure: z.string(),
      waves: z.number().int(),
    }),
  ),
  /** Network measures published per network wave, with how many networks have them. */
  networkMeasures: z.array(z.object({ measure: z.string(), networks: z.number().int() })),
});
export class EvidenceSourcesDto extends createZodDto(evidenceSourcesSchema) {}
