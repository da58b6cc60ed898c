import { AREA_SEARCH_LENGTH, areaGeometrySchema, nameText } from '@quartier/contracts';
import { z } from 'zod';
import { orNull, pageOf, pageQueryFields } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';

export const listAreasQuerySchema = z.object({
  level: z.string().min(1).optional(),
  /** An area id, or `root` for the top level. */
  parent: z.union([z.literal('root'), z.uuid()]).optional(),
  q: z.string().min(AREA_SEARCH_LENGTH.min).max(AREA_SEARCH_LENGTH.max).optional(),
  ...pageQueryFields({ max: 1000, default: 50 }),
});
export class ListAreasQueryDto extends createZodDto(listAreasQuerySchema) {}

export const geojsonQuerySchema = z.object({
  level: z.string().min(1),
  parent: z.uuid().optional(),
});
export class GeojsonQueryDto extends createZodDto(geojsonQuerySchema) {}

export const updateAreaSchema = z
  .object({
    name: nameText().optional(),
    population: z.number().int().min(0).nullable().optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.population !== undefined, {
    message: 'nothing to change: send name and/or population',
  });
export class UpdateAreaDto extends createZodDto(updateAreaSchema) {}

export interface AreaSummary {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  population: number | null;
  editable: boolean;
}

export interface AreaDetail extends AreaSummary {
  ancestors: AreaSummary[];
  children: AreaSummary[];
  areaSqm: number | null;
  validFrom: string;
  versionId: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

// Response schemas (docs/adr/0007-generated-portal-clients.md): the interfaces above are what the
// service builds; registry-answers.dto.ts proves it answers what these document.

/** Named (one `AreaSummary` component): alone, in pages, as a detail's ancestors and children. */
export const areaSummarySchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: z.string(),
    parentId: z.uuid().nullable(),
    population: z.number().int().nullable(),
    /** The caller may change this area (tenant-admin, or a planner whose scope contains it). */
    editable: z.boolean(),
  })
  .meta({ id: 'AreaSummary' });
export class AreaSummaryDto extends createZodDto(areaSummarySchema) {}

export const areaPageSchema = pageOf(areaSummarySchema);
export class AreaPageDto extends createZodDto(areaPageSchema) {}

export const areaDetailSchema = areaSummarySchema.extend({
  /** Root first. */
  ancestors: z.array(areaSummarySchema),
  children: z.array(areaSummarySchema),
  areaSqm: orNull(z.number(), 'area in m²; null: no geometry'),
  validFrom: z.iso.date(),
  versionId: z.uuid(),
});
export class AreaDetailDto extends createZodDto(areaDetailSchema) {}

/**
 * What `GET /areas/geojson` answers (RFC 7946). PostgreSQL writes it as text, so no compile-time
 * check covers it; registry-api.int-spec.ts parses an answer with this schema instead.
 */
export const areaFeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.uuid(),
      geometry: areaGeometrySchema,
      properties: z.object({
        id: z.uuid(),
        code: z.string(),
        name: z.string(),
        level: z.string(),
        population: z.number().int().nullable(),
        editable: z.boolean(),
      }),
    }),
  ),
});
export class AreaFeatureCollectionDto extends createZodDto(areaFeatureCollectionSchema) {}
