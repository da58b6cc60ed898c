import { orNull } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { IMPORT_FORMATS } from './import-formats';

// Response schemas of the value imports (docs/adr/0007-generated-portal-clients.md);
// indicator-answers.dto.ts proves the service answers exactly what these document.

export const valueImportJobSchema = z.object({
  id: z.uuid(),
  format: z.enum(IMPORT_FORMATS),
  fileName: orNull(z.string(), 'null: the upload was not named'),
  /** Dimension mapping of an SDMX-CSV or JSON-stat file (`dim=role|value,…`). */
  map: orNull(z.string(), 'null: no mapping given'),
  source: orNull(z.string(), 'null: no source given'),
  /** `interrupted`: the service stopped while the import ran (nothing kept; import the file again). */
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
  /** Share of the file read, 0…1 (the progress bar). */
  progress: z.number(),
  bytesTotal: z.number().int(),
  bytesRead: z.number().int(),
  rowsRead: z.number().int(),
  observations: z.number().int(),
  errorCount: z.number().int(),
  /** The first 1,000 bad rows: line, column and why (a stable reason for translations). */
  errors: z.array(
    z.object({
      line: z.number().int(),
      column: z.string(),
      reason: z.enum([
        'unknown-area',
        'unknown-indicator',
        'bad-period',
        'non-numeric',
        'negative-count',
        'duplicate',
        'malformed',
      ]),
      message: z.string(),
      /** The cell's text as read, where the problem is a bad value (a code, a period, a number). */
      value: z.string().optional(),
    }),
  ),
  indicators: z.array(z.string()),
  message: orNull(z.string(), 'null: no message yet'),
  createdAt: z.string(),
  finishedAt: orNull(z.string(), 'null: not finished'),
});
export class ValueImportJobDto extends createZodDto(valueImportJobSchema) {}

/** A dimension mapping saved for a source after an import with it succeeded. */
export const savedMappingSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  source: z.string(),
  /** `dim=role|value,…` as the import's `map` takes it. */
  mapping: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export class SavedMappingDto extends createZodDto(savedMappingSchema) {}
