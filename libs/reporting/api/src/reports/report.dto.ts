import { pageOf, pageQueryFields } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const REPORT_TYPES = ['area-profile', 'monitoring', 'programme', 'evaluation'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const REPORT_FORMATS = ['pdf', 'docx', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const format = z.enum(REPORT_FORMATS).default('pdf');
const language = z.enum(['de', 'en']).default('de');

/** What each type needs (beyond type, format, language) and what it must not carry. */
const SUBJECT_FIELDS = {
  'area-profile': ['areaId', 'level', 'periods'],
  monitoring: ['indexRunId'],
  programme: ['programmeId'],
  evaluation: ['evaluationId'],
} as const;

/**
 * A report request. One flat object (the OpenAPI form the portal's client is generated from),
 * checked per type: an area profile names exactly one of `areaId` (one profile) or `level`
 * (every area of that level the caller may see, as a ZIP); a monitoring report an index run;
 * a programme report a programme; an evaluation report an evaluation.
 */
export const reportRequestSchema = z
  .object({
    type: z.enum(REPORT_TYPES),
    areaId: z.uuid().optional(),
    level: z.string().trim().min(1).max(64).optional(),
    /** Area profiles: how many of the latest periods trends and changes cover (default 5). */
    periods: z.number().int().min(2).max(12).optional(),
    indexRunId: z.uuid().optional(),
    programmeId: z.uuid().optional(),
    evaluationId: z.uuid().optional(),
    format,
    language,
  })
  .strict()
  .superRefine((body, ctx) => {
    const allowed: readonly string[] = SUBJECT_FIELDS[body.type];
    for (const field of ['areaId', 'level', 'periods', 'indexRunId', 'programmeId', 'evaluationId'] as const)
      if (body[field] !== undefined && !allowed.includes(field))
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} does not apply to a ${body.type} report`,
        });
    const need = (field: 'indexRunId' | 'programmeId' | 'evaluationId') => {
      if (body[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `a ${body.type} report needs ${field}` });
    };
    if (body.type === 'area-profile' && (body.areaId === undefined) === (body.level === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['areaId'],
        message: 'name exactly one of areaId (one profile) or level (all profiles of a level as a ZIP)',
      });
    if (body.type === 'monitoring') need('indexRunId');
    if (body.type === 'programme') need('programmeId');
    if (body.type === 'evaluation') need('evaluationId');
  })
  // Named (one `ReportRequest` component): a report's request and a schedule's share it.
  .meta({ id: 'ReportRequest' });
export type ReportRequestBody = z.infer<typeof reportRequestSchema>;
export class ReportRequestDto extends createZodDto(reportRequestSchema) {}

interface Common {
  format: ReportFormat;
  language: 'de' | 'en';
}
/** A checked request, by type. */
export type ReportRequest =
  | (Common & { type: 'area-profile'; areaId?: string; level?: string; periods?: number })
  | (Common & { type: 'monitoring'; indexRunId: string })
  | (Common & { type: 'programme'; programmeId: string })
  | (Common & { type: 'evaluation'; evaluationId: string });

/** The request as its type's shape (the schema has checked the fields). */
export function asReportRequest(body: ReportRequestBody): ReportRequest {
  return body as ReportRequest;
}

export const rerenderSchema = z
  .object({ format: z.enum(REPORT_FORMATS).optional(), language: z.enum(['de', 'en']).optional() })
  .strict();
export class RerenderDto extends createZodDto(rerenderSchema) {}

export const listReportsQuerySchema = z.object({
  type: z.enum(REPORT_TYPES).optional(),
  /** Only the results of one scheduled report definition. */
  scheduleId: z.uuid().optional(),
  ...pageQueryFields({ max: 200, default: 50 }),
});
export class ListReportsQueryDto extends createZodDto(listReportsQuerySchema) {}

const isoInstant = z.iso.datetime({ offset: true });
const status = z.enum(REPORT_STATUSES);

/** `202` answer of a report request. */
export const reportAcceptedSchema = z.object({ id: z.uuid(), status });
export type ReportAccepted = z.infer<typeof reportAcceptedSchema>;
export class ReportAcceptedDto extends createZodDto(reportAcceptedSchema) {}

/** A report as the API answers it (one `Report` component: alone and in pages). */
export const reportViewSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(REPORT_TYPES),
    status,
    /** 0…1 */
    progress: z.number().min(0).max(1),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    /** When the data was gathered (the report's Datenstand). */
    asOf: isoInstant,
    /** SHA-256 of the pinned data (`sha256:<hex>`): equal hashes, equal numbers. */
    contentHash: z.string().optional(),
    title: z.string(),
    format: z.enum(REPORT_FORMATS),
    language: z.enum(['de', 'en']),
    params: z.record(z.string(), z.unknown()),
    fileName: z.string(),
    contentType: z.string(),
    /** Bytes of the finished file. */
    size: z.number().int().optional(),
    /** Update chain: the first report's id and this report's version in it. */
    lineageId: z.uuid(),
    version: z.number().int(),
    /** Set when re-rendered from another report's pinned data. */
    regeneratedFrom: z.uuid().nullable(),
    scheduleId: z.uuid().nullable(),
    /** `author`: its author (and tenant admins); `tenant`: every tenant-wide reader. */
    visibility: z.enum(['author', 'tenant']),
    createdBy: z.string(),
    createdAt: isoInstant,
    expiresAt: isoInstant,
  })
  .meta({ id: 'Report' });
export type ReportView = z.infer<typeof reportViewSchema>;
export class ReportViewDto extends createZodDto(reportViewSchema) {}

export const reportPageSchema = pageOf(reportViewSchema);
export type ReportPage = z.infer<typeof reportPageSchema>;
export class ReportPageDto extends createZodDto(reportPageSchema) {}
