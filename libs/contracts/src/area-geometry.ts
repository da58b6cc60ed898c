import { z } from 'zod';

const position = z.array(z.number()).min(2);

/**
 * An area's boundary as the registry stores and answers it: a GeoJSON (RFC 7946) Polygon or
 * MultiPolygon (the registry's import refuses anything else).
 */
export const areaGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) }),
]);
