import type {
  FillLayerSpecification,
  LayerSpecification,
  LineLayerSpecification,
  Map as MapLibreMap,
  MapLayerMouseEvent,
} from 'maplibre-gl';

/** The Berlin geoportal's licence for the area geometries (LOR), credited on the maps that draw them. */
export const GEOPORTAL_ATTRIBUTION = 'Geoportal Berlin, dl-de/by-2.0';

/**
 * The ids of an area map with one highlight: the area and highlight maps share them (each map
 * has its own style, so the same ids do not meet).
 */
export const AREA_LAYERS = {
  source: 'areas',
  fill: 'areas-fill',
  outline: 'areas-outline',
  highlight: 'areas-highlight',
} as const;

/** A fill or line layer drawn from the areas' source. */
export type AreaLayer = Omit<FillLayerSpecification, 'source'> | Omit<LineLayerSpecification, 'source'>;

/**
 * Adds the GeoJSON source that `showAreas` fills, empty until then, and the layers drawn from it,
 * bottom first. `promoteId` names the property that serves as the features' id (feature-state
 * needs one; ours are UUID strings in `properties.id`).
 */
export function addAreaLayers(
  map: MapLibreMap,
  source: string,
  layers: readonly AreaLayer[],
  promoteId?: string,
): void {
  map.addSource(source, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    ...(promoteId ? { promoteId } : {}),
  });
  for (const layer of layers) map.addLayer({ ...layer, source } as LayerSpecification);
}

/** What an area map does with the pointer over its fill layers. */
export interface AreaPointer {
  /** The feature under the pointer; false when it is not an area to point at (the cursor stays). */
  readonly hover: (event: MapLayerMouseEvent) => boolean | void;
  /** The pointer has left the areas. */
  readonly leave: () => void;
  readonly click?: (event: MapLayerMouseEvent) => void;
}

/**
 * Binds hover, leave and click on an area map's fill layers: the cursor becomes a hand over an
 * area and the default again on leaving.
 */
export function bindAreaPointer(
  map: MapLibreMap,
  layers: string | readonly string[],
  pointer: AreaPointer,
): void {
  const layer = typeof layers === 'string' ? [layers] : [...layers];
  map.on('mousemove', layer, (event) => {
    if (pointer.hover(event) !== false) map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', layer, () => {
    map.getCanvas().style.cursor = '';
    pointer.leave();
  });
  const click = pointer.click;
  if (click) map.on('click', layer, click);
}
