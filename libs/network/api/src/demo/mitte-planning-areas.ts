import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** A planning area of Berlin-Mitte with a point inside it and how far actors may spread from it. */
export interface MittePlanningArea {
  readonly code: string;
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  readonly dLon: number;
  readonly dLat: number;
}

const GRID = 24;

/**
 * Interior points of Bezirk Mitte's planning areas, computed from the LOR file of the reference
 * data (Geoportal Berlin, dl-de/by-2.0): the grid point inside the polygon nearest to its
 * bounding-box centre, and a jitter radius of a tenth of the box so demo actors spread out
 * without leaving the area.
 */
export function mittePlanningAreas(collection: FeatureCollection): MittePlanningArea[] {
  const out: MittePlanningArea[] = [];
  for (const feature of collection.features) {
    const props = feature.properties as { id?: string; name?: string } | null;
    const code = String(props?.id ?? '');
    if (!code.startsWith('01') || code.length !== 8) continue;
    const geometry = feature.geometry as Polygon | MultiPolygon;
    const positions: Position[] = (
      geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    ).flat(2);
    const [minLon, maxLon] = [
      Math.min(...positions.map((p) => p[0])),
      Math.max(...positions.map((p) => p[0])),
    ];
    const [minLat, maxLat] = [
      Math.min(...positions.map((p) => p[1])),
      Math.max(...positions.map((p) => p[1])),
    ];
    const [cLon, cLat] = [(minLon + maxLon) / 2, (minLat + maxLat) / 2];
    let best: Position | null = null;
    let bestDistance = Infinity;
    for (let i = 0; i <= GRID; i++)
      for (let j = 0; j <= GRID; j++) {
        const point = [minLon + ((maxLon - minLon) * i) / GRID, minLat + ((maxLat - minLat) * j) / GRID];
        const distance = (point[0] - cLon) ** 2 + (point[1] - cLat) ** 2;
        if (distance < bestDistance && booleanPointInPolygon(point, geometry))
          [best, bestDistance] = [point, distance];
      }
    if (!best) continue;
    const round = (v: number) => Math.round(v * 1e5) / 1e5;
    out.push({
      code,
      name: String(props?.name ?? code),
      lon: round(best[0]),
      lat: round(best[1]),
      dLon: round((maxLon - minLon) / 10),
      dLat: round((maxLat - minLat) / 10),
    });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
