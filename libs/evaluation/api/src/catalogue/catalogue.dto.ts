import type {
  DacCriterionDefinition,
  EvaluationStatus,
  RatingLevel,
  Translated,
  WorkflowTransition,
} from '@quartier/evaluation-core';
import type {
  IndicatorRefRow,
  NetworkCatalogueRow,
  SurveyCatalogueRow,
} from '../evidence/evidence.repository';
import type { MeasureRefRow, ProgrammeRefRow } from '../read-models/refs.repository';

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
