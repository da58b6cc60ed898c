import type { AreaTiles } from '@quartier/portal-data-access';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { classColorExpression } from '../classes';
import type { MapCell } from './class-map';
import { CELL_KEYS, NO_VALUE, SUPPRESSED, cellKeys, keyOf, outlineColor, shown } from './tile-style';

// The class map over the registry's vector tiles (levels of thousands of areas): geometry comes
// in tiles (layer `areas`, feature property `code`), and classes are joined to the features in
// MapLibre's worker while it builds a tile, through one global-state object `code → key`.
// Feature state would do the join on the main thread instead: on every tile load MapLibre
// decodes each feature again to colour it (a quarter of the page's time at 50,000 areas), and
// layers could only hide features by opacity, so the pattern layers drew every polygon. With
// the key in filters, a layer holds only its own features. Switching indicator or period sends
// the new keys to the worker, which lays out the tiles it holds again without loading geometry.
// Areas without a key (outside the caller's scope) are not drawn.

export const TILE_SOURCE = 'cells-tiles';
export const TILE_LAYER = 'areas';
export const TILE_FILL = 'cells-tiles-fill';
export const TILE_SELECTED = 'cells-tiles-selected';
const HATCH = 'cells-tiles-suppressed';
const DOTS = 'cells-tiles-missing';

export function tileColors(colors: readonly string[]): unknown[] | string {
  return classColorExpression(colors, keyOf);
}

/**
 * Adds the tiles with the cells already joined: keys set after the source would make the worker
 * lay out every tile twice (first with nothing to draw).
 */
export function addTileLayers(
  map: MapLibreMap,
  tiles: AreaTiles,
  colors: readonly string[],
  cells: ReadonlyMap<string, MapCell>,
): void {
  applyCellKeys(map, cells);
  map.addSource(TILE_SOURCE, {
    type: 'vector',
    tiles: [...tiles.tiles],
    bounds: [...tiles.bounds],
    minzoom: tiles.minzoom,
    maxzoom: tiles.maxzoom,
  });
  const source = { source: TILE_SOURCE, 'source-layer': TILE_LAYER };
  map.addLayer({
    id: TILE_FILL,
    type: 'fill',
    ...source,
    filter: shown as never,
    // The fill's own outline (drawn from the fill's triangles' edges) instead of a line layer:
    // 50,000 polygons as lines cost the worker more to lay out than the fills themselves.
    paint: {
      'fill-color': tileColors(colors) as never,
      'fill-opacity': 0.9,
      'fill-outline-color': outlineColor(tiles) as never,
    },
  });
  map.addLayer({
    id: HATCH,
    type: 'fill',
    ...source,
    filter: ['==', keyOf, SUPPRESSED] as never,
    paint: { 'fill-pattern': 'hatch' },
  });
  map.addLayer({
    id: DOTS,
    type: 'fill',
    ...source,
    filter: ['==', keyOf, NO_VALUE] as never,
    paint: { 'fill-pattern': 'dots' },
  });
  map.addLayer({
    id: TILE_SELECTED,
    type: 'line',
    ...source,
    filter: ['==', ['get', 'code'], ''],
    paint: { 'line-color': '#13294b', 'line-width': 3 },
  });
}

export function removeTileLayers(map: MapLibreMap): void {
  for (const id of [TILE_SELECTED, DOTS, HATCH, TILE_FILL]) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(TILE_SOURCE)) map.removeSource(TILE_SOURCE);
}

/** Joins the cells (by area code) to the tiles' features; codes no longer shown are not drawn. */
export function applyCellKeys(map: MapLibreMap, cells: ReadonlyMap<string, MapCell>): void {
  map.setGlobalStateProperty(CELL_KEYS, cellKeys(cells));
}
