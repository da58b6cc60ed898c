import type { AreaTiles } from '@quartier/portal-data-access';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { NO_VALUE_COLOR } from '../classes';
import {
  type CellLike,
  CELL_KEYS,
  NO_VALUE,
  SUPPRESSED,
  cellKeys,
  keyOf,
  outlineColor,
  rasterBelowZoom,
} from './tile-style';

// The class map over the registry's vector tiles (levels of thousands of areas): geometry comes
// in tiles (layer `areas`, feature property `code`), and classes are joined to the features in
// MapLibre's worker while it lays out a tile, through one global-state object `code → key` that
// only filters read: one fill layer per class with its colour as a constant, one for areas
// without a value, and the patterns on top. Two other ways cost the 50,000-area map seconds:
// - feature state joins on the main thread, decoding every feature again on each tile load, and
//   layers could only hide features by opacity (the pattern layers drew every polygon);
// - a data-driven colour reading the global state: MapLibre 5 hands every bucket's colour
//   expression back from the worker together with the whole global state it evaluated against,
//   so the 50,000 keys were copied out of the worker and into the page once per tile.
// Switching indicator or period sends the new keys to the worker, which lays out the tiles it
// holds again without loading geometry. Areas without a key (outside the caller's scope) are not
// drawn. Every layer here starts at `rasterBelowZoom`: below it the id raster draws the map
// (raster-layer.ts), and MapLibre loads no vector tile for a source whose layers are all hidden.

export const TILE_SOURCE = 'cells-tiles';
export const TILE_LAYER = 'areas';
export const TILE_SELECTED = 'cells-tiles-selected';
/** Areas shown without a value: white under the patterns, as on the GeoJSON map. */
const NO_VALUE_FILL = 'cells-tiles-no-value';
const HATCH = 'cells-tiles-suppressed';
const DOTS = 'cells-tiles-missing';
const CLASS_FILL = 'cells-tiles-class-';
/** More classes than any legend draws (the MSS's combined index has twelve). */
export const MAX_TILE_CLASSES = 32;
const TILE_SOURCE_LAYER = { source: TILE_SOURCE, 'source-layer': TILE_LAYER };

/** Every fill layer an area can be drawn in (hover, click, counting), present or not. */
export const TILE_FILLS: readonly string[] = [
  ...Array.from({ length: MAX_TILE_CLASSES }, (_, i) => `${CLASS_FILL}${i}`),
  NO_VALUE_FILL,
];

/**
 * Adds the tiles with the cells already joined: keys set after the source would make the worker
 * lay out every tile twice (first with nothing to draw).
 */
export function addTileLayers(
  map: MapLibreMap,
  tiles: AreaTiles,
  colors: readonly string[],
  cells: ReadonlyMap<string, CellLike>,
): void {
  applyCellKeys(map, cells);
  map.addSource(TILE_SOURCE, {
    type: 'vector',
    tiles: [...tiles.tiles],
    bounds: [...tiles.bounds],
    minzoom: tiles.minzoom,
    maxzoom: tiles.maxzoom,
  });
  map.addLayer(fillLayer(tiles, NO_VALUE_FILL, ['<', keyOf, 0], NO_VALUE_COLOR));
  for (const [id, key, pattern] of [
    [HATCH, SUPPRESSED, 'hatch'],
    [DOTS, NO_VALUE, 'dots'],
  ] as const)
    map.addLayer({
      id,
      type: 'fill',
      ...TILE_SOURCE_LAYER,
      minzoom: rasterBelowZoom(tiles),
      filter: ['==', keyOf, key] as never,
      paint: { 'fill-pattern': pattern },
    });
  map.addLayer({
    id: TILE_SELECTED,
    type: 'line',
    ...TILE_SOURCE_LAYER,
    minzoom: rasterBelowZoom(tiles),
    filter: ['==', ['get', 'code'], ''],
    paint: { 'line-color': '#13294b', 'line-width': 3 },
  });
  setClassColors(map, tiles, colors);
}

/**
 * A fill with its own outline (drawn from the edges of the fill's triangles) instead of a line
 * layer: 50,000 polygons as lines cost the worker more to lay out than the fills themselves.
 */
function fillLayer(tiles: AreaTiles, id: string, filter: unknown[], color: string) {
  return {
    id,
    type: 'fill' as const,
    ...TILE_SOURCE_LAYER,
    minzoom: rasterBelowZoom(tiles),
    filter: filter as never,
    paint: {
      'fill-color': color,
      'fill-opacity': 0.9,
      'fill-outline-color': outlineColor(tiles) as never,
    },
  };
}

/** One layer per class of the legend, below the no-value fill; surplus layers go. */
export function setClassColors(map: MapLibreMap, tiles: AreaTiles, colors: readonly string[]): void {
  if (colors.length > MAX_TILE_CLASSES)
    throw new Error(`${colors.length} classes: at most ${MAX_TILE_CLASSES}`);
  colors.forEach((color, i) => {
    const id = `${CLASS_FILL}${i}`;
    if (map.getLayer(id)) map.setPaintProperty(id, 'fill-color', color);
    else map.addLayer(fillLayer(tiles, id, ['==', keyOf, i], color), NO_VALUE_FILL);
  });
  for (let i = colors.length; map.getLayer(`${CLASS_FILL}${i}`); i++) map.removeLayer(`${CLASS_FILL}${i}`);
}

/** The fill layers on the map now (what `queryRenderedFeatures` may be asked about). */
export function presentTileFills(map: MapLibreMap): string[] {
  return TILE_FILLS.filter((id) => map.getLayer(id));
}

export function removeTileLayers(map: MapLibreMap): void {
  for (const id of [TILE_SELECTED, DOTS, HATCH, ...TILE_FILLS]) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(TILE_SOURCE)) map.removeSource(TILE_SOURCE);
}

/** Joins the cells (by area code) to the tiles' features; codes no longer shown are not drawn. */
export function applyCellKeys(map: MapLibreMap, cells: ReadonlyMap<string, CellLike>): void {
  map.setGlobalStateProperty(CELL_KEYS, cellKeys(cells));
}
