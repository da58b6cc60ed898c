import { periodSchema } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const code = z.string().min(1).max(64);

export const mapQuerySchema = z.object({
  indicator: code,
  period: periodSchema,
  level: z.string().min(1).max(64),
  /** Only the children (at `level`) of this area. */
  parent: z.uuid().optional(),
});
export class MapQueryDto extends createZodDto(mapQuerySchema) {}

export const seriesQuerySchema = z.object({ indicator: code, area: z.uuid() });
export class SeriesQueryDto extends createZodDto(seriesQuerySchema) {}

export const rankingQuerySchema = z.object({
  indicator: code,
  period: periodSchema,
  level: z.string().min(1).max(64),
  /** Default: by polarity, the most disadvantaged first (higher-is-worse → descending). */
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export class RankingQueryDto extends createZodDto(rankingQuerySchema) {}

const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

export const compareQuerySchema = z.object({
  indicators: commaList.pipe(z.array(code).min(1).max(50)),
  areas: commaList.pipe(z.array(z.uuid()).min(1).max(50)),
  period: periodSchema,
});
export class CompareQueryDto extends createZodDto(compareQuerySchema) {}

export const periodsQuerySchema = z.object({ indicator: code });
export class PeriodsQueryDto extends createZodDto(periodsQuerySchema) {}

export const qualityQuerySchema = z.object({
  indicator: code,
  level: z.string().min(1).max(64),
  parent: z.uuid().optional(),
  /** Robust z beyond which a value is an outlier (default 3). */
  threshold: z.coerce.number().positive().max(100).optional(),
});
export class QualityQueryDto extends createZodDto(qualityQuerySchema) {}
