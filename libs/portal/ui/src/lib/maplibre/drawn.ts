/** What `whenDrawn` needs of a MapLibre map (a fake one in the unit tests). */
export interface DrawnMap {
  isSourceLoaded(source: string): boolean;
  queryRenderedFeatures(options: { layers: string[] }): { length: number };
  on(event: 'idle', listener: () => void): unknown;
  off(event: 'idle', listener: () => void): unknown;
  on(event: 'sourcedata', listener: (event: { sourceId: string }) => void): unknown;
  off(event: 'sourcedata', listener: (event: { sourceId: string }) => void): unknown;
}

/** The listeners of each map's current drawing per source (replaced by the next drawing). */
const drawListeners = new WeakMap<DrawnMap, Map<string, () => void>>();

/**
 * Reports how many features of `layer` (or of the layers together) are drawn whenever the data
 * just set on `source` is loaded: at every `idle`, and whenever one of the source's tiles has
 * loaded while the whole source is loaded. `setData` reaches the tiles through the worker, so an
 * `idle` right after it can still count the old tiles; the tile's own data event comes once its
 * feature index is in place and corrects the count even when no further `idle` follows. A count
 * while the source is still tiling is skipped. The e2e tests and the scale benchmark rely on it.
 *
 * `onIdleOnly` is for sources that cannot race that way (vector tiles restyled through global
 * state: the reload starts before the call returns, so no `idle` comes before it ends). It
 * counts once the map is drawn, and spares a second count: at 50,000 areas each is a few hundred
 * milliseconds of the page's time.
 */
export function whenDrawn(
  map: DrawnMap,
  source: string,
  layer: string | readonly string[],
  report: (count: number) => void,
  { onIdleOnly = false }: { onIdleOnly?: boolean } = {},
): void {
  let byLayer = drawListeners.get(map);
  if (!byLayer) drawListeners.set(map, (byLayer = new Map()));
  const layers = typeof layer === 'string' ? [layer] : [...layer];
  // One drawing per source: a drawing over other layers of it (a class more or less) replaces it.
  byLayer.get(source)?.();
  const count = () => {
    if (map.isSourceLoaded(source)) report(map.queryRenderedFeatures({ layers }).length);
  };
  const onSourceData = (event: { sourceId: string }) => {
    if (event.sourceId === source) count();
  };
  map.on('idle', count);
  if (!onIdleOnly) map.on('sourcedata', onSourceData);
  byLayer.set(source, () => {
    map.off('idle', count);
    map.off('sourcedata', onSourceData);
  });
}
