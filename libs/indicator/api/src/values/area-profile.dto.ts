import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { valueAreaSchema } from './values.dto';

export const areaProfileQuerySchema = z.object({ area: z.uuid() });
export class AreaProfileQueryDto extends createZodDto(areaProfileQuerySchema) {}

const labels = z.record(z.string(), z.string());

/**
 * What the indicator service knows about one area, for its page: the key indicators with their
 * latest value and trend, and the area's classes in the latest index run at its level.
 */
export const areaProfileSchema = z.object({
  area: valueAreaSchema,
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.object({ de: z.string(), en: z.string().optional() }),
      unit: z.string(),
      polarity: z.enum(['higher-is-better', 'higher-is-worse', 'neutral']),
      latest: z.object({ period: z.string(), value: z.number(), approximate: z.boolean() }).nullable(),
      previous: z.object({ period: z.string(), value: z.number() }).nullable(),
      change: z.number().nullable(),
      direction: z.enum(['better', 'worse', 'up', 'down', 'unchanged']).nullable(),
    }),
  ),
  index: z
    .object({
      run: z.object({ id: z.uuid(), label: z.string(), period: z.string() }),
      valid: z.boolean(),
      classes: z.array(
        z.object({
          index: z.string(),
          indexLabel: z.string(),
          indexLabels: labels.optional(),
          code: z.string().nullable(),
          label: z.string().nullable(),
          labels: labels.optional(),
          value: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
});
export class AreaProfileDto extends createZodDto(areaProfileSchema) {}
export type AreaProfile = z.infer<typeof areaProfileSchema>;
