import type { ProgrammeErrorCode } from '@quartier/programme-core';
import { serviceErrorClass } from '@quartier/service-kit';

/** Every error code of the programme service with its HTTP status: the one place its codes are declared. */
export const ProgrammeServiceError = serviceErrorClass('ProgrammeServiceError', {
  ProgrammeNotFound: 404,
  ProgrammeExists: 409,
  InvalidProgramme: 422,
  InvalidBudget: 422,
  MeasureNotFound: 404,
  InvalidMeasure: 422,
  OverCommitment: 422,
  IndexRunNotFound: 404,
  InvalidAreaSelection: 422,
  NoProgrammeAreas: 409,
  InvalidAllocation: 422,
  AllocationNotFound: 404,
  ImpactModelNotFound: 404,
  InvalidImpactModel: 422,
  ImpactModelChanged: 409,
  InvalidMeasureImport: 422,
  UnsupportedMediaType: 415,
});
export type ProgrammeServiceError = InstanceType<typeof ProgrammeServiceError>;

/** The core's errors: unprocessable input, except workflow refusals (403) and conflicts (409). */
export const PROGRAMME_CORE_ERROR_STATUS: Record<ProgrammeErrorCode, number> = {
  InvalidAllocationInput: 422,
  InfeasibleAllocation: 422,
  InvalidAttainmentInput: 422,
  InvalidThresholds: 422,
  InvalidSelectionRule: 422,
  InvalidAreaChanges: 422,
  ForbiddenTransition: 403,
  InvalidTransition: 409,
  CommentRequired: 422,
  InvalidBudget: 422,
  OverCommitment: 422,
  InvalidImpactModel: 422,
  InvalidIatiInput: 422,
  InvalidWorkflowInput: 422,
  InvalidMeasureTable: 422,
};
