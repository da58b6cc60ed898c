import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { OFFERING_TYPES } from '../network.constants';
import { measureQuerySchema } from '../metrics/metrics.dto';

export const compareQuerySchema = measureQuerySchema.extend({ from: z.uuid(), to: z.uuid() });
export class CompareQueryDto extends createZodDto(compareQuerySchema) {}

export const resourceQuerySchema = z.object({
  /** Offerings of actors in this area or below. */
  areaId: z.uuid().optional(),
  field: z.string().trim().min(1).max(100).optional(),
  type: z.enum(OFFERING_TYPES).optional(),
  networkId: z.uuid().optional(),
});
export class ResourceQueryDto extends createZodDto(resourceQuerySchema) {}
