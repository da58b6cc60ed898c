import { periodSchema } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const computeBodySchema = z.object({
  /** Periods to (re)compute; default: every period in which any referenced element has values. */
  periods: z.array(periodSchema).min(1).max(500).optional(),
});
export class ComputeBodyDto extends createZodDto(computeBodySchema) {}
