import type { AreaGeometry } from './geo';
import { polygonsOf } from './geo';
import type { Projection } from './projection';

// Paths are kept small: rings are simplified with Douglas–Peucker to `tolerance` px (0.5 px is
// 0.18 mm on an A4 page — the width of the white area borders), coordinates are rounded to
// 0.1 px, and all but the first point are written relative. A city's 448 planning areas with
// hundreds of vertices each come out at a few hundred kilobytes. Neighbours are simplified
// independently, so shared borders may part by up to the tolerance; the border stroke covers it.
// (No simplification library is among our dependencies; Douglas–Peucker is short enough here.)

const PRECISION = 10;

function round(v: number): number {
  return Math.round(v * PRECISION) / PRECISION;
}

function num(v: number): string {
  // 0.30000000000000004 → 0.3 after the rounding subtraction below; "-0" → "0".
  const r = Math.round(v * PRECISION) / PRECISION;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Douglas–Peucker on a ring's points (iterative: rings can have tens of thousands of points). */
function simplify(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [start, end] = stack.pop()!;
    const [ax, ay] = points[start];
    const [bx, by] = points[end];
    const length = Math.hypot(bx - ax, by - ay);
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = start + 1; i < end; i++) {
      const [px, py] = points[i];
      const distance =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([start, worst], [worst, end]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function ringPath(ring: readonly (readonly number[])[], projection: Projection, tolerance: number): string {
  const projected = ring.map((position) => projection.project(position[0], position[1]));
  const points: [number, number][] = [];
  for (const [x, y] of simplify(projected, tolerance)) {
    const p: [number, number] = [round(x), round(y)];
    const last = points[points.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
  }
  // The closing position repeats the first; `z` closes the ring.
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && last[0] === first[0] && last[1] === first[1]) points.pop();
  if (points.length < 3) return '';
  let d = `M${num(first[0])} ${num(first[1])}`;
  for (let i = 1; i < points.length; i++) {
    const dx = num(points[i][0] - points[i - 1][0]);
    const dy = num(points[i][1] - points[i - 1][1]);
    d += `l${dx}${dy.startsWith('-') ? '' : ' '}${dy}`;
  }
  return `${d}z`;
}

/**
 * The SVG path data of a geometry. Rings that collapse below three points at this scale (tiny
 * islands, slivers) are left out; holes are kept and drawn with the even-odd rule.
 */
export function geometryPath(geometry: AreaGeometry, projection: Projection, tolerance = 0.5): string {
  return polygonsOf(geometry)
    .flatMap((polygon) => polygon.map((ring) => ringPath(ring, projection, tolerance)))
    .join('');
}

/** A point inside-ish the area for its label: the area-weighted centroid of its largest outer ring. */
export function labelPoint(geometry: AreaGeometry, projection: Projection): [number, number] {
  let best: { area: number; x: number; y: number } = { area: -1, x: 0, y: 0 };
  for (const polygon of polygonsOf(geometry)) {
    const pts = polygon[0].map((p) => projection.project(p[0], p[1]));
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < pts.length - 1; i++) {
      const cross = pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
      a += cross;
      cx += (pts[i][0] + pts[i + 1][0]) * cross;
      cy += (pts[i][1] + pts[i + 1][1]) * cross;
    }
    const area = Math.abs(a / 2);
    if (area > best.area && a !== 0) best = { area, x: cx / (3 * a), y: cy / (3 * a) };
  }
  return [round(best.x), round(best.y)];
}
