import { periodSchema } from '@quartier/contracts';
import { orNull } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const computeBodySchema = z.object({
  /** Periods to (re)compute; default: every period in which any referenced element has values. */
  periods: z.array(periodSchema).min(1).max(500).optional(),
});
export class ComputeBodyDto extends createZodDto(computeBodySchema) {}

// Response schema (docs/adr/0007-generated-portal-clients.md); indicator-answers.dto.ts proves the
// service answers exactly what it documents.
export const computeResultSchema = z.object({
  indicator: z.string(),
  definitionVersion: z.number().int(),
  sourceId: z.string(),
  periods: z.array(z.string()),
  /** Ratio parts kept (numerator/denominator per cell), or why not. */
  ratio: z.object({ numerator: z.string(), denominator: z.string(), scale: z.number() }).nullable(),
  ratioNote: orNull(z.string(), 'null: the ratio parts were kept'),
  counts: z.object({
    cells: z.number().int(),
    value: z.number().int(),
    missing: z.number().int(),
    replaced: z.number().int(),
  }),
});
export class ComputeResultDto extends createZodDto(computeResultSchema) {}
