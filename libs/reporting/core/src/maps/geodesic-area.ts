import { polygonsOf, type AreaGeometry, type Position } from './geo';

// The surface of an area on the sphere, from its WGS84 geometry (Chamberlain & Duquette,
// "Some algorithms for polygons on a sphere", JPL 2007 — the formula turf and PostGIS's
// spheroid-free ST_Area(geography, false) use). Over a city the sphere differs from the WGS84
// ellipsoid by well under 0.5 %, less than the rounding of a profile's "km²" to one decimal.

/** The IUGG mean Earth radius, as turf and PostGIS (sphere) use it. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [lon1, lat1] = ring[i];
    const [lon2, lat2] = ring[i + 1];
    sum += (lon2 - lon1) * RAD * (2 + Math.sin(lat1 * RAD) + Math.sin(lat2 * RAD));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/** Area in km²: outer rings minus their holes. */
export function geodesicAreaKm2(geometry: AreaGeometry): number {
  let squareMetres = 0;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    squareMetres += ringArea(outer) - holes.reduce((s, hole) => s + ringArea(hole), 0);
  }
  return squareMetres / 1e6;
}
