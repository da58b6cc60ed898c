import { apiErrorSchema } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { TIE_TYPES } from '../network.constants';

const tieTypeMapSchema = z
  .record(z.string().max(200), z.enum(TIE_TYPES))
  .refine((m) => Object.keys(m).length <= 200);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const importQuerySchema = z.object({
  format: z.enum(['csv', 'gexf', 'graphml']),
  /** merge: add and update; replace: the upload becomes the wave's ties (actors are kept). */
  mode: z.enum(['merge', 'replace']).default('merge'),
  /**
   * Repeated ties of one pair and type: sum, max or first weight, or strict (refuse). Default:
   * sum for GEXF/GraphML (as Gephi and NetworkX read them), strict for a CSV edge list.
   */
  parallelTies: z.enum(['sum', 'max', 'first', 'strict']).optional(),
  /** Ties of an actor to itself: drop or strict (refuse). Default: drop for GEXF/GraphML, strict for CSV. */
  selfTies: z.enum(['drop', 'strict']).optional(),
  /** Edge attribute holding the tie type (default `type`; e.g. `kind` or `label`). */
  tieTypeAttribute: z.string().trim().min(1).max(100).optional(),
  /** JSON object: the file's values of that attribute → tie types, e.g. {"likes":"information"}. */
  tieTypes: z
    .string()
    .max(10_000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const parsed = tieTypeMapSchema.safeParse(safeJson(text));
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: 'custom',
        message: `tieTypes must be a JSON object of file values to ${TIE_TYPES.join(', ')}`,
      });
      return z.NEVER;
    }),
});
export class ImportQueryDto extends createZodDto(importQuerySchema) {}
export type ImportQuery = z.infer<typeof importQuerySchema>;

export const exportQuerySchema = z.object({
  format: z.enum(['csv-nodes', 'csv-edges', 'gexf', 'graphml']),
});
export class ExportQueryDto extends createZodDto(exportQuerySchema) {}
export type ExportFormat = z.infer<typeof exportQuerySchema>['format'];

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedFile {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

export interface ImportResult {
  format: string;
  mode: string;
  actorsCreated: number;
  actorsUpdated: number;
  tiesCreated: number;
  tiesUpdated: number;
  /** Rows folded into an earlier tie of the same pair and type (their weights combined). */
  parallelTiesMerged: number;
  /** Ties of an actor to itself that were left out. */
  selfTiesDropped: number;
  /** Actors of the wave after the import. */
  waveActors: number;
  waveTies: number;
}

// Response schemas (docs/adr/0007-generated-portal-clients.md); network-answers.dto.ts proves the
// service answers exactly what these document.

export const importResultSchema = z.object({
  format: z.string(),
  mode: z.string(),
  actorsCreated: z.number().int(),
  actorsUpdated: z.number().int(),
  tiesCreated: z.number().int(),
  tiesUpdated: z.number().int(),
  /** Rows folded into an earlier tie of the same pair and type (their weights combined). */
  parallelTiesMerged: z.number().int(),
  /** Ties of an actor to itself that were left out. */
  selfTiesDropped: z.number().int(),
  /** Actors of the wave after the import. */
  waveActors: z.number().int(),
  waveTies: z.number().int(),
});
export class ImportResultDto extends createZodDto(importResultSchema) {}

/** The 422 of an import: every problem with its file and line (nothing was imported). */
export const importProblemsSchema = apiErrorSchema.extend({
  details: z.object({
    errors: z.array(
      z.object({
        file: z.string(),
        line: z.number().int().nullable(),
        /** What is wrong, stable (e.g. InvalidSector, UnknownActor): the portal words it by this. */
        code: z.string(),
        /** The values the problem names (value, column, id, …), for a worded sentence. */
        params: z.record(z.string(), z.union([z.string(), z.number()])),
        /** The same in English, for logs and API clients. */
        message: z.string(),
      }),
    ),
    /** More problems than listed (parsing stops collecting after 100). */
    truncated: z.boolean(),
  }),
});
export class ImportProblemsDto extends createZodDto(importProblemsSchema) {}
