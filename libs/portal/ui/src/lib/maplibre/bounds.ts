/** West, south, east, north: what `map.fitBounds` takes. */
export type Bounds = [west: number, south: number, east: number, north: number];

/**
 * The bounding box of GeoJSON geometries (to fit a map to them), or null when they have no
 * coordinate. Missing geometries and non-finite coordinates are passed over.
 */
export function geometryBounds(
  geometries: readonly ({ readonly type?: string; readonly coordinates?: unknown } | null | undefined)[],
): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (coordinates: unknown): void => {
    if (!Array.isArray(coordinates)) return;
    const [x, y] = coordinates as unknown[];
    if (typeof x === 'number' && typeof y === 'number') {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      west = Math.min(west, x);
      east = Math.max(east, x);
      south = Math.min(south, y);
      north = Math.max(north, y);
      return;
    }
    for (const child of coordinates) visit(child);
  };
  for (const geometry of geometries) visit(geometry?.coordinates);
  return west === Infinity ? null : [west, south, east, north];
}

/** What `fitWhenSized` needs of a MapLibre map (a fake one in unit tests). */
export interface FittableMap {
  getContainer(): { clientWidth: number; clientHeight: number };
  fitBounds(bounds: Bounds, options: { padding: number; animate: false }): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
  on(event: 'movestart', listener: (event: { originalEvent?: unknown }) => void): unknown;
  off(event: 'movestart', listener: (event: { originalEvent?: unknown }) => void): unknown;
}

const keptFits = new WeakMap<FittableMap, () => void>();

/**
 * Fits the map to `bounds`, and fits it again whenever its container changes size, until the
 * user moves the map or a newer fit replaces this one. A map whose tab or column is not laid out
 * yet is 0 pixels wide (MapLibre then refuses the fit and keeps its initial view) or still
 * small (the fit then zooms far out, where small areas are simplified away); once the layout
 * settled, the areas lay outside the view or were too small to draw, and the map reported fewer
 * features drawn for good — the Musterstadt pages' flaky browser tests. A planner expects the
 * map to show the areas as the page settles, not the view of an intermediate layout.
 */
export function fitWhenSized(map: FittableMap, bounds: Bounds, padding: number): void {
  keptFits.get(map)?.();
  const fit = () => {
    const { clientWidth, clientHeight } = map.getContainer();
    if (clientWidth > 2 * padding && clientHeight > 2 * padding)
      map.fitBounds(bounds, { padding, animate: false });
  };
  // Moves the user starts carry the DOM event; our own fits and resizes do not.
  const onMoveStart = (event: { originalEvent?: unknown }) => {
    if (event.originalEvent) stop();
  };
  const stop = () => {
    map.off('resize', fit);
    map.off('movestart', onMoveStart);
    keptFits.delete(map);
  };
  keptFits.set(map, stop);
  map.on('resize', fit);
  map.on('movestart', onMoveStart);
  fit();
}

/** Ends the refitting of `fitWhenSized` (before the page moves the map somewhere else itself). */
export function releaseFit(map: FittableMap): void {
  keptFits.get(map)?.();
}
