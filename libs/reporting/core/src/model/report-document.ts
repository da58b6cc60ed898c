import { z } from 'zod';

// The report document model: what a report says, independent of the format it leaves in. Builders
// turn report data into it; every renderer (PDF, DOCX, XLSX, CSV) reads only this. It is plain
// JSON on purpose, so the reporting service can pin a report as the document it rendered and
// render it again in another format without fetching data again.

export const REPORT_SCHEMA_VERSION = 1;

export const reportLanguageSchema = z.enum(['de', 'en']);
export type ReportLanguage = z.infer<typeof reportLanguageSchema>;
/** The locale a report is written in: its numbers, dates and the language tag of its file. */
export const REPORT_LOCALES: Readonly<Record<ReportLanguage, string>> = { de: 'de-DE', en: 'en-GB' };

const digits = z.number().int().min(0).max(6);

/**
 * How a numeric column is written. Values are stored as the domain publishes them: `percent`
 * and `percentage-points` take 12.3 for 12.3 % (indicator values are percentages already, so
 * XLSX keeps the very numbers the API returns), `eur-cents` takes integer cents.
 */
export const numberFormatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('integer'), signed: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('decimal'), digits, signed: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('percent'), digits, signed: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('percentage-points'), digits }).strict(),
  z.object({ kind: z.literal('eur-cents'), digits: z.union([z.literal(0), z.literal(2)]) }).strict(),
  z.object({ kind: z.literal('date') }).strict(),
  z.object({ kind: z.literal('text') }).strict(),
]);
export type NumberFormat = z.infer<typeof numberFormatSchema>;

/**
 * A cell: a number, a text, or one of the two marks official statistics keep apart from a
 * value and from each other — suppressed (secret, small counts) and missing (no data).
 */
export const cellSchema = z.union([
  z.number().finite(),
  z.string(),
  z.object({ status: z.literal('suppressed') }).strict(),
  z.object({ status: z.literal('missing') }).strict(),
]);
export type Cell = z.infer<typeof cellSchema>;
export type CellMark = 'suppressed' | 'missing';

export const textRunSchema = z
  .object({ text: z.string(), emphasis: z.enum(['strong', 'em']).optional() })
  .strict();
export type TextRun = z.infer<typeof textRunSchema>;
const runs = z.array(textRunSchema).min(1, 'needs at least one text run');

const identifier = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'must be lower-case letters, digits and hyphens (it names anchors and sheets)',
  )
  .max(60, 'must be at most 60 characters');

export const tableColumnSchema = z
  .object({
    key: identifier,
    header: z.string().min(1, 'must not be empty'),
    unit: z.string().min(1).optional(),
    format: numberFormatSchema,
    /** Relative width in print; text columns default to 2, numbers to 1. */
    weight: z.number().positive().max(10).optional(),
  })
  .strict();
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const tableRowSchema = z
  .object({
    cells: z.array(cellSchema),
    /** `highlight`: the report's own area among its peers; `total`: a parent or city value. */
    role: z.enum(['body', 'highlight', 'total']).optional(),
  })
  .strict();
export type TableRow = z.infer<typeof tableRowSchema>;

export const reportTableSchema = z
  .object({
    id: identifier,
    caption: z.string().min(1, 'must not be empty'),
    /** Sheet name in XLSX (≤ 31 characters); derived from the caption when absent. */
    shortTitle: z.string().min(1).max(31).optional(),
    columns: z.array(tableColumnSchema).min(1, 'a table needs at least one column'),
    rows: z.array(tableRowSchema),
    source: z.string().optional(),
  })
  .strict()
  .superRefine((table, ctx) => {
    table.rows.forEach((row, r) => {
      if (row.cells.length !== table.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', r, 'cells'],
          message: `row ${r + 1} has ${row.cells.length} cells, the table has ${table.columns.length} columns`,
        });
        return;
      }
      row.cells.forEach((cell, c) => {
        const column = table.columns[c];
        const textual = column.format.kind === 'text' || column.format.kind === 'date';
        if (
          textual !== (typeof cell === 'string') &&
          (typeof cell === 'string' || typeof cell === 'number')
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', r, 'cells', c],
            message: `row ${r + 1}, column "${column.key}": expected ${textual ? 'a text' : 'a number'}, got ${JSON.stringify(cell)}`,
          });
        }
      });
    });
  });
export type ReportTable = z.infer<typeof reportTableSchema>;

export const keyFactSchema = z
  .object({
    label: z.string().min(1),
    value: cellSchema,
    format: numberFormatSchema,
    unit: z.string().optional(),
    /** A second line such as "Rang 3 von 12" or "Berlin: 8,1 %". */
    context: z.string().optional(),
  })
  .strict();
export type KeyFact = z.infer<typeof keyFactSchema>;

export const figureSchema = z
  .object({
    id: identifier,
    kind: z.enum(['chart', 'map']),
    /** Standalone SVG (the chart and map builders of this library produce it). */
    svg: z.string().startsWith('<svg', 'must be an SVG document starting with <svg'),
    /** Intrinsic size in CSS pixels; renderers scale it to their page box, keeping the ratio. */
    width: z.number().positive(),
    height: z.number().positive(),
    /** Alternative text for readers who cannot see the figure (tagged PDF, DOCX alt text). */
    alt: z.string().min(1, 'a figure needs an alternative text'),
    caption: z.string().min(1, 'a figure needs a caption'),
    source: z.string().optional(),
    /** The numbers behind the figure, exported to XLSX/CSV alongside the tables. */
    data: reportTableSchema.optional(),
  })
  .strict();
export type ReportFigure = z.infer<typeof figureSchema>;

export const blockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), runs }).strict(),
  z.object({ kind: z.literal('note'), runs }).strict(),
  z.object({ kind: z.literal('list'), items: z.array(runs).min(1) }).strict(),
  z.object({ kind: z.literal('key-facts'), facts: z.array(keyFactSchema).min(1) }).strict(),
  z.object({ kind: z.literal('table'), table: reportTableSchema }).strict(),
  z.object({ kind: z.literal('figure'), figure: figureSchema }).strict(),
]);
export type ReportBlock = z.infer<typeof blockSchema>;

export interface ReportSection {
  id: string;
  title: string;
  blocks: ReportBlock[];
  sections?: ReportSection[];
}

export const sectionSchema: z.ZodType<ReportSection> = z.lazy(() =>
  z
    .object({
      id: identifier,
      title: z.string().min(1, 'a section needs a title'),
      blocks: z.array(blockSchema),
      sections: z.array(sectionSchema).optional(),
    })
    .strict(),
);

export const reportTypeSchema = z.enum([
  'area-profile',
  'monitoring-report',
  'programme-report',
  'evaluation-report',
]);
export type ReportType = z.infer<typeof reportTypeSchema>;

export const reportMetadataSchema = z
  .object({
    type: reportTypeSchema,
    title: z.string().min(1, 'a report needs a title'),
    subtitle: z.string().optional(),
    language: reportLanguageSchema,
    organisation: z.string().min(1, 'name the issuing organisation'),
    author: z.string().optional(),
    /** The date the data stands at (Datenstand), ISO `YYYY-MM-DD`. */
    asOf: z.iso.date('must be an ISO date YYYY-MM-DD'),
    /** When the report was made; injected by the caller so rendering never reads the clock. */
    generatedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }),
    /** The pinned data (snapshot or index run id) and the hash of its content. */
    pin: z
      .object({ dataId: z.string().min(1), contentHash: z.string().min(1) })
      .strict()
      .optional(),
    keywords: z.array(z.string()).optional(),
  })
  .strict();
export type ReportMetadata = z.infer<typeof reportMetadataSchema>;

export const reportDocumentSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    metadata: reportMetadataSchema,
    /** Multi-page reports get a table of contents (PDF: with page numbers, DOCX: a TOC field). */
    tableOfContents: z.boolean(),
    sections: z.array(sectionSchema).min(1, 'a report needs at least one section'),
    notes: z.array(runs).optional(),
    annex: z.array(sectionSchema).optional(),
  })
  .strict();
export type ReportDocument = z.infer<typeof reportDocumentSchema>;
