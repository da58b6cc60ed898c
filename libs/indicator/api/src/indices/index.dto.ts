import { periodSchema, nameText } from '@quartier/contracts';
import { indexDefinitionSchema } from '@quartier/indicator-core';
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

// Response schemas (docs/adr/0007-generated-portal-clients.md): index.service.ts builds the
// answers; indicator-answers.dto.ts proves they are exactly these.

/** The core's definition format, named: one `IndexDefinition` component for every answer with it. */
const indexDefinitionView = indexDefinitionSchema.meta({ id: 'IndexDefinition' });

export const indexDefinitionViewSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  label: z.string(),
  /** The core's definition format. */
  definition: indexDefinitionView,
  createdBy: z.string(),
  updatedAt: z.string(),
});
export class IndexDefinitionViewDto extends createZodDto(indexDefinitionViewSchema) {}

/**
 * A stored index run as the API answers it (list and detail); the definition is the snapshot the
 * run was made with.
 */
export const indexRunViewSchema = z.object({
  id: z.uuid(),
  definitionId: z.uuid(),
  definition: indexDefinitionView,
  period: z.string(),
  level: z.string(),
  label: z.string(),
  areaCount: z.number().int(),
  validAreaCount: z.number().int(),
  /** Areas per class, per index of the definition. */
  classCounts: z.record(z.string(), z.record(z.string(), z.number().int())),
  /** The core's statistics per index (means and SDs of the inputs and sums). */
  statistics: z.unknown(),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export class IndexRunViewDto extends createZodDto(indexRunViewSchema) {}

/** Everything a run computed from: enough to recompute and check it years later. */
export const indexRunInputsSchema = z.object({ definition: indexDefinitionView, inputs: z.unknown() });
export class IndexRunInputsDto extends createZodDto(indexRunInputsSchema) {}

export const indexResultsSchema = z.array(
  z.object({
    areaId: z.uuid(),
    code: z.string(),
    name: z.string(),
    valid: z.boolean(),
    /** Why an area was left out (too few residents, a missing input). */
    reasons: z.unknown(),
    /** Per index: the value and the class. */
    indices: z.unknown(),
  }),
);
export class IndexResultsDto extends createZodDto(indexResultsSchema) {}

const runRef = z
  .object({ id: z.uuid(), label: z.string(), period: z.string(), level: z.string() })
  .meta({ id: 'IndexRunRef' });

export const classMapSchema = z.object({
  run: runRef,
  /** An index id of the definition, or `combined` (status × dynamics). */
  index: z.string(),
  /** The classes in order, labels in the definition's further languages too; null: no layout. */
  classes: z
    .array(
      z.object({ code: z.string(), label: z.string(), labels: z.record(z.string(), z.string()).optional() }),
    )
    .nullable(),
  items: z.array(
    z.object({
      areaId: z.uuid(),
      code: z.string(),
      name: z.string(),
      valid: z.boolean(),
      value: z.number().nullable(),
      class: z.string().nullable(),
      label: z.string().nullable(),
    }),
  ),
});
export class ClassMapDto extends createZodDto(classMapSchema) {}

const classOf = z.object({ class: z.string().nullable(), label: z.string().nullable() });
export const moversSchema = z.object({
  from: runRef,
  to: runRef,
  index: z.string(),
  items: z.array(
    z.object({
      areaId: z.uuid(),
      code: z.string(),
      name: z.string(),
      from: classOf,
      to: classOf,
      direction: z.enum(['better', 'worse', 'validity-changed']),
    }),
  ),
});
export class MoversDto extends createZodDto(moversSchema) {}
