import type { AreaFeatureCollection } from '@quartier/portal-data-access';

export type Bounds = readonly [west: number, south: number, east: number, north: number];

function visit(coordinates: unknown, extend: (x: number, y: number) => void): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    extend(coordinates[0], coordinates[1]);
    return;
  }
  for (const child of coordinates) visit(child, extend);
}

/** Bounding box of all geometries (to fit the map), or null when there is nothing to show. */
export function collectionBounds(collection: AreaFeatureCollection): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of collection.features) {
    visit(feature.geometry?.coordinates, (x, y) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      west = Math.min(west, x);
      east = Math.max(east, x);
      south = Math.min(south, y);
      north = Math.max(north, y);
    });
  }
  return west === Infinity ? null : [west, south, east, north];
}

/** Bounding box of one area of the collection (by feature id or `properties.id`), or null. */
export function featureBounds(collection: AreaFeatureCollection, id: string): Bounds | null {
  const feature = collection.features.find((f) => f.id === id || f.properties?.id === id);
  return feature ? collectionBounds({ ...collection, features: [feature] }) : null;
}

/** Square metres to a km² figure for display (one decimal is planning-grade precision). */
export function squareKilometres(squareMetres: number): number {
  return Math.round(squareMetres / 100_000) / 10;
}
