import type { Role } from '@quartier/contracts';

export const SURVEY_CONNECTION = 'survey';

/** Create, edit, publish and close surveys, enter and import responses (planners within their scope). */
export const SURVEY_EDITORS = ['tenant-admin', 'planner'] as const satisfies readonly Role[];
/** Read survey definitions and their (k-anonymous) results. */
export const SURVEY_READERS = ['tenant-admin', 'planner', 'analyst'] as const satisfies readonly Role[];
/** Read published, k-anonymous results only. */
export const RESULT_READERS = [
  'tenant-admin',
  'planner',
  'analyst',
  'viewer',
] as const satisfies readonly Role[];

/** Options of the survey module beyond the runtime (tests and the benchmark tune the public rate limit). */
export interface SurveyModuleOptions {
  /** Public submissions per client address and window (kept in memory only). */
  readonly publicRateLimit?: { readonly limit: number; readonly windowSeconds: number };
}

export const SURVEY_MODULE_OPTIONS = Symbol('quartier:survey-module-options');

/** The content type of an XLSX upload (an XLSForm, a paper-response table). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
