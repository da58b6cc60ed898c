import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Geometry, Position } from 'geojson';
import { type FeatureProblem, featureProblem } from './feature-problems';
import { findRingIntersection } from './ring-intersections';

/** Why a geometry cannot be an area boundary, or null when it can (RFC 7946, WGS84). */
export function geometryProblem(geometry: unknown): FeatureProblem | null {
  if (!geometry || typeof geometry !== 'object') return featureProblem('GeometryMissing');
  const g = geometry as Geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
    return featureProblem('GeometryType', { type: String(g.type) });
  if (!Array.isArray(g.coordinates)) return featureProblem('NoCoordinates');
  const polygons: unknown[] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  // A MultiPolygon's problems name the part (`polygon p`), a Polygon's only the ring.
  const where = (p: number): Record<string, number> => (g.type === 'Polygon' ? {} : { polygon: p });
  for (const [p, rings] of polygons.entries()) {
    if (!Array.isArray(rings) || rings.length === 0)
      return featureProblem('PolygonWithoutRings', { polygon: p });
    for (const [r, ring] of (rings as unknown[]).entries()) {
      const problem = ringProblem(ring, { ...where(p), ring: r });
      if (problem) return problem;
    }
  }
  for (const [p, rings] of (polygons as Position[][][]).entries()) {
    const hit = findRingIntersection(rings);
    if (hit) {
      const edges = { ...where(p), ring: hit.ring, edge: hit.edge, otherEdge: hit.otherEdge };
      return hit.ring === hit.otherRing
        ? featureProblem('RingSelfIntersection', edges)
        : featureProblem('RingsCross', { ...edges, otherRing: hit.otherRing });
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
        return featureProblem('HoleOutside', { ...where(p), hole: h });
      }
    }
  }
  return null;
}

function ringProblem(ring: unknown, where: Record<string, number>): FeatureProblem | null {
  if (!Array.isArray(ring)) return featureProblem('RingNotList', where);
  if (ring.length < 4) return featureProblem('RingTooShort', { ...where, positions: ring.length });
  for (const [i, position] of ring.entries()) {
    if (!isPosition(position)) return featureProblem('PositionInvalid', { ...where, position: i });
    const [lon, lat] = position;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
      return featureProblem('PositionOutOfBounds', { ...where, position: i, lon, lat });
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return featureProblem('RingNotClosed', where);
  return null;
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}
