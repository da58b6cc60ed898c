import { SECTORS } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { graphMetricsSchema, measureQuerySchema, nodeMetricsSchema } from '../metrics/metrics.dto';
import { OFFERING_TYPES } from '../network.constants';
import { waveRowSchema } from '../networks/network.dto';

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

// Response schemas (docs/adr/0007-generated-portal-clients.md): analysis.service.ts and the
// core's wave comparison are what the service answers; network-answers.dto.ts proves it exactly.

const actorSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    sector: z.enum(SECTORS).nullable(),
    field: z.string().nullable(),
    areaId: z.uuid().nullable(),
    identityHidden: z.boolean(),
  })
  .meta({ id: 'ActorSummary' }); // named: one component for every actor a comparison or ego names
const tieRef = z.object({ source: z.string(), target: z.string() });
const measureChange = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
  /** after − before; null when either side is missing. */
  change: z.number().nullable(),
});

export const waveComparisonSchema = z.object({
  actors: z.object({ new: z.array(z.string()), lost: z.array(z.string()), stable: z.array(z.string()) }),
  ties: z.object({
    new: z.array(tieRef),
    lost: z.array(tieRef),
    stable: z.array(tieRef),
    /** Stable ties whose weight changed (weighted networks). */
    reweighted: z.array(tieRef.extend(measureChange.shape)),
  }),
  /** Change of every numeric graph measure present in either wave. */
  graph: z.record(z.string(), measureChange),
  /** Change of every numeric node measure, for actors present in both waves. */
  nodes: z.record(z.string(), z.record(z.string(), measureChange)),
  from: waveRowSchema,
  to: waveRowSchema,
  /** Every actor named in the comparison, as this caller may see it. */
  actorInfo: z.record(z.string(), actorSummarySchema),
});
export class WaveComparisonDto extends createZodDto(waveComparisonSchema) {}

export const egoViewSchema = z.object({
  waveId: z.uuid(),
  ego: actorSummarySchema,
  alters: z.array(actorSummarySchema),
  ties: z.array(z.object({ source: z.string(), target: z.string(), weight: z.number() })),
  metrics: z.object({ graph: graphMetricsSchema, nodes: z.record(z.string(), nodeMetricsSchema) }),
});
export class EgoViewDto extends createZodDto(egoViewSchema) {}

// Named (one `ResourceArea` component): the resources and the areas they serve share it.
const areaRef = z
  .object({ id: z.uuid(), code: z.string(), name: z.string() })
  .meta({ id: 'ResourceArea' })
  .nullable();
export const resourcesSchema = z.object({
  items: z.array(
    z.object({
      actorId: z.uuid(),
      networkId: z.uuid(),
      name: z.string(),
      sector: z.enum(SECTORS).nullable(),
      field: z.string().nullable(),
      area: areaRef,
      point: z.object({ lon: z.number(), lat: z.number() }).nullable(),
      offerings: z.array(z.object({ type: z.enum(OFFERING_TYPES), description: z.string() })),
    }),
  ),
  areas: z.array(
    z.object({
      area: areaRef,
      actors: z.number().int(),
      /** Actors per offering type. */
      byType: z.record(z.string(), z.number().int()),
      /** Actors per field of action. */
      byField: z.record(z.string(), z.number().int()),
    }),
  ),
});
export class ResourcesDto extends createZodDto(resourcesSchema) {}
