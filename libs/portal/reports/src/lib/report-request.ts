import type { ReportingSchemas } from '@quartier/portal-data-access';

/** A report request as the reporting service's generated client declares it. */
export type ReportRequest = ReportingSchemas['ReportRequestDto'];
export type ReportType = ReportRequest['type'];
export type ReportFormat = NonNullable<ReportRequest['format']>;
export type ReportLanguage = NonNullable<ReportRequest['language']>;

/**
 * The id field that names each type's subject (an area profile may name a level instead).
 * A Record over the generated type: a report type the service adds fails to compile here
 * until the page knows its subject.
 */
const SUBJECT_FIELD: Readonly<Record<ReportType, 'areaId' | 'indexRunId' | 'programmeId' | 'evaluationId'>> =
  {
    'area-profile': 'areaId',
    monitoring: 'indexRunId',
    programme: 'programmeId',
    evaluation: 'evaluationId',
  };
/** The report types the page offers: every type the service's request schema accepts. */
export const REPORT_TYPES = Object.keys(SUBJECT_FIELD) as readonly ReportType[];
export const REPORT_FORMATS = ['pdf', 'docx', 'xlsx', 'csv'] as const satisfies readonly ReportFormat[];
export const REPORT_LANGUAGES = ['de', 'en'] as const satisfies readonly ReportLanguage[];
/** Area profiles: trends over 2…12 periods (the service's bounds). */
export const PERIODS = { min: 2, max: 12 } as const;

/** The form's state: every field of every type; only those of the chosen type are sent. */
export interface ReportForm {
  type: ReportType;
  /** Area profiles: one area, or every area of a level as a ZIP. */
  scope: 'area' | 'level';
  areaId: string;
  level: string;
  /** Empty: the service's default. */
  periods: string;
  indexRunId: string;
  programmeId: string;
  evaluationId: string;
  format: ReportFormat;
  language: ReportLanguage;
}

export type ReportFormField = 'areaId' | 'level' | 'periods' | 'indexRunId' | 'programmeId' | 'evaluationId';

export type ReportFormResult =
  | { readonly ok: true; readonly request: ReportRequest }
  | { readonly ok: false; readonly field: ReportFormField };

export function emptyReportForm(language: ReportLanguage): ReportForm {
  return {
    type: 'area-profile',
    scope: 'area',
    areaId: '',
    level: '',
    periods: '',
    indexRunId: '',
    programmeId: '',
    evaluationId: '',
    format: 'pdf',
    language,
  };
}

/**
 * The request for the form: the fields of the chosen type and nothing else (the service refuses
 * a field that does not apply), or the first field that is missing or out of range.
 */
export function reportRequestOf(form: ReportForm): ReportFormResult {
  const common = { format: form.format, language: form.language };
  switch (form.type) {
    case 'area-profile': {
      const periods = form.periods.trim();
      let count: number | undefined;
      if (periods !== '') {
        count = Number(periods);
        if (!Number.isInteger(count) || count < PERIODS.min || count > PERIODS.max)
          return { ok: false, field: 'periods' };
      }
      const withPeriods = count === undefined ? {} : { periods: count };
      if (form.scope === 'level') {
        const level = form.level.trim();
        return level
          ? { ok: true, request: { type: form.type, level, ...withPeriods, ...common } }
          : { ok: false, field: 'level' };
      }
      return form.areaId
        ? { ok: true, request: { type: form.type, areaId: form.areaId, ...withPeriods, ...common } }
        : { ok: false, field: 'areaId' };
    }
    case 'monitoring':
      return form.indexRunId
        ? { ok: true, request: { type: form.type, indexRunId: form.indexRunId, ...common } }
        : { ok: false, field: 'indexRunId' };
    case 'programme':
      return form.programmeId
        ? { ok: true, request: { type: form.type, programmeId: form.programmeId, ...common } }
        : { ok: false, field: 'programmeId' };
    case 'evaluation':
      return form.evaluationId
        ? { ok: true, request: { type: form.type, evaluationId: form.evaluationId, ...common } }
        : { ok: false, field: 'evaluationId' };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The request a "create report" link of another page carried in its navigation state
 * (`{ createReport: { type, areaId | indexRunId | programmeId | evaluationId } }`, see the ui's
 * CreateReportLink), as a PDF in the portal's language. History state is data from outside
 * the page: anything but one known type with a well-formed id is refused (null).
 */
export function reportRequestFromLink(subject: unknown, language: ReportLanguage): ReportRequest | null {
  if (typeof subject !== 'object' || subject === null) return null;
  const fields = subject as Record<string, unknown>;
  const type = REPORT_TYPES.find((t) => t === fields['type']);
  if (!type) return null;
  const field = SUBJECT_FIELD[type];
  const id = text(fields[field]);
  if (!UUID.test(id)) return null;
  const result = reportRequestOf({ ...emptyReportForm(language), type, [field]: id });
  return result.ok ? result.request : null;
}
