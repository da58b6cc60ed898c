import type { ReportingSchemas } from '@quartier/portal-data-access';
import { jobActive } from '@quartier/portal-ui/jobs';

/** A report job as the reporting service answers it. */
export type ReportView = ReportingSchemas['ReportViewDto_Output'];

/** What a person may do with a job in its state (the service has the last word on permissions). */
export interface ReportActions {
  readonly download: boolean;
  /** A first-page preview: finished single PDFs (a batch is a ZIP of them). */
  readonly preview: boolean;
  readonly cancel: boolean;
  /** Render the same pinned data again / gather the data anew: once the job has ended. */
  readonly regenerate: boolean;
  readonly update: boolean;
}

export function actionsOf(report: Pick<ReportView, 'status' | 'contentType'>): ReportActions {
  const done = report.status === 'done';
  const ended = !jobActive(report.status);
  return {
    download: done,
    preview: done && report.contentType === 'application/pdf',
    cancel: jobActive(report.status),
    regenerate: ended,
    update: ended,
  };
}

/**
 * Milliseconds until the next status request after `polls` requests for the same active jobs:
 * quick at first (a single profile is done in about a second), then slower, so a batch of
 * hundreds of profiles that runs for minutes does not keep the service busy answering.
 */
export function pollDelay(polls: number): number {
  if (polls < 10) return 500;
  if (polls < 40) return 1_000;
  return 3_000;
}

/** HTTP status that a job error code corresponds to, for describeProblem's fallback sentence. */
const JOB_ERROR_STATUS: Readonly<Record<string, number>> = {
  InvalidReportData: 422,
  InvalidDocument: 422,
  ReportNotFound: 404,
  SubjectNotFound: 404,
  AreaNotFound: 404,
  LevelNotFound: 404,
  OutOfScope: 403,
  UpstreamRefused: 403,
  PinnedDataCorrupt: 409,
  PinnedDataMissing: 409,
};

/**
 * A failed or stopped job's error as a problem for describeProblem: its code selects the
 * translated sentence (`apiError.<code>`); the service's English message is never shown.
 */
export function jobProblem(error: NonNullable<ReportView['error']>): {
  status: number;
  code: string;
  message: null;
  details: readonly string[];
} {
  return { status: JOB_ERROR_STATUS[error.code] ?? 500, code: error.code, message: null, details: [] };
}
