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
}

const pendingFits = new WeakMap<FittableMap, () => void>();

/**
 * Fits the map to `bounds` once its container has room for them. A map whose tab or column has
 * not been laid out yet is 0 pixels wide: MapLibre then refuses the fit (padding exceeds the
 * canvas) and keeps its initial view, so after the container got its size the areas lay
 * outside the view and the map reported 0 features drawn for good (the Musterstadt index page's
 * flaky test, the scale benchmark's 50,000-area map). The fit waits for the first resize that
 * gives room; a newer fit replaces one still waiting.
 */
export function fitWhenSized(map: FittableMap, bounds: Bounds, padding: number): void {
  const waiting = pendingFits.get(map);
  if (waiting) {
    map.off('resize', waiting);
    pendingFits.delete(map);
  }
  const hasRoom = () => {
    const { clientWidth, clientHeight } = map.getContainer();
    return clientWidth > 2 * padding && clientHeight > 2 * padding;
  };
  if (hasRoom()) {
    map.fitBounds(bounds, { padding, animate: false });
    return;
  }
  const onResize = () => {
    if (!hasRoom()) return;
    map.off('resize', onResize);
    pendingFits.delete(map);
    map.fitBounds(bounds, { padding, animate: false });
  };
  pendingFits.set(map, onResize);
  map.on('resize', onResize);
}
