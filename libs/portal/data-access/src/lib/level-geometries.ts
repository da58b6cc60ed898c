import { inject } from '@angular/core';
import type { AreaFeatureCollection } from './openapi/registry-client';
import { RegistryApi } from './registry-api';

/**
 * Every area of a level with its geometry, loaded from the registry once per level for as long as
 * its owner lives — a page's workspace, whose tabs and maps ask for the same levels again and
 * again. A failed load is forgotten, so the next call tries again. Call in an injection context.
 */
export function levelGeometries(): (level: string) => Promise<AreaFeatureCollection> {
  const registry = inject(RegistryApi);
  const loads = new Map<string, Promise<AreaFeatureCollection>>();
  return (level) => {
    let loading = loads.get(level);
    if (!loading) {
      loading = registry.areaGeoJson(level);
      loading.catch(() => loads.delete(level));
      loads.set(level, loading);
    }
    return loading;
  };
}
