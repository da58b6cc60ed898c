import { periodSchema, nameText } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const indexDefinitionBodySchema = z.object({
  label: nameText().optional(),
  /** The core's definition format (validated by parseIndexDefinition). */
  definition: z.record(z.string(), z.unknown()),
});
export class IndexDefinitionBodyDto extends createZodDto(indexDefinitionBodySchema) {}

export const runIndexSchema = z.object({
  period: periodSchema,
  level: z.string().min(1).max(64),
  label: nameText().optional(),
});
export class RunIndexDto extends createZodDto(runIndexSchema) {}

export const listRunsQuerySchema = z.object({ definition: z.uuid().optional() });
export class ListRunsQueryDto extends createZodDto(listRunsQuerySchema) {}

export const classesQuerySchema = z.object({ index: z.string().min(1).max(64) });
export class ClassesQueryDto extends createZodDto(classesQuerySchema) {}

export const moversQuerySchema = z.object({ from: z.uuid(), to: z.uuid(), index: z.string().min(1).max(64) });
export class MoversQueryDto extends createZodDto(moversQuerySchema) {}

/**
 * A stored index run as the API answers it (list and detail), declared for the OpenAPI document
 * the portal's client is generated from; the definition is the snapshot the run was made with.
 */
export const indexRunViewSchema = z.object({
  id: z.uuid(),
  definitionId: z.uuid(),
  definition: z.record(z.string(), z.unknown()),
  period: z.string(),
  level: z.string(),
  label: z.string(),
  areaCount: z.number().int(),
  validAreaCount: z.number().int(),
  /** Areas per class, per index of the definition. */
  classCounts: z.record(z.string(), z.record(z.string(), z.number().int())),
  statistics: z.unknown(),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export class IndexRunViewDto extends createZodDto(indexRunViewSchema) {}
