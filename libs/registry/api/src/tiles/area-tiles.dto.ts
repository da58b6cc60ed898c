import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/**
 * TileJSON 3.0 of a level's vector tiles (docs/adr/0007-generated-portal-clients.md): tile URLs
 * are paths of this API (`…/{z}/{x}/{y}.pbf`), layer `areas` with `code`, plus `id` and `name`
 * from zoom 10.
 */
export const tileJsonSchema = z.object({
  tilejson: z.string(),
  name: z.string(),
  scheme: z.string(),
  tiles: z.array(z.string()),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  /** West, south, east, north (WGS84). */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  vector_layers: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      /** Feature properties and their types (TileJSON's `String`). */
      fields: z.object({ code: z.string(), id: z.string(), name: z.string() }),
    }),
  ),
  /** Areas of the level. */
  areas: z.number().int(),
});
export class TileJsonDto extends createZodDto(tileJsonSchema) {}
