import booleanValid from '@turf/boolean-valid';
import kinks from '@turf/kinks';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** Why a geometry cannot be an area boundary, or null when it can (RFC 7946, WGS84). */
export function geometryProblem(geometry: unknown): string | null {
  if (!geometry || typeof geometry !== 'object') return 'geometry is missing';
  const g = geometry as Geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return `geometry type ${String(g.type)} is not Polygon or MultiPolygon`;
  if (!Array.isArray(g.coordinates)) return 'geometry has no coordinates';
  const polygons: unknown[] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const [p, rings] of polygons.entries()) {
    if (!Array.isArray(rings) || rings.length === 0) return `polygon ${p} has no rings`;
    for (const [r, ring] of (rings as unknown[]).entries()) {
      const where = g.type === 'Polygon' ? `ring ${r}` : `polygon ${p} ring ${r}`;
      const problem = ringProblem(ring);
      if (problem) return `${where}: ${problem}`;
    }
  }
  // kinks finds rings crossing themselves (bow-ties); booleanValid finds holes outside shells and
  // overlapping parts of multipolygons. Both are needed: neither catches everything alone.
  if (kinks(g as Polygon | MultiPolygon).features.length > 0) return 'polygon is invalid (self-intersecting ring)';
  if (!booleanValid(g as Polygon | MultiPolygon)) return 'polygon is invalid (self-intersecting ring or overlapping parts)';
  return null;
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring)) return 'not a list of positions';
  if (ring.length < 4) return `has ${ring.length} positions, a closed ring needs at least 4`;
  for (const [i, position] of ring.entries()) {
    if (!isPosition(position)) return `position ${i} is not [longitude, latitude]`;
    const [lon, lat] = position;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return `position ${i} (${lon}, ${lat}) is outside WGS84 bounds`;
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'is not closed (first and last position differ)';
  return null;
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}
