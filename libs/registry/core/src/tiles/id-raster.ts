import type { WorldBox, WorldPolygon } from './tile-geometry';

// Area-id rasters: at zooms where areas are a few pixels wide, a browser recolours a raster of
// area ids faster than it lays out tens of thousands of tiny vector polygons. Each pixel holds
// the id of the area covering its centre; ids are ordinals along a Hilbert curve, so that
// neighbouring areas get near ids and the image's row filters compress them well.

/** Side of the Hilbert grid the box centres are snapped to (2^16: positions fit in 32 bits). */
const HILBERT_SIDE = 1 << 16;

/** Position of grid cell (x, y) along the Hilbert curve filling a HILBERT_SIDE square. */
export function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = HILBERT_SIDE >> 1; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = HILBERT_SIDE - 1 - x;
        y = HILBERT_SIDE - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
}

/**
 * The items in Hilbert-curve order of their boxes' centres (over the bounds of all centres):
 * item indices, first to last. Equal positions fall back to `keys`, so the order depends on the
 * boxes and keys only, not on the order they came in.
 */
export function hilbertOrder(boxes: readonly WorldBox[], keys: readonly string[]): number[] {
  const cx = boxes.map((b) => (b.minX + b.maxX) / 2);
  const cy = boxes.map((b) => (b.minY + b.maxY) / 2);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < boxes.length; i++) {
    [minX, maxX] = [Math.min(minX, cx[i]), Math.max(maxX, cx[i])];
    [minY, maxY] = [Math.min(minY, cy[i]), Math.max(maxY, cy[i])];
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const cell = (v: number, min: number) =>
    Math.min(HILBERT_SIDE - 1, Math.floor(((v - min) / span) * HILBERT_SIDE));
  const position = boxes.map((_, i) => hilbertIndex(cell(cx[i], minX), cell(cy[i], minY)));
  return boxes
    .map((_, i) => i)
    .sort((a, b) => position[a] - position[b] || (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
}

/** Where a raster lies in world coordinates: pixel = world × scale − origin. */
export interface RasterWindow {
  /** Pixels per raster side. */
  size: number;
  /** Pixels per world unit (2^z × size for tile z). */
  scale: number;
  originX: number;
  originY: number;
}

/** The window of tile z/x/y as a raster of `size` × `size` pixels. */
export function tileWindow(z: number, x: number, y: number, size: number): RasterWindow {
  return { size, scale: 2 ** z * size, originX: x * size, originY: y * size };
}

/**
 * Sets `value` at every pixel (row-major) whose centre lies inside the polygon: even-odd over
 * all its rings, so holes stay empty. A centre on an edge counts when the edge is its left or top
 * one (half-open spans), so areas that share an edge never both claim a pixel.
 */
export function fillPolygon(pixels: Uint32Array, window: RasterWindow, polygon: WorldPolygon, value: number) {
  const edges = edgeTable(window, polygon);
  if (edges.count === 0) return;
  const { size } = window;
  const active: number[] = [];
  const crossings: number[] = [];
  for (let row = edges.firstRow; row <= edges.lastRow; row++) {
    for (let e = edges.head[row - edges.firstRow]; e >= 0; e = edges.next[e]) active.push(e);
    const cy = row + 0.5;
    crossings.length = 0;
    let kept = 0;
    for (const e of active) {
      if (edges.last[e] < row) continue;
      active[kept++] = e;
      crossings.push(edges.x0[e] + (cy - edges.y0[e]) * edges.slope[e]);
    }
    active.length = kept;
    crossings.sort((a, b) => a - b);
    const offset = row * size;
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const from = Math.max(0, Math.ceil(crossings[i] - 0.5));
      const to = Math.min(size, Math.ceil(crossings[i + 1] - 0.5));
      if (from < to) pixels.fill(value, offset + from, offset + to);
    }
  }
}

/**
 * The polygon's non-horizontal edges in pixel coordinates, bucketed by the first row whose centre
 * they cross (rows whose centre y satisfies top ≤ y < bottom), limited to the raster's rows.
 */
function edgeTable(window: RasterWindow, polygon: WorldPolygon) {
  const { size, scale, originX, originY } = window;
  const total = polygon.reduce((n, ring) => n + ring.length / 2, 0);
  const [x0, y0, slope] = [new Float64Array(total), new Float64Array(total), new Float64Array(total)];
  const [first, last, next] = [new Int32Array(total), new Int32Array(total), new Int32Array(total)];
  let count = 0;
  let firstRow = size;
  let lastRow = -1;
  for (const ring of polygon) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [ax, ay] = [ring[2 * j] * scale - originX, ring[2 * j + 1] * scale - originY];
      const [bx, by] = [ring[2 * i] * scale - originX, ring[2 * i + 1] * scale - originY];
      if (ay === by) continue;
      const from = Math.max(0, Math.ceil(Math.min(ay, by) - 0.5));
      const to = Math.min(size - 1, Math.ceil(Math.max(ay, by) - 0.5) - 1);
      if (from > to) continue;
      [x0[count], y0[count], slope[count]] = [ax, ay, (bx - ax) / (by - ay)];
      [first[count], last[count]] = [from, to];
      firstRow = Math.min(firstRow, from);
      lastRow = Math.max(lastRow, to);
      count++;
    }
  }
  const head = new Int32Array(Math.max(0, lastRow - firstRow + 1)).fill(-1);
  for (let e = count - 1; e >= 0; e--) {
    next[e] = head[first[e] - firstRow];
    head[first[e] - firstRow] = e;
  }
  return { count, firstRow, lastRow, head, next, x0, y0, slope, last };
}
