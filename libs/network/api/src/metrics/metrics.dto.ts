import { SECTORS, type Sector } from '@quartier/contracts';
import type { GraphMetrics, NodeMetrics } from '@quartier/network-core';
import { orNull } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { ActorKind, TieType } from '../network.constants';
import { ACTOR_KINDS, TIE_TYPES } from '../network.constants';

export const measureQuerySchema = z.object({
  /** Comma-separated tie types to measure (default: all). */
  types: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null;
      const list = value.split(',').map((t) => t.trim());
      const unknown = list.filter((t) => !(TIE_TYPES as readonly string[]).includes(t));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown tie type(s) ${unknown.join(', ')}; known: ${TIE_TYPES.join(', ')}`,
        });
        return z.NEVER;
      }
      return list as TieType[];
    }),
  /** Tie weights as strengths; default: the network's setting. */
  weighted: z.enum(['true', 'false']).optional(),
  /** Louvain seed (same seed, same communities). */
  seed: z.coerce.number().int().min(0).max(4_294_967_295).default(1),
});
export class MeasureQueryDto extends createZodDto(measureQuerySchema) {}
export type MeasureQuery = z.infer<typeof measureQuerySchema>;

export interface MeasuredActor extends NodeMetrics {
  id: string;
  name: string;
  kind: ActorKind;
  sector: Sector | null;
  field: string | null;
  areaId: string | null;
  identityHidden: boolean;
}

export interface WaveMetricsView {
  networkId: string;
  waveId: string;
  revision: number;
  options: { types: TieType[] | null; weighted: boolean; seed: number };
  computedAt: string;
  durationMs: number;
  graph: GraphMetrics;
  actors: MeasuredActor[];
}

export type MetricsJobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface MetricsJobView {
  id: string;
  networkId: string;
  waveId: string;
  status: MetricsJobStatus;
  /** queued → loading → paths → measures → storing → done (or cached); failed, cancelled, interrupted. */
  phase: string;
  /** 0…1, for the progress bar. */
  progress: number;
  actors: number;
  ties: number;
  message: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Where the result is read once the job succeeded. */
  resultPath: string;
}

// Response schemas (docs/adr/0007-generated-portal-clients.md): the interfaces above and the
// core's metrics are what the service answers; network-answers.dto.ts proves it exactly.

/** Per-actor measures; a measure that was not asked for (or is undefined here) is absent. */
export const nodeMetricsSchema = z.object({
  degree: z.number().optional(),
  inDegree: z.number().optional(),
  outDegree: z.number().optional(),
  strength: z.number().optional(),
  inStrength: z.number().optional(),
  outStrength: z.number().optional(),
  betweenness: z.number().optional(),
  closeness: z.number().optional(),
  harmonic: z.number().optional(),
  pagerank: z.number().optional(),
  eigenvector: z.number().optional(),
  clustering: z.number().optional(),
  /** Burt's constraint; null for an actor without ties. */
  constraint: z.number().nullable().optional(),
  effectiveSize: z.number().nullable().optional(),
  community: z.number().int().optional(),
  /** Gould–Fernandez brokerage roles across sectors; null without sector. */
  brokerage: z
    .object({
      coordinator: z.number(),
      gatekeeper: z.number(),
      representative: z.number(),
      consultant: z.number(),
      liaison: z.number(),
      total: z.number(),
    })
    .meta({ id: 'BrokerageRoles' }) // named: a wave's actors and an ego's nodes share it
    .nullable()
    .optional(),
  isolate: z.boolean().optional(),
  cutPoint: z.boolean().optional(),
});

const eiIndexSchema = z
  .object({
    /** Ties between actors of different sectors. */
    external: z.number().int(),
    internal: z.number().int(),
    /** Krackhardt–Stern (E − I) / (E + I); null without a tie between known sectors. */
    index: z.number().nullable(),
    crossSectorShare: z.number().nullable(),
  })
  .meta({ id: 'EiIndex' });

export const graphMetricsSchema = z
  .object({
    nodes: z.number().int(),
    edges: z.number().int(),
    directed: z.boolean(),
    weighted: z.boolean(),
    density: z.number(),
    /** Number of (weakly) connected components. */
    components: z.number().int(),
    modularity: z.number().optional(),
    communities: z.number().int().optional(),
    /** Seed the Louvain run used. */
    seed: z.number().int().optional(),
    averagePathLength: z.number().optional(),
    diameter: z.number().optional(),
    transitivity: z.number().optional(),
    degreeCentralization: z.number().optional(),
    eiIndex: z.object({ graph: eiIndexSchema, sectors: z.record(z.string(), eiIndexSchema) }).optional(),
    isolates: z.array(z.string()).optional(),
    bridges: z.array(z.tuple([z.string(), z.string()])).optional(),
    cutPoints: z.array(z.string()).optional(),
    /** Measures asked for but not defined for this network, with the reason. */
    omitted: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'GraphMetrics' }); // named: the wave's metrics and an ego network share it

export const waveMetricsViewSchema = z.object({
  networkId: z.uuid(),
  waveId: z.uuid(),
  revision: z.number().int(),
  options: z.object({
    types: z.array(z.enum(TIE_TYPES)).nullable(),
    weighted: z.boolean(),
    seed: z.number(),
  }),
  computedAt: z.string(),
  durationMs: z.number(),
  graph: graphMetricsSchema,
  actors: z.array(
    nodeMetricsSchema.extend({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(ACTOR_KINDS),
      sector: z.enum(SECTORS).nullable(),
      field: z.string().nullable(),
      areaId: z.uuid().nullable(),
      identityHidden: z.boolean(),
    }),
  ),
});
export class WaveMetricsViewDto extends createZodDto(waveMetricsViewSchema) {}

export const metricsJobViewSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  waveId: z.uuid(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
  /** queued → loading → paths → measures → storing → done (or cached); failed, cancelled, interrupted. */
  phase: z.string(),
  /** 0…1, for the progress bar. */
  progress: z.number(),
  actors: z.number().int(),
  ties: z.number().int(),
  message: orNull(z.string(), 'null: no failure'),
  createdAt: z.string(),
  startedAt: orNull(z.string(), 'null: still queued'),
  finishedAt: orNull(z.string(), 'null: not finished'),
  /** Where the result is read once the job succeeded. */
  resultPath: z.string(),
});
export class MetricsJobViewDto extends createZodDto(metricsJobViewSchema) {}
