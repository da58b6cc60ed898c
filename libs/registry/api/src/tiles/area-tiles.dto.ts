import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/**
 * TileJSON 3.0 of a level's vector tiles (docs/adr/0007-generated-portal-clients.md): tile URLs
 * are paths of this API (`…/{z}/{x}/{y}.pbf`), layer `areas` with `code`, plus `id` and `name`
 * from zoom 10; `raster` names the same tiles as PNG rasters of area ids (for zooms where areas
 * are a few pixels wide, recoloured in the browser) and the codes behind those ids.
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
  /**
   * Area-id rasters: `{z}/{x}/{y}.png` covers the vector tile z/x/y in `tileSize` × `tileSize`
   * 8-bit RGB pixels; each holds ordinal + 1 of the area covering its centre as a 24-bit
   * big-endian number (R high byte), 0 where none. `codes` lists the area codes by ordinal.
   */
  raster: z.object({
    tiles: z.array(z.string()),
    tileSize: z.number().int(),
    codes: z.string(),
  }),
});
export class TileJsonDto extends createZodDto(tileJsonSchema) {}

/** The area codes of a level by ordinal: `codes[i]` is the area whose raster pixels hold i + 1. */
export const areaCodesSchema = z.object({ codes: z.array(z.string()) });
export class AreaCodesDto extends createZodDto(areaCodesSchema) {}
