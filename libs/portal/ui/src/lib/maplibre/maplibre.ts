// MapLibre is loaded on demand (it is ~1 MB), and in its CSP build: the regular build starts its
// worker from a blob: URL, which a strict Content-Security-Policy (helmet's default) forbids.
// The CSP build's worker is served as a same-origin file from /vendor (see project.json assets).
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
      // A UMD bundle: esbuild hands it over as the CommonJS `default` export.
      const maplibre = ((module as unknown as { default?: MapLibreModule }).default ??
        module) as unknown as MapLibreModule;
      maplibre.setWorkerUrl(new URL('vendor/maplibre-gl-csp-worker.js', document.baseURI).href);
      // Starts the worker now, not with the first map: its script (~450 kB) then loads and
      // compiles while the page still waits for the map's data, instead of holding back the
      // first tile (half a second at 50,000 areas).
      maplibre.prewarm();
      return maplibre;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * An area map without any tiles: a plain background that the caller's GeoJSON layers draw on
 * (no glyphs, sprites or tiles to fetch — this works offline and behind a strict CSP), with
 * zoom buttons and the data attribution. Rotation and pitch are off: these are thematic maps.
 */
export function createAreaMap(
  maplibre: MapLibreModule,
  container: HTMLElement,
  attribution: string,
): MapLibre.Map {
  const map = new maplibre.Map({
    container,
    style: {
      version: 8,
      // No paint transitions: a new layer or class colour is drawn at once. Each transition keeps
      // MapLibre drawing frames for 300 ms, and with software WebGL every frame is read back
      // for the compositor (tens of milliseconds each on the page's thread).
      transition: { duration: 0, delay: 0 },
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f7f9fb' } }],
    },
    center: [13.4, 52.52],
    zoom: 9,
    attributionControl: false,
    // Kept after each frame, so the page prints the map (a cleared WebGL canvas prints blank)
    // and "download map" can read it as PNG at any time.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibre.AttributionControl({ compact: true, customAttribution: attribution }));
  return map;
}
