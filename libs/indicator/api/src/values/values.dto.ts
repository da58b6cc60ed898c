import { periodSchema } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { UNITS } from '../catalogue/indicator.dto';

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

/**
 * Several indicators' map data over one level at once (the report gatherer's read): either the
 * given periods or each indicator's `latest` periods with stored values — exactly one of them.
 */
export const mapsQuerySchema = z
  .object({
    indicators: commaList.pipe(z.array(code).min(1).max(50)),
    periods: commaList.pipe(z.array(periodSchema).min(1).max(20)).optional(),
    latest: z.coerce.number().int().min(1).max(20).optional(),
    level: z.string().min(1).max(64),
    /** Only the areas (at `level`) below this area. */
    parent: z.uuid().optional(),
  })
  .refine((q) => (q.periods === undefined) !== (q.latest === undefined), {
    path: ['latest'],
    message: 'give either periods or latest',
  });
export class MapsQueryDto extends createZodDto(mapsQuerySchema) {}

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

// Response schemas (docs/adr/0007-generated-portal-clients.md): values.service.ts and
// value-layer.ts build the answers; indicator-answers.dto.ts proves they are exactly these.
// The clauses several answers share are named (`.meta({ id })`): one OpenAPI component each.

export const indicatorSummarySchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    name: z.object({ de: z.string(), en: z.string().optional() }),
    unit: z.enum(UNITS),
    polarity: z.enum(['higher-is-better', 'higher-is-worse', 'neutral']),
  })
  .meta({ id: 'IndicatorSummary' });

/** The area a series, a comparison or an area profile is about. */
export const valueAreaSchema = z
  .object({ id: z.uuid(), code: z.string(), name: z.string(), level: z.string() })
  .meta({ id: 'ValueArea' });

const valueStatus = z.enum(['value', 'suppressed', 'missing']);
const valueFields = {
  status: valueStatus,
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** stored, ratio-of-sums, population-weighted-mean, sum; null for suppressed and missing cells. */
  source: z.string().nullable(),
  /** A weighted mean where not every part had a value. */
  approximate: z.boolean(),
  /** Why there is no value (`no-data`, `incomplete`, …) or why it is suppressed. */
  reason: z.string().nullable(),
  /** Share of the population in areas with a value, when an aggregate left some out; else null. */
  coverage: z.number().nullable(),
};
export const areaValueSchema = z
  .object({
    areaId: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: z.string(),
    ...valueFields,
  })
  .meta({ id: 'AreaValue' });

const statusCounts = z
  .object({ value: z.number().int(), suppressed: z.number().int(), missing: z.number().int() })
  .meta({ id: 'ValueStatusCounts' });
/** Count, range and quintile breaks of the shown values (the map legend's classes); no range without values. */
const statisticsSchema = z
  .union([
    z.object({ counts: statusCounts, min: z.null(), max: z.null(), breaks: z.array(z.number()) }),
    z.object({ counts: statusCounts, min: z.number(), max: z.number(), breaks: z.array(z.number()) }),
  ])
  .meta({ id: 'ValueStatistics' });

export const mapDataSchema = z.object({
  indicator: indicatorSummarySchema,
  period: z.string(),
  level: z.string(),
  items: z.array(areaValueSchema),
  statistics: statisticsSchema,
});
export class MapDataDto extends createZodDto(mapDataSchema) {}

export const valueMapsSchema = z.object({
  level: z.string(),
  parent: z.uuid().nullable(),
  /** In the order asked for; each with its periods in the order asked for (or time order for `latest`). */
  indicators: z.array(
    z.object({
      indicator: indicatorSummarySchema,
      periods: z.array(
        z.object({ period: z.string(), items: z.array(areaValueSchema), statistics: statisticsSchema }),
      ),
    }),
  ),
});
export class ValueMapsDto extends createZodDto(valueMapsSchema) {}

export const valueLayerSchema = z.object({
  indicator: indicatorSummarySchema,
  period: z.string(),
  level: z.string(),
  statistics: statisticsSchema,
  codes: z.array(z.string()),
  /** Rounded to 6 significant digits; null where there is no value. */
  values: z.array(z.number().nullable()),
  /** One letter per area: v value · a approximate value · s suppressed · m missing. */
  flags: z.string(),
});
export class ValueLayerDto extends createZodDto(valueLayerSchema) {}

export const periodListSchema = z.object({ indicator: indicatorSummarySchema, periods: z.array(z.string()) });
export class PeriodListDto extends createZodDto(periodListSchema) {}

export const seriesSchema = z.object({
  indicator: indicatorSummarySchema,
  area: valueAreaSchema,
  points: z.array(z.object({ period: z.string(), ...valueFields })),
});
export class SeriesDto extends createZodDto(seriesSchema) {}

export const rankingSchema = z.object({
  indicator: indicatorSummarySchema,
  period: z.string(),
  level: z.string(),
  order: z.enum(['asc', 'desc']),
  /** Areas with a value. */
  total: z.number().int(),
  items: z.array(areaValueSchema.extend({ rank: z.number().int() })),
  /** The areas of the level without a value, with the reason. */
  unranked: z.array(
    z.object({
      areaId: z.uuid(),
      code: z.string(),
      name: z.string(),
      status: valueStatus,
      reason: z.string().nullable(),
    }),
  ),
});
export class RankingDto extends createZodDto(rankingSchema) {}

export const comparisonSchema = z.object({
  period: z.string(),
  areas: z.array(valueAreaSchema),
  rows: z.array(z.object({ indicator: indicatorSummarySchema, values: z.array(areaValueSchema) })),
});
export class ComparisonDto extends createZodDto(comparisonSchema) {}

const flagBase = { period: z.string() };
export const qualitySchema = z.object({
  indicator: indicatorSummarySchema,
  level: z.string(),
  periods: z.array(z.string()),
  plausible: z.object({ min: z.number().optional(), max: z.number().optional() }).nullable(),
  /** Flags per kind, and the suppressed cells (neither checked nor gaps). */
  counts: z.record(z.string(), z.number().int()).and(z.object({ suppressed: z.number().int() })),
  items: z.array(
    z.object({
      areaId: z.uuid(),
      code: z.string(),
      name: z.string(),
      flags: z.array(
        z.union([
          z.object({
            code: z.literal('implausible'),
            ...flagBase,
            value: z.number(),
            min: z.number().optional(),
            max: z.number().optional(),
          }),
          z.object({
            code: z.enum(['outlier-history', 'outlier-peers']),
            ...flagBase,
            value: z.number(),
            median: z.number(),
            robustSd: z.number(),
            robustZ: z.number(),
          }),
          z.object({ code: z.literal('gap'), ...flagBase }),
        ]),
      ),
    }),
  ),
});
export class QualityDto extends createZodDto(qualitySchema) {}
