import type { Geometry } from 'geojson';
import RBush from 'rbush';
import { fillPolygon, hilbertOrder, tileWindow } from './id-raster';
import { encodeVectorTile, type TileFeature } from './mvt-writer';
import {
  boxOf,
  clipRing,
  projectGeometry,
  signedArea2,
  simplifyRing,
  type WorldBox,
  type WorldPolygon,
} from './tile-geometry';

export interface TileArea {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly geometry: Geometry | null;
}

export interface AreaTileOptions {
  /** Tile grid units per tile side (MVT default 4096). */
  extent?: number;
  /** Grid units around the tile that are kept, so outlines do not end at tile edges. */
  buffer?: number;
  /** Simplification tolerance in grid units (4096 units = 512 pixels: 4 units ≈ half a pixel). */
  tolerance?: number;
  /** From this zoom on, features carry `id` and `name` too (below only `code`, to stay small). */
  detailZoom?: number;
}

export const AREA_TILE_LAYER = 'areas';
export const AREA_TILE_MAX_ZOOM = 16;
/** Pixels per side of an area-id raster tile (covering the vector tile's 4096 units). */
export const AREA_RASTER_SIZE = 512;

interface Indexed extends WorldBox {
  area: number;
}

/**
 * The areas of one level as vector tiles, layer `areas`, one polygon feature per area with its
 * `code` (the join key for values) and, at `detailZoom` and above, `id` and `name`. Geometry is
 * projected once; each tile picks its areas from an R-tree, simplifies them for the zoom, clips
 * them to the tile plus a buffer and drops what shrinks below a pixel.
 *
 * The same tiles as rasters of area ids: each area has an ordinal (0…n−1, along a Hilbert curve
 * through the centres of the areas' boxes, stable for the same areas); a pixel holds ordinal + 1
 * of the area covering its centre, 0 where none does; `codes()` maps ordinals back to codes.
 */
export class AreaTileIndex {
  readonly bounds: [number, number, number, number] | null;
  private readonly areas: { meta: Omit<TileArea, 'geometry'>; polygons: WorldPolygon[] }[];
  private readonly tree = new RBush<Indexed>();
  private readonly extent: number;
  private readonly buffer: number;
  private readonly tolerance: number;
  private readonly detailZoom: number;
  /** Ordinal of each area (by its index in `areas`); `byOrdinal` is the inverse. */
  private readonly ordinals: Uint32Array;
  private readonly byOrdinal: number[];

  constructor(areas: Iterable<TileArea>, options: AreaTileOptions = {}) {
    this.extent = options.extent ?? 4096;
    this.buffer = options.buffer ?? 64;
    this.tolerance = options.tolerance ?? 4;
    this.detailZoom = options.detailZoom ?? 10;
    this.areas = [];
    const boxes: Indexed[] = [];
    for (const { geometry, ...meta } of areas) {
      const polygons = projectGeometry(geometry);
      const box = boxOf(polygons);
      if (!box) continue;
      boxes.push({ ...box, area: this.areas.length });
      this.areas.push({ meta, polygons });
    }
    this.tree.load(boxes);
    this.byOrdinal = hilbertOrder(
      boxes,
      this.areas.map(({ meta }) => `${meta.code}\u0000${meta.id}`),
    );
    this.ordinals = new Uint32Array(this.areas.length);
    this.byOrdinal.forEach((area, ordinal) => (this.ordinals[area] = ordinal));
    const all = this.tree.toJSON() as WorldBox;
    this.bounds =
      boxes.length === 0 ? null : [lonOf(all.minX), latOf(all.maxY), lonOf(all.maxX), latOf(all.minY)];
  }

  get size(): number {
    return this.areas.length;
  }

  /** The encoded tile z/x/y; an empty tile (no layer) where no area lies. */
  tile(z: number, x: number, y: number): Uint8Array {
    const scale = 2 ** z;
    const unit = 1 / (scale * this.extent);
    const margin = this.buffer * unit;
    const box: WorldBox = {
      minX: x / scale - margin,
      minY: y / scale - margin,
      maxX: (x + 1) / scale + margin,
      maxY: (y + 1) / scale + margin,
    };
    const features: TileFeature[] = [];
    const hits = this.tree.search(box).sort((a, b) => a.area - b.area);
    for (const hit of hits) {
      const { meta, polygons } = this.areas[hit.area];
      const rings: number[][] = [];
      for (const polygon of polygons) rings.push(...this.tileRings(polygon, box, z, x, y, unit));
      if (rings.length === 0) continue;
      features.push({
        properties:
          z >= this.detailZoom ? { code: meta.code, id: meta.id, name: meta.name } : { code: meta.code },
        rings,
      });
    }
    return encodeVectorTile([{ name: AREA_TILE_LAYER, extent: this.extent, features }]);
  }

  /** Area codes by ordinal: `codes()[i]` is the area whose pixels hold i + 1. */
  codes(): string[] {
    return this.byOrdinal.map((area) => this.areas[area].meta.code);
  }

  /**
   * Tile z/x/y as `size` × `size` area ids (row-major, north-west first): ordinal + 1 of the area
   * covering each pixel's centre, from the unsimplified polygons; 0 where no area lies.
   */
  rasterTile(z: number, x: number, y: number, size = AREA_RASTER_SIZE): Uint32Array {
    const pixels = new Uint32Array(size * size);
    const scale = 2 ** z;
    const box: WorldBox = { minX: x / scale, minY: y / scale, maxX: (x + 1) / scale, maxY: (y + 1) / scale };
    const window = tileWindow(z, x, y, size);
    // In ordinal order, so where areas overlap the same one wins every time.
    const hits = this.tree.search(box).map((hit) => this.ordinals[hit.area]);
    for (const ordinal of hits.sort((a, b) => a - b)) {
      for (const polygon of this.areas[this.byOrdinal[ordinal]].polygons)
        fillPolygon(pixels, window, polygon, ordinal + 1);
    }
    return pixels;
  }

  private tileRings(polygon: WorldPolygon, box: WorldBox, z: number, x: number, y: number, unit: number) {
    const out: number[][] = [];
    const scale = 2 ** z;
    for (const [r, ring] of polygon.entries()) {
      const simplified = simplifyRing(ring, this.tolerance * unit);
      // Open ring (the closing point is implied by ClosePath), clipped, on the tile grid.
      const open = Array.from(simplified.subarray(0, simplified.length - 2));
      const clipped = clipRing(open, box);
      const grid: number[] = [];
      for (let i = 0; i < clipped.length; i += 2) {
        const gx = Math.round((clipped[i] * scale - x) * this.extent);
        const gy = Math.round((clipped[i + 1] * scale - y) * this.extent);
        const n = grid.length;
        if (n >= 2 && grid[n - 2] === gx && grid[n - 1] === gy) continue;
        grid.push(gx, gy);
      }
      while (grid.length >= 4 && grid[0] === grid.at(-2) && grid[1] === grid.at(-1)) grid.length -= 2;
      if (grid.length < 6) {
        if (r === 0) return out; // the exterior vanished: so do its holes
        continue;
      }
      const area = signedArea2(grid);
      if (Math.abs(area) < 2) {
        if (r === 0) return out;
        continue;
      }
      // Exterior rings positive (clockwise with y down), holes negative, as MVT 2.1 demands.
      if ((r === 0) !== area > 0) reverseRing(grid);
      out.push(grid);
    }
    return out;
  }
}

function reverseRing(ring: number[]): void {
  for (let i = 0, j = ring.length - 2; i < j; i += 2, j -= 2) {
    [ring[i], ring[j]] = [ring[j], ring[i]];
    [ring[i + 1], ring[j + 1]] = [ring[j + 1], ring[i + 1]];
  }
}

const lonOf = (x: number) => (x - 0.5) * 360;
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
