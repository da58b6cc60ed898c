import type { Geometry } from 'geojson';

// Area boundaries for vector tiles: projected once to Web Mercator "world" coordinates (0…1 in
// x and y, y down, as tile schemes count), then per tile simplified (Douglas–Peucker with a
// tolerance of a fraction of a pixel at that zoom, so a block is a few points at city scale and
// exact at street scale), clipped to the tile plus a buffer, and rounded to the tile grid.

/** A polygon as flat world-coordinate rings: [x0, y0, x1, y1, …], first ring the exterior. */
export type WorldPolygon = Float64Array[];

export interface WorldBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const MAX_LATITUDE = 85.0511287798066;

export function worldX(lon: number): number {
  return lon / 360 + 0.5;
}

export function worldY(lat: number): number {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
}

/** Polygon or MultiPolygon → world polygons (other geometry types yield none). */
export function projectGeometry(geometry: Geometry | null): WorldPolygon[] {
  if (!geometry) return [];
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  return polygons.map((rings) =>
    rings.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach(([lon, lat], i) => {
        flat[2 * i] = worldX(lon);
        flat[2 * i + 1] = worldY(lat);
      });
      return flat;
    }),
  );
}

export function boxOf(polygons: readonly WorldPolygon[]): WorldBox | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring) continue;
    for (let i = 0; i < ring.length; i += 2) {
      minX = Math.min(minX, ring[i]);
      maxX = Math.max(maxX, ring[i]);
      minY = Math.min(minY, ring[i + 1]);
      maxY = Math.max(maxY, ring[i + 1]);
    }
  }
  return minX <= maxX ? { minX, minY, maxX, maxY } : null;
}

/** Douglas–Peucker on a closed ring (first = last point); keeps at least the end points. */
export function simplifyRing(ring: Float64Array, tolerance: number): Float64Array {
  const n = ring.length / 2;
  if (n <= 4 || tolerance <= 0) return ring;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const sq = tolerance * tolerance;
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    let farthest = -1;
    let distance = sq;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistanceSq(ring, i, first, last);
      if (d > distance) {
        farthest = i;
        distance = d;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push(first, farthest, farthest, last);
    }
  }
  // A ring whose start and end coincide has no chord: keep its farthest point from the start,
  // so it does not collapse to nothing when it is large.
  if (keep.reduce((s, k) => s + k, 0) < 4) keepFarthest(ring, keep, sq);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(ring[2 * i], ring[2 * i + 1]);
  return Float64Array.from(out);
}

function keepFarthest(ring: Float64Array, keep: Uint8Array, sq: number): void {
  const n = ring.length / 2;
  let best = -1;
  let bestD = sq;
  for (let i = 1; i < n - 1; i++) {
    const d = (ring[2 * i] - ring[0]) ** 2 + (ring[2 * i + 1] - ring[1]) ** 2;
    if (d > bestD) [best, bestD] = [i, d];
  }
  if (best < 0) return;
  keep[best] = 1;
  // And the point farthest from the chord start–best on either side, for a triangle at least.
  for (const [from, to] of [
    [0, best],
    [best, n - 1],
  ]) {
    let far = -1;
    let farD = 0;
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistanceSq(ring, i, from, to);
      if (d > farD) [far, farD] = [i, d];
    }
    if (far >= 0) keep[far] = 1;
  }
}

function segmentDistanceSq(ring: Float64Array, p: number, a: number, b: number): number {
  const [px, py] = [ring[2 * p], ring[2 * p + 1]];
  const [ax, ay] = [ring[2 * a], ring[2 * a + 1]];
  let dx = ring[2 * b] - ax;
  let dy = ring[2 * b + 1] - ay;
  let x = ax;
  let y = ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = ring[2 * b];
      y = ring[2 * b + 1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Sutherland–Hodgman against an axis-aligned rectangle (open ring in, open ring out). */
export function clipRing(points: number[], box: WorldBox): number[] {
  let out = points;
  const edges: [number, number, boolean][] = [
    [0, box.minX, true],
    [0, box.maxX, false],
    [1, box.minY, true],
    [1, box.maxY, false],
  ];
  for (const [axis, bound, keepAbove] of edges) {
    const input = out;
    out = [];
    const count = input.length / 2;
    if (count === 0) break;
    const inside = (i: number) => (keepAbove ? input[2 * i + axis] >= bound : input[2 * i + axis] <= bound);
    for (let i = 0; i < count; i++) {
      const j = (i + count - 1) % count;
      const [curIn, prevIn] = [inside(i), inside(j)];
      if (curIn !== prevIn) {
        const t = (bound - input[2 * j + axis]) / (input[2 * i + axis] - input[2 * j + axis]);
        const other = 1 - axis;
        const cross = input[2 * j + other] + t * (input[2 * i + other] - input[2 * j + other]);
        out.push(axis === 0 ? bound : cross, axis === 0 ? cross : bound);
      }
      if (curIn) out.push(input[2 * i], input[2 * i + 1]);
    }
  }
  return out;
}

/** Twice the signed area (surveyor's formula) of an open ring. */
export function signedArea2(ring: readonly number[]): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++)
    sum += ring[2 * j] * ring[2 * i + 1] - ring[2 * i] * ring[2 * j + 1];
  return sum;
}
