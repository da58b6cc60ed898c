import type { MapLibreModule } from '@quartier/portal-ui';
import type { GetResourceResponse, LngLat, Map as MapLibreMap, RasterTileSource } from 'maplibre-gl';
import { NO_VALUE_COLOR } from '../classes';
import { type CellLike, cellKey, cellStyle } from './tile-style';
import {
  type AreaStyle,
  type Palette,
  RASTER_TILE_SIZE,
  buildPalette,
  countDrawn,
  fittedViewTiles,
  idsOf,
  paintTile,
  pixelAt,
  presentIds,
} from './id-raster';

// MapLibre's side of the id raster (see id-raster.ts): a raster source whose tiles come through
// the `quartier-ids:` protocol. Its handler takes the registry's id tile (fetched once: ids do not
// depend on the indicator), paints it with the current palette and hands MapLibre an ImageBitmap.
// A new palette bumps the version in the tile URLs, so MapLibre asks for every tile again and the
// ids are painted anew without a request.

export const RASTER_SOURCE = 'cells-raster';
export const RASTER_LAYER = 'cells-raster-fill';
const PROTOCOL = 'quartier-ids';
/** Decoded id tiles kept per level (1 MiB each): a full-city view and a zoom step around it. */
const MAX_ID_TILES = 48;
export const RASTER_MAX_ZOOM = 16;

export interface RasterSpec {
  /** The id tiles' URL template (absolute, `{z}/{x}/{y}`). */
  readonly tiles: readonly string[];
  readonly tileSize: number;
}

/** Fetches an id tile as a PNG (with the API's token). */
export type TileFetch = (url: string) => Promise<Blob>;

/** A decoded id tile: the id under each pixel, and the ids it holds (see `presentIds`). */
interface IdTile {
  readonly ids: Uint32Array;
  readonly present: Uint32Array;
}

/**
 * A level's id tiles and the codes their ids stand for, fetched before the map exists (the codes
 * and the tiles of the first view load while MapLibre does).
 */
export class IdTiles {
  private readonly cache = new Map<string, Promise<IdTile>>();
  codes: readonly string[] | null = null;
  readonly codesLoaded: Promise<readonly string[]>;

  constructor(
    readonly spec: RasterSpec,
    private readonly fetchTile: TileFetch,
    codes: Promise<readonly string[]>,
  ) {
    this.codesLoaded = codes.then((list) => (this.codes = list));
    // Failures surface where a tile waits for the codes (MapLibre's error event).
    this.codesLoaded.catch(() => undefined);
  }

  /** Starts fetching the tiles of the view a map of this size will fit `bounds` into. */
  prefetch(
    bounds: readonly [number, number, number, number],
    width: number,
    height: number,
    padding: number,
  ): void {
    for (const [z, x, y] of fittedViewTiles(
      bounds,
      width,
      height,
      padding,
      RASTER_MAX_ZOOM,
      this.spec.tileSize,
    ))
      this.tile(z, x, y).catch(() => undefined);
  }

  /** Tile z/x/y's ids (ordinal + 1 per pixel), decoded once and kept for the most recent tiles. */
  tile(z: number, x: number, y: number): Promise<IdTile> {
    const key = `${z}/${x}/${y}`;
    let tile = this.cache.get(key);
    if (tile)
      this.cache.delete(key); // most recently used last: the oldest goes first
    else {
      const url = this.spec.tiles[0]
        .replace('{z}', String(z))
        .replace('{x}', String(x))
        .replace('{y}', String(y));
      tile = this.fetchTile(url).then((png) => decodeIds(png, this.spec.tileSize));
      tile.catch(() => this.cache.delete(key));
    }
    this.cache.set(key, tile);
    if (this.cache.size > MAX_ID_TILES) this.cache.delete(this.cache.keys().next().value as string);
    return tile;
  }
}

const layers = new Map<string, IdRasterLayer>();
let registered = false;

/** Registers the protocol once per page (MapLibre keeps protocols globally). */
export function registerIdProtocol(maplibre: MapLibreModule): void {
  if (registered) return;
  registered = true;
  maplibre.addProtocol(PROTOCOL, async (params): Promise<GetResourceResponse<ImageBitmap>> => {
    const [key, version, z, x, y] = params.url.slice(PROTOCOL.length + 3).split('/');
    const layer = layers.get(key);
    if (!layer) throw new Error(`${PROTOCOL}: no map ${key}`);
    return { data: await layer.paint(Number(version), Number(z), Number(x), Number(y)) };
  });
}

/** The raster layer of one map over one level's id tiles. */
export class IdRasterLayer {
  private static next = 0;
  private readonly key = `m${IdRasterLayer.next++}`;
  /** Tiles painted with the current palette, by `z/x/y` (what is drawn: hover, counting). */
  private readonly painted = new Map<string, { z: number; x: number; y: number; tile: IdTile }>();
  private palette: Palette | null = null;
  private version = 0;
  private drawing: {
    cells: ReadonlyMap<string, CellLike>;
    colors: readonly string[];
    selected: string | null;
  } | null = null;
  private paletteReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.paletteReady = resolve));

  constructor(
    private readonly map: MapLibreMap,
    private readonly tiles: IdTiles,
  ) {
    layers.set(this.key, this);
    tiles.codesLoaded.then(
      () => this.repaint(),
      (error: unknown) => this.map.fire('error', { error }),
    );
  }

  /** Adds the source and the layer, drawn below `maxzoom` (the vector tiles take over there). */
  addTo(bounds: readonly number[], maxzoom: number): void {
    this.map.addSource(RASTER_SOURCE, {
      type: 'raster',
      tiles: [this.template()],
      tileSize: this.tiles.spec.tileSize,
      bounds: [...bounds] as [number, number, number, number],
      minzoom: 0,
      maxzoom: RASTER_MAX_ZOOM,
    });
    this.map.addLayer({
      id: RASTER_LAYER,
      type: 'raster',
      source: RASTER_SOURCE,
      maxzoom,
      paint: { 'raster-opacity': 0.9, 'raster-resampling': 'nearest', 'raster-fade-duration': 0 },
    });
  }

  /** What to draw: cells by area code, class colours, the selected code. */
  draw(cells: ReadonlyMap<string, CellLike>, colors: readonly string[], selected: string | null): void {
    this.drawing = { cells, colors, selected };
    this.repaint();
  }

  /** The selected area's code (its edge is drawn); a repaint only when it changed. */
  select(code: string | null): void {
    if (!this.drawing || this.drawing.selected === code) return;
    this.drawing = { ...this.drawing, selected: code };
    this.repaint();
  }

  remove(): void {
    if (this.map.getLayer(RASTER_LAYER)) this.map.removeLayer(RASTER_LAYER);
    if (this.map.getSource(RASTER_SOURCE)) this.map.removeSource(RASTER_SOURCE);
    layers.delete(this.key);
  }

  /** Whether the raster draws the map at its zoom now. */
  shown(): boolean {
    const layer = this.map.getLayer(RASTER_LAYER);
    return !!layer && this.map.getZoom() < (layer.maxzoom ?? Infinity);
  }

  /** Whether the raster's tiles in view are drawn. */
  loaded(): boolean {
    return this.map.isSourceLoaded(RASTER_SOURCE);
  }

  /** The code of the area drawn at a position. */
  codeAt(lngLat: LngLat): string | null {
    const size = this.tiles.spec.tileSize;
    const z = this.tileZoom();
    const at = pixelAt(lngLat.lng, lngLat.lat, z, size);
    const tile = at && this.painted.get(`${z}/${at.x}/${at.y}`);
    const id = tile ? tile.tile.ids[at.py * size + at.px] : 0;
    return id > 0 && this.palette?.colors[id] ? (this.tiles.codes?.[id - 1] ?? null) : null;
  }

  /** How many areas the tiles in view draw. */
  drawnCount(): number {
    if (!this.palette) return 0;
    const size = this.tiles.spec.tileSize;
    const z = this.tileZoom();
    const bounds = this.map.getBounds();
    const nw = pixelAt(bounds.getWest(), Math.min(bounds.getNorth(), 85), z, size);
    const se = pixelAt(bounds.getEast(), Math.max(bounds.getSouth(), -85), z, size);
    const inView = [...this.painted.values()].filter(
      (t) => t.z === z && (!nw || !se || (t.x >= nw.x && t.x <= se.x && t.y >= nw.y && t.y <= se.y)),
    );
    return countDrawn(
      inView.map((t) => t.tile.present),
      this.palette,
    );
  }

  /** The protocol's answer: tile z/x/y painted (with the newest palette, whatever `version` says). */
  async paint(version: number, z: number, x: number, y: number): Promise<ImageBitmap> {
    const tile = await this.tiles.tile(z, x, y);
    await this.ready;
    const palette = this.palette as Palette;
    if (version === this.version) {
      this.painted.set(`${z}/${x}/${y}`, { z, x, y, tile });
      if (this.painted.size > MAX_ID_TILES) this.painted.delete(this.painted.keys().next().value as string);
    }
    const size = this.tiles.spec.tileSize;
    const pixels = paintTile(tile.ids, palette, x * size, y * size, size);
    return createImageBitmap(new ImageData(new Uint8ClampedArray(pixels.buffer), size, size));
  }

  private repaint(): void {
    const codes = this.tiles.codes;
    if (!codes || !this.drawing) return;
    const { cells, colors, selected } = this.drawing;
    const first = this.palette === null;
    // One style per key (a handful), not one object per area.
    const styles = new Map<number, AreaStyle>();
    this.palette = buildPalette(
      codes,
      (code) => {
        const cell = cells.get(code);
        if (!cell) return undefined;
        const key = cellKey(cell);
        let style = styles.get(key);
        if (!style) styles.set(key, (style = cellStyle(cell, colors, NO_VALUE_COLOR)));
        return style;
      },
      selected,
    );
    if (first) return this.paletteReady();
    this.version++;
    this.painted.clear();
    this.map.getSource<RasterTileSource>(RASTER_SOURCE)?.setTiles([this.template()]);
  }

  private template(): string {
    return `${PROTOCOL}://${this.key}/${this.version}/{z}/{x}/{y}`;
  }

  /** MapLibre's zoom for raster tiles of this size (it rounds for raster sources). */
  private tileZoom(): number {
    const zoom = this.map.getZoom() + Math.log2(RASTER_TILE_SIZE / this.tiles.spec.tileSize);
    return Math.max(0, Math.min(RASTER_MAX_ZOOM, Math.round(zoom)));
  }
}

/** The PNG's pixels as ids; no colour management, no premultiplied alpha (ids must stay exact). */
async function decodeIds(png: Blob, size: number): Promise<IdTile> {
  const bitmap = await createImageBitmap(png, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas to decode the id tile');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const ids = idsOf(context.getImageData(0, 0, size, size).data);
  return { ids, present: presentIds(ids) };
}
