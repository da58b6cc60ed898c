import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { fitWhenSized, geometryBounds } from './bounds';
import { whenDrawn } from './drawn';

type Geometry = { readonly type?: string; readonly coordinates?: unknown } | null | undefined;

/** Areas as the portal holds them: a GeoJSON feature collection (readonly, unlike MapLibre's). */
export interface AreaCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly { readonly geometry: Geometry }[];
}

export interface ShownAreas {
  /** The GeoJSON source that takes the areas. */
  readonly source: string;
  /** Its fill layer: the features drawn there are the ones counted. */
  readonly fill: string;
  readonly data: AreaCollection;
  /** The geometries the view is fitted to (the areas in focus); all of `data`'s by default. */
  readonly fitTo?: readonly Geometry[];
  /** Pixels kept around them. */
  readonly padding: number;
  /** Told null at once, then how many areas are drawn, each time MapLibre has drawn the data. */
  readonly rendered: (count: number | null) => void;
}

/**
 * Puts a new set of areas on a GeoJSON area map (the area, class and highlight maps): the
 * source's data replaced, the view fitted to the areas once the map has its size, and the drawn
 * count reported afresh — null first, so a browser test or the benchmark waiting for the count
 * never reads the one of the data before.
 */
export function showAreas(map: MapLibreMap, shown: ShownAreas): void {
  shown.rendered(null);
  // GeoJSON types are structurally identical; MapLibre's are mutable, ours readonly.
  map
    .getSource<GeoJSONSource>(shown.source)
    ?.setData(shown.data as unknown as Parameters<GeoJSONSource['setData']>[0]);
  const bounds = geometryBounds(shown.fitTo ?? shown.data.features.map((feature) => feature.geometry));
  if (bounds) fitWhenSized(map, bounds, shown.padding);
  whenDrawn(map, shown.source, shown.fill, shown.rendered);
}
