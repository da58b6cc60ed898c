import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const importQuerySchema = z.object({
  format: z.enum(['csv', 'gexf', 'graphml']),
  /** merge: add and update; replace: the upload becomes the wave's ties (actors are kept). */
  mode: z.enum(['merge', 'replace']).default('merge'),
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
  /** Actors of the wave after the import. */
  waveActors: number;
  waveTies: number;
}
