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
