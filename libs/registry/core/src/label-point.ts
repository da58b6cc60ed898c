import type { Geometry, Position } from 'geojson';

export interface LabelPoint {
  readonly lat: number;
  readonly lon: number;
}

/**
 * A representative point that lies inside an area (for labels, IATI locations, locator maps),
 * like PostGIS's ST_PointOnSurface: on the horizontal line through the middle of the largest
 * polygon's bounding box, the midpoint of the widest stretch inside the polygon (holes
 * respected). A centroid would fall outside a crescent- or ring-shaped area.
 */
export function labelPoint(geometry: Geometry | null): LabelPoint | null {
  const polygons =
    geometry?.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry?.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  let best: { polygon: Position[][]; area: number } | null = null;
  for (const polygon of polygons) {
    const area = Math.abs(ringArea(polygon[0] ?? []));
    if (polygon[0]?.length >= 4 && (!best || area > best.area)) best = { polygon, area };
  }
  if (!best) return null;
  const ys = best.polygon[0].map((p) => p[1]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  // Try the middle first, then lines above and below it, in case the middle grazes a vertex.
  for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const point = widestStretch(best.polygon, minY + (maxY - minY) * f);
    if (point) return point;
  }
  return null;
}

function widestStretch(polygon: Position[][], y: number): LabelPoint | null {
  const xs: number[] = [];
  for (const ring of polygon)
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      // Half-open on y so a line through a vertex counts the crossing once.
      if (y1 <= y !== y2 <= y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2)
    if (!best || xs[i + 1] - xs[i] > best[1] - best[0]) best = [xs[i], xs[i + 1]];
  if (!best || best[1] - best[0] <= 0) return null;
  return { lon: round((best[0] + best[1]) / 2), lat: round(y) };
}

function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** Seven decimals: about a centimetre, more than a label needs. */
function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
