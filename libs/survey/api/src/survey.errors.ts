import { AuthError, assertCanAct, toHttpException, type AccessContext } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import type { SurveyErrorCode } from '@quartier/survey-core';
import { serviceErrorClass } from '@quartier/service-kit';

/** Every error code of the survey service with its HTTP status: the one place its codes are declared. */
export const SurveyApiError = serviceErrorClass('SurveyApiError', {
  SurveyNotFound: 404,
  WaveNotFound: 404,
  FormMissing: 409,
  InvalidFormModel: 422,
  InvalidIndicatorItem: 422,
  InvalidWeighting: 422,
  IncompatibleFormChange: 409,
  FormBreaksSettings: 422,
  InvalidTargetArea: 422,
  InvalidStatusChange: 409,
  WaveNameTaken: 409,
  NotPublishable: 409,
  SurveyNotOpen: 409,
  WaveNotOpen: 409,
  InvitationRequired: 403,
  InvitationInvalid: 403,
  // Invitation codes asked for a wave open to everyone (codes would admit no one it does not).
  WaveNotInvitationOnly: 409,
  InvalidAnswers: 422,
  InvalidImport: 422,
  // A paper sheet has no columns for a name generator: network surveys are answered online or by interview.
  PaperImportUnsupported: 409,
  UnsupportedMediaType: 415,
  PayloadTooLarge: 413,
  ReleaseNotDue: 409,
  // The core's code, when the service refuses an uploaded XLSForm with the core's issues.
  InvalidForm: 422,
});
export type SurveyApiError = InstanceType<typeof SurveyApiError>;

/** The core's errors (forms, submissions, aggregation): unprocessable input. */
export const SURVEY_CORE_ERROR_STATUS: Record<SurveyErrorCode, number> = {
  InvalidForm: 422,
  InvalidWorkbook: 422,
  InvalidSubmission: 422,
  InvalidResponses: 422,
  InvalidAggregation: 422,
  InvalidNetworkSubmission: 422,
};

/**
 * The caller's role must apply to the survey's scope area (403 otherwise). The refusal is the
 * guard's HttpException (with the reason phrase in `error`), so a refusal after loading the survey
 * reads exactly like one at the route.
 */
export function assertSurveyAccess(
  access: AccessContext,
  roles: readonly Role[],
  scopeAreaPath: readonly string[],
): void {
  try {
    assertCanAct(access.principal, access.assignments, roles, { areaPath: scopeAreaPath });
  } catch (error) {
    throw error instanceof AuthError ? toHttpException(error) : error;
  }
}
