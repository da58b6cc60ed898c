import { DestroyRef, type Signal, afterNextRender, effect, inject, signal } from '@angular/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { I18n } from '../i18n/i18n';
import { GEOPORTAL_ATTRIBUTION } from './area-layers';
import { labelMapControls } from './control-labels';
import { createAreaMap, loadMapLibre } from './maplibre';

export interface AreaMapMount {
  /** The element the map draws in (a view child: read once the component has rendered). */
  readonly host: () => HTMLElement;
  /** The data attribution shown on the map; the geoportal's, whose area geometries most maps draw. */
  readonly attribution?: string;
  /** Before the style has loaded: what must be set first (a transform for tile requests). */
  readonly created?: (map: MapLibreMap) => void;
  /** Once the style has loaded: the component's sources, layers and handlers. */
  readonly layers: (map: MapLibreMap) => void;
}

export interface MountedAreaMap {
  /** The map once its layers are added; null before. */
  readonly map: Signal<MapLibreMap | null>;
  /** Why MapLibre could not be loaded or failed drawing, for the component to show. */
  readonly error: Signal<string | null>;
}

/**
 * Creates a component's area map after its first render (MapLibre is loaded on demand) and
 * removes it with the component. The map follows its host's size: tabs and two-column layouts
 * settle after the map was created; its buttons follow the reader's language. Call it in a field initialiser or the constructor.
 */
export function mountAreaMap(mount: AreaMapMount): MountedAreaMap {
  const destroyRef = inject(DestroyRef);
  const ready = signal<MapLibreMap | null>(null);
  const error = signal<string | null>(null);
  const i18n = inject(I18n);
  effect(() => {
    const map = ready();
    if (map) labelMapControls(map.getContainer(), i18n.language());
  });
  afterNextRender(() => {
    loadMapLibre().then(
      (maplibre) => {
        if (destroyRef.destroyed) return;
        const host = mount.host();
        const map = createAreaMap(maplibre, host, mount.attribution ?? GEOPORTAL_ATTRIBUTION);
        mount.created?.(map);
        map.on('load', () => {
          mount.layers(map);
          ready.set(map);
        });
        map.on('error', (event) => error.set(event.error?.message ?? 'MapLibre'));
        const observer = new ResizeObserver(() => map.resize());
        observer.observe(host);
        destroyRef.onDestroy(() => {
          observer.disconnect();
          map.remove();
        });
      },
      (failure: unknown) => error.set(failure instanceof Error ? failure.message : String(failure)),
    );
  });
  return { map: ready.asReadonly(), error: error.asReadonly() };
}
