import { nameText } from '@quartier/contracts';
import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';

export const listAreasQuerySchema = z.object({
  level: z.string().min(1).optional(),
  /** An area id, or `root` for the top level. */
  parent: z.union([z.literal('root'), z.uuid()]).optional(),
  q: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
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
