import { ReportingError } from '../reporting-error';

// Area geometries as the registry holds them: GeoJSON (RFC 7946) Polygon or MultiPolygon in
// WGS84 longitude/latitude. Maps only read them, so validation checks what drawing needs.

export type Position = [number, number] | number[];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface MapArea {
  code: string;
  name: string;
  geometry: AreaGeometry;
}

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The polygons of a geometry: each a list of rings (outer first, then holes). */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function ringIssue(ring: Position[]): string | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring needs at least 4 positions';
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      return `position ${JSON.stringify(p)} is not [longitude, latitude]`;
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)
      return `position [${p[0]}, ${p[1]}] is outside WGS84 (projected coordinates?)`;
  }
  return undefined;
}

/**
 * Checks the areas a map is drawn from.
 * @throws ReportingError `InvalidReportData` naming the map and the area.
 */
export function checkMapAreas(mapId: string, areas: readonly MapArea[]): void {
  for (const area of areas) {
    const fail = (message: string) => {
      throw new ReportingError('InvalidReportData', `map "${mapId}", area "${area.code}": ${message}`);
    };
    const type = (area.geometry as { type?: unknown } | undefined)?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon')
      fail(`geometry must be a Polygon or MultiPolygon, not ${String(type)}`);
    const polygons = polygonsOf(area.geometry);
    if (!Array.isArray(polygons) || polygons.length === 0) fail('geometry has no polygons');
    for (const polygon of polygons) {
      if (!Array.isArray(polygon) || polygon.length === 0) fail('a polygon has no rings');
      for (const ring of polygon) {
        const issue = ringIssue(ring);
        if (issue) fail(issue);
      }
    }
  }
}

export function boundingBox(areas: readonly MapArea[]): BoundingBox {
  const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const area of areas) {
    for (const polygon of polygonsOf(area.geometry)) {
      // Holes lie inside their outer ring: the outer ring alone bounds the polygon.
      for (const [lon, lat] of polygon[0]) {
        if (lon < box.west) box.west = lon;
        if (lon > box.east) box.east = lon;
        if (lat < box.south) box.south = lat;
        if (lat > box.north) box.north = lat;
      }
    }
  }
  return box;
}
