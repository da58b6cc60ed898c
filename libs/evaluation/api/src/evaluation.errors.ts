import type { EvaluationErrorCode } from '@quartier/evaluation-core';
import { serviceErrorClass } from '@quartier/service-kit';

/** Every error code of the evaluation service with its HTTP status: the one place its codes are declared. */
export const EvaluationServiceError = serviceErrorClass('EvaluationServiceError', {
  EvaluationNotFound: 404,
  EvaluationExists: 409,
  ProgrammeNotFound: 404,
  MeasureNotFound: 404,
  InvalidAreas: 422,
  UnknownIndicator: 422,
  UnknownEvidence: 422,
  NoTreatedAreas: 409,
  DesignIncomplete: 409,
  DesignConflict: 409,
  InvalidEvidence: 422,
  NoSnapshot: 409,
  InvalidStartPeriod: 422,
});
export type EvaluationServiceError = InstanceType<typeof EvaluationServiceError>;

/**
 * The core's errors: unprocessable input, except workflow refusals (403), workflow conflicts and
 * changes of a final evaluation (409), and a stored snapshot that no longer verifies (500: the
 * stored evidence was tampered with or damaged, which no request can repair).
 */
export const EVALUATION_CORE_ERROR_STATUS: Record<EvaluationErrorCode, number> = {
  InvalidInput: 422,
  TooFewAreas: 422,
  MissingObservations: 422,
  InvalidPeriods: 422,
  TooFewObservations: 422,
  SingularDesign: 422,
  SingularCovariance: 422,
  MissingBaseline: 422,
  NotEnoughCandidates: 422,
  NotEnoughCandidatesInPool: 422,
  InvalidAdjustment: 422,
  InvalidRating: 422,
  InvalidTransition: 409,
  TransitionForbidden: 403,
  EvaluationFrozen: 409,
  InvalidSnapshot: 500,
};
