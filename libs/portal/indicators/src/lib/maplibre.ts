// MapLibre on demand, in its CSP build (see libs/portal/areas: a strict Content-Security-Policy
// forbids the regular build's blob: worker; the CSP worker is served from /vendor).
import type * as MapLibre from 'maplibre-gl';

export type MapLibreModule = typeof MapLibre;

let loading: Promise<MapLibreModule> | null = null;

function loadStylesheet(href: string): Promise<void> {
  if (document.querySelector(`link[data-maplibre-css]`)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset['maplibreCss'] = '';
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`stylesheet ${href} could not be loaded`));
    document.head.append(link);
  });
}

export function loadMapLibre(): Promise<MapLibreModule> {
  loading ??= Promise.all([
    import('maplibre-gl/dist/maplibre-gl-csp.js'),
    loadStylesheet('vendor/maplibre-gl.css'),
  ]).then(
    ([module]) => {
      const maplibre = ((module as unknown as { default?: MapLibreModule }).default ??
        module) as unknown as MapLibreModule;
      maplibre.setWorkerUrl(new URL('vendor/maplibre-gl-csp-worker.js', document.baseURI).href);
      return maplibre;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
