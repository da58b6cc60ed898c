import type { ReportingErrorCode } from '@quartier/reporting-core';
import { ServiceError } from '@quartier/service-kit';

/** Error codes of the reporting service; their HTTP meaning is declared once below. */
export type ReportingServiceErrorCode =
  | 'ReportNotFound'
  | 'InvalidReportRequest'
  | 'AreaNotFound'
  | 'LevelNotFound'
  | 'SubjectNotFound'
  | 'OutOfScope'
  | 'ReportNotReady'
  | 'ReportNotRegenerable'
  | 'UpstreamRefused'
  | 'UpstreamFailed'
  | 'ScheduleNotFound'
  | 'InvalidSchedule'
  | 'NoScheduleAccount'
  | 'InvalidSettings';

export class ReportingServiceError extends ServiceError<ReportingServiceErrorCode> {
  override readonly name = 'ReportingServiceError';
}

export const REPORTING_ERROR_STATUS: Record<ReportingServiceErrorCode, number> = {
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
};

/** The core's errors: bad data is unprocessable, a broken font or renderer is ours (500). */
export const REPORTING_CORE_ERROR_STATUS: Record<ReportingErrorCode, number> = {
  InvalidDocument: 422,
  InvalidReportData: 422,
  InvalidFont: 500,
  RenderFailed: 500,
};
