import type { AreaFeature, AreaFeatureCollection } from '@quartier/portal-data-access';

/** One area of the collection, by feature id or `properties.id` (the map zooms to it). */
export function findFeature(collection: AreaFeatureCollection, id: string): AreaFeature | undefined {
  return collection.features.find((f) => f.id === id || f.properties?.id === id);
}

/** Square metres to a km² figure for display (one decimal is planning-grade precision). */
export function squareKilometres(squareMetres: number): number {
  return Math.round(squareMetres / 100_000) / 10;
}
