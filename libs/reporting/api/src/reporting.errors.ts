import type { ReportingErrorCode } from '@quartier/reporting-core';
import { serviceErrorClass } from '@quartier/service-kit';

/** Every error code of the reporting service with its HTTP status: the one place its codes are declared. */
export const ReportingServiceError = serviceErrorClass('ReportingServiceError', {
  ReportNotFound: 404,
  InvalidReportRequest: 422,
  AreaNotFound: 404,
  LevelNotFound: 404,
  SubjectNotFound: 404,
  OutOfScope: 403,
  ReportNotReady: 409,
  ReportNotRegenerable: 409,
  UpstreamRefused: 403,
  UpstreamFailed: 502,
  ScheduleNotFound: 404,
  InvalidSchedule: 422,
  NoScheduleAccount: 409,
  InvalidSettings: 422,
});
export type ReportingServiceError = InstanceType<typeof ReportingServiceError>;

/** The core's errors: bad data is unprocessable, a broken font or renderer is ours (500). */
export const REPORTING_CORE_ERROR_STATUS: Record<ReportingErrorCode, number> = {
  InvalidDocument: 422,
  InvalidReportData: 422,
  InvalidFont: 500,
  RenderFailed: 500,
};
