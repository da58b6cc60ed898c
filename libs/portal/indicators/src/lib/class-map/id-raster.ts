// The class map at zooms where areas are a few pixels wide, drawn from the registry's raster of
// area ids (`…/{z}/{x}/{y}.png`: each pixel holds the ordinal + 1 of the area under its centre,
// 24-bit big-endian in RGB; 0 = no area; `…/codes` names the ordinals). The page colours each
// pixel through a palette by ordinal, so changing indicator, period or selection repaints a
// handful of tiles instead of laying out 50,000 polygons again. Pure functions: MapLibre's side
// is in raster-layer.ts (no imports here: node's test runner loads this file as it is).

/** Pixels per side of a raster tile (the registry's `raster.tileSize`). */
export const RASTER_TILE_SIZE = 512;
/** The patterns' ink, as in `patternTile` (suppressed: hatched, no value: dotted). */
const INK = packRgba(40, 40, 40);
const SELECTED_INK = packRgba(0x13, 0x29, 0x4b);
const HATCH = 1;
const DOTS = 2;

/** How one area is drawn: a `#rrggbb` fill, and a pattern over it. */
export interface AreaStyle {
  readonly color: string;
  readonly pattern?: 'hatch' | 'dots' | null;
}

/** Colours by ordinal as ImageData's little-endian RGBA words (0 = not drawn), patterns beside. */
export interface Palette {
  readonly colors: Uint32Array;
  readonly patterns: Uint8Array;
  /** The selected area's ordinal + 1 (its edge is drawn), 0 for none. */
  readonly selected: number;
}

export function packRgba(r: number, g: number, b: number, a = 255): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** `#rrggbb` as a packed RGBA word. */
export function rgbaOf(hex: string): number {
  const value = parseInt(hex.slice(1, 7), 16);
  return packRgba((value >> 16) & 255, (value >> 8) & 255, value & 255);
}

/**
 * The palette of one drawing, by ordinal (`codes[i]` is ordinal i); areas without a style are
 * not drawn (outside the caller's scope, as on the vector map).
 */
export function buildPalette(
  codes: readonly string[],
  styleOf: (code: string) => AreaStyle | undefined,
  selectedCode: string | null = null,
): Palette {
  const colors = new Uint32Array(codes.length + 1);
  const patterns = new Uint8Array(codes.length + 1);
  const parsed = new Map<string, number>();
  let selected = 0;
  codes.forEach((code, ordinal) => {
    const style = styleOf(code);
    if (!style) return;
    let color = parsed.get(style.color);
    if (color === undefined) parsed.set(style.color, (color = rgbaOf(style.color)));
    colors[ordinal + 1] = color;
    patterns[ordinal + 1] = style.pattern === 'hatch' ? HATCH : style.pattern === 'dots' ? DOTS : 0;
    if (code === selectedCode) selected = ordinal + 1;
  });
  return { colors, patterns, selected };
}

/** A tile's ids from its decoded RGBA pixels (ordinal + 1; 0 = no area). */
export function idsOf(rgba: Uint8ClampedArray | Uint8Array): Uint32Array {
  const ids = new Uint32Array(rgba.length / 4);
  for (let i = 0, p = 0; i < ids.length; i++, p += 4)
    ids[i] = (rgba[p] << 16) | (rgba[p + 1] << 8) | rgba[p + 2];
  return ids;
}

/**
 * The tile's pixels (little-endian RGBA words for ImageData). Patterns are laid out on the
 * world's pixel grid (`x0`, `y0`: the tile's first pixel there), so they run on across tiles;
 * the selected area gets a two-pixel edge inside its outline.
 */
export function paintTile(
  ids: Uint32Array,
  palette: Palette,
  x0 = 0,
  y0 = 0,
  size = RASTER_TILE_SIZE,
): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(ids.length);
  const { colors, patterns, selected } = palette;
  for (let y = 0; y < size; y++) {
    const row = y * size;
    const gy = y0 + y;
    for (let x = 0; x < size; x++) {
      const id = ids[row + x];
      if (id === 0 || id >= colors.length) continue;
      const color = colors[id];
      if (color === 0) continue;
      const pattern = patterns[id];
      let pixel = color;
      if (pattern !== 0) {
        const gx = x0 + x;
        const on = pattern === HATCH ? ((gx + gy) & 7) < 2 : (gx & 3) === 1 && (gy & 3) === 1;
        if (on) pixel = INK;
      }
      if (id === selected && nearEdge(ids, size, x, y, id)) pixel = SELECTED_INK;
      out[row + x] = pixel;
    }
  }
  return out;
}

/** Whether a pixel of area `id` lies within two pixels of another area (inside the tile). */
function nearEdge(ids: Uint32Array, size: number, x: number, y: number, id: number): boolean {
  for (let dy = -2; dy <= 2; dy++) {
    const ny = y + dy;
    if (ny < 0 || ny >= size) continue;
    for (let dx = -2; dx <= 2; dx++) {
      const nx = x + dx;
      if (nx >= 0 && nx < size && ids[ny * size + nx] !== id) return true;
    }
  }
  return false;
}

/**
 * The ids (ordinal + 1) a tile holds, each once, ascending: worked out once per tile when it is
 * decoded, while the page still waits for the values, so counting what a view draws goes over
 * tens of thousands of ids instead of every pixel of every tile (a million at a full-city view).
 */
export function presentIds(ids: Uint32Array): Uint32Array {
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
  const seen = new Uint8Array(max + 1);
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id !== 0 && seen[id] === 0) {
      seen[id] = 1;
      count++;
    }
  }
  const present = new Uint32Array(count);
  for (let id = 1, k = 0; id <= max; id++) if (seen[id] === 1) present[k++] = id;
  return present;
}

/** How many areas these tiles draw (ids with a colour, from `presentIds`), each counted once. */
export function countDrawn(tiles: Iterable<Uint32Array>, palette: Palette): number {
  const counted = new Uint8Array(palette.colors.length);
  let count = 0;
  for (const present of tiles)
    for (let i = 0; i < present.length; i++) {
      const id = present[i];
      if (id < palette.colors.length && palette.colors[id] !== 0 && counted[id] === 0) {
        counted[id] = 1;
        count++;
      }
    }
  return count;
}

/** Web Mercator coordinates of a position, the world being [0, 1) × [0, 1) from the north-west. */
function worldOf(lng: number, lat: number): [number, number] {
  const sin = Math.sin((lat * Math.PI) / 180);
  return [(lng + 180) / 360, 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)];
}

/** The tile z/x/y and the pixel in it (Web Mercator, tiles of `size` pixels) under a position. */
export function pixelAt(
  lng: number,
  lat: number,
  z: number,
  size = RASTER_TILE_SIZE,
): { x: number; y: number; px: number; py: number } | null {
  const [wx, wy] = worldOf(lng, lat);
  const tiles = 2 ** z;
  if (!(wx >= 0 && wx < 1 && wy >= 0 && wy < 1)) return null;
  const gx = Math.floor(wx * tiles * size);
  const gy = Math.floor(wy * tiles * size);
  return { x: Math.floor(gx / size), y: Math.floor(gy / size), px: gx % size, py: gy % size };
}

/**
 * The tiles MapLibre will ask for once it has fitted `bounds` into a `width` × `height` map with
 * `padding` (as `fitBounds` does; raster sources round the zoom): fetched while MapLibre itself
 * still loads, they are there when it asks.
 */
export function fittedViewTiles(
  bounds: readonly [number, number, number, number],
  width: number,
  height: number,
  padding: number,
  maxZoom: number,
  size = RASTER_TILE_SIZE,
): [z: number, x: number, y: number][] {
  const [west, south, east, north] = bounds;
  if (width <= 2 * padding || height <= 2 * padding) return [];
  const [x0, y0] = worldOf(west, north);
  const [x1, y1] = worldOf(east, south);
  const span = Math.max((x1 - x0) / (width - 2 * padding), (y1 - y0) / (height - 2 * padding), 1e-12);
  // The zoom at which one pixel spans `span` of the world (MapLibre's world is 512 px at zoom 0).
  const zoom = Math.log2(1 / (span * 512));
  const z = Math.max(0, Math.min(maxZoom, Math.round(zoom + Math.log2(512 / size))));
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const halfW = (width / 2) * span;
  const halfH = (height / 2) * span;
  const n = 2 ** z;
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
  const tiles: [number, number, number][] = [];
  for (let y = clamp(cy - halfH); y <= clamp(cy + halfH); y++)
    for (let x = clamp(cx - halfW); x <= clamp(cx + halfW); x++) tiles.push([z, x, y]);
  return tiles;
}
