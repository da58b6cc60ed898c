import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Geometry, Position } from 'geojson';
import { findRingIntersection } from './ring-intersections';

/** Why a geometry cannot be an area boundary, or null when it can (RFC 7946, WGS84). */
export function geometryProblem(geometry: unknown): string | null {
  if (!geometry || typeof geometry !== 'object') return 'geometry is missing';
  const g = geometry as Geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
    return `geometry type ${String(g.type)} is not Polygon or MultiPolygon`;
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
  for (const [p, rings] of (polygons as Position[][][]).entries()) {
    const hit = findRingIntersection(rings);
    if (hit) {
      const where = g.type === 'Polygon' ? '' : `polygon ${p} `;
      return hit.ring === hit.otherRing
        ? `${where}ring ${hit.ring} intersects itself (edges ${hit.edge} and ${hit.otherEdge})`
        : `${where}rings ${hit.ring} and ${hit.otherRing} cross (edges ${hit.edge} and ${hit.otherEdge})`;
    }
    for (let h = 1; h < rings.length; h++) {
      // A hole that does not cross its shell is either inside it or entirely outside.
      if (
        !booleanPointInPolygon(
          rings[h][0],
          { type: 'Polygon', coordinates: [rings[0]] },
          { ignoreBoundary: false },
        )
      ) {
        return `${g.type === 'Polygon' ? '' : `polygon ${p} `}hole ${h} lies outside the outer ring`;
      }
    }
  }
  return null;
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring)) return 'not a list of positions';
  if (ring.length < 4) return `has ${ring.length} positions, a closed ring needs at least 4`;
  for (const [i, position] of ring.entries()) {
    if (!isPosition(position)) return `position ${i} is not [longitude, latitude]`;
    const [lon, lat] = position;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
      return `position ${i} (${lon}, ${lat}) is outside WGS84 bounds`;
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'is not closed (first and last position differ)';
  return null;
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}
