import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const saveImpactModelSchema = z
  .object({
    /** The model (see programme-core's ImpactModel); validated by the core, problems named by path. */
    model: z.record(z.string(), z.unknown()),
    /** The version the edit started from; a newer stored version answers 409 (no lost update). */
    baseVersion: z.number().int().min(0),
  })
  .strict();
export class SaveImpactModelDto extends createZodDto(saveImpactModelSchema) {}

export const copyImpactModelSchema = z
  .object({
    fromProgrammeId: z.uuid().optional(),
    fromMeasureId: z.uuid().optional(),
    title: z.string().max(200).optional(),
  })
  .strict()
  .refine((v) => (v.fromProgrammeId === undefined) !== (v.fromMeasureId === undefined), {
    message: 'name exactly one template: fromProgrammeId or fromMeasureId',
  });
export class CopyImpactModelDto extends createZodDto(copyImpactModelSchema) {}

export const figureQuerySchema = z.object({ lang: z.enum(['de', 'en']).default('de') });
export class FigureQueryDto extends createZodDto(figureQuerySchema) {}
