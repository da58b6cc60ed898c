import type { GraphMetrics, NodeMetrics } from '@quartier/network-core';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { ActorKind, Sector, TieType } from '../network.constants';
import { TIE_TYPES } from '../network.constants';

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
