import type { AreaTiles } from '@quartier/portal-data-access';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { classColorExpression } from '../classes';
import type { MapCell } from './class-map';

// The class map over the registry's vector tiles (levels of thousands of areas): geometry comes
// in tiles (layer `areas`, feature id = area code), classes and states are joined per feature
// with `setFeatureState`, so switching indicator or period re-colours the map without loading
// geometry again. Areas without state (outside the caller's scope) are not drawn.

export const TILE_SOURCE = 'cells-tiles';
export const TILE_LAYER = 'areas';
export const TILE_FILL = 'cells-tiles-fill';
export const TILE_SELECTED = 'cells-tiles-selected';
const HATCH = 'cells-tiles-suppressed';
const DOTS = 'cells-tiles-missing';
const OUTLINE = 'cells-tiles-outline';

const state = (key: string) => ['feature-state', key];
const shown = ['!=', state('state'), null];

export function addTileLayers(map: MapLibreMap, tiles: AreaTiles, colors: readonly string[]): void {
  map.addSource(TILE_SOURCE, {
    type: 'vector',
    tiles: [...tiles.tiles],
    bounds: [...tiles.bounds],
    minzoom: tiles.minzoom,
    maxzoom: tiles.maxzoom,
    promoteId: { [TILE_LAYER]: 'code' },
  });
  const source = { source: TILE_SOURCE, 'source-layer': TILE_LAYER };
  map.addLayer({
    id: TILE_FILL,
    type: 'fill',
    ...source,
    paint: {
      'fill-color': classColorExpression(colors, ['coalesce', state('cls'), -1]) as never,
      'fill-opacity': ['case', shown, 0.9, 0] as never,
    },
  });
  map.addLayer({
    id: HATCH,
    type: 'fill',
    ...source,
    paint: {
      'fill-pattern': 'hatch',
      'fill-opacity': ['case', ['==', state('state'), 'suppressed'], 1, 0] as never,
    },
  });
  map.addLayer({
    id: DOTS,
    type: 'fill',
    ...source,
    paint: {
      'fill-pattern': 'dots',
      'fill-opacity': ['case', ['in', state('state'), ['literal', ['missing', 'invalid']]], 1, 0] as never,
    },
  });
  map.addLayer({
    id: OUTLINE,
    type: 'line',
    ...source,
    paint: { 'line-color': '#1b2733', 'line-width': 0.5, 'line-opacity': ['case', shown, 1, 0] as never },
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
  for (const id of [TILE_SELECTED, OUTLINE, DOTS, HATCH, TILE_FILL])
    if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(TILE_SOURCE)) map.removeSource(TILE_SOURCE);
}

/** Joins the cells (by area code) to the tiles' features; states of codes no longer shown are cleared. */
export function applyCellStates(map: MapLibreMap, cells: ReadonlyMap<string, MapCell>): void {
  map.removeFeatureState({ source: TILE_SOURCE, sourceLayer: TILE_LAYER });
  for (const [code, cell] of cells)
    map.setFeatureState(
      { source: TILE_SOURCE, sourceLayer: TILE_LAYER, id: code },
      { cls: cell.cls ?? -1, state: cell.state },
    );
}
