import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { AreaFeatureCollection } from '@quartier/portal-data-access';
import {
  createAreaMap,
  loadMapLibre,
  whenDrawn,
  MapDownload,
  geometryRings,
  mapSvg,
} from '@quartier/portal-ui';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/** How one area is drawn: its fill and what the hover text says. */
export interface MapArea {
  readonly color: string;
  readonly text: string;
  /** Drawn with a thick outline (selected, programme area). */
  readonly highlighted?: boolean;
}

const SOURCE = 'areas';
const FILL = 'areas-fill';
const OUTLINE = 'areas-outline';
const HIGHLIGHT = 'areas-highlight';

/**
 * The areas of a programme page on a map without tiles (works offline and behind a strict CSP):
 * fill per area, a thick outline for highlighted ones, the area's text on hover. Every map is
 * accompanied by a table with the same information for screen readers and keyboard users.
 */
@Component({
  selector: 'q-programme-map',
  imports: [MapDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="map" #host [attr.data-testid]="testId()" [attr.data-rendered]="rendered()"></div>
    <q-map-download
      [map]="map()"
      [svg]="svgOf"
      [fileName]="'karte-' + testId()"
      [testId]="testId() + '-download'"
    />
    @if (hover(); as h) {
      <p class="hover" aria-hidden="true">{{ h }}</p>
    }
    @if (error()) {
      <p class="error">{{ error() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .map {
      height: 380px;
      width: 100%;
      border: 1px solid #d0d7de;
    }
    .hover {
      position: absolute;
      left: 0.5rem;
      top: 0.5rem;
      margin: 0;
      background: #fff;
      border: 1px solid #1b2733;
      padding: 0.25rem 0.5rem;
      pointer-events: none;
    }
    .error {
      color: #8a1c1c;
    }
  `,
})
export class ProgrammeMap {
  readonly collection = input.required<AreaFeatureCollection | null>();
  readonly areas = input.required<ReadonlyMap<string, MapArea>>();
  readonly label = input.required<string>();
  readonly testId = input('programme-map');
  /** The legend the page shows beside the map, repeated in the SVG download. */
  readonly legend = input<readonly { color: string; label: string }[]>([]);

  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('host');
  protected readonly map = signal<MapLibreMap | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly hover = signal<string | null>(null);
  /** Features drawn once MapLibre is idle with the current data (the e2e tests wait for it). */
  protected readonly rendered = signal<number | null>(null);

  private readonly data = computed(() => {
    const collection = this.collection();
    const areas = this.areas();
    if (!collection || areas.size === 0) return null;
    return {
      type: 'FeatureCollection' as const,
      features: collection.features
        .filter((f) => f.geometry !== null && areas.has(f.properties.id))
        .map((f) => {
          const area = areas.get(f.properties.id) as MapArea;
          return {
            type: 'Feature' as const,
            geometry: f.geometry,
            properties: {
              id: f.properties.id,
              color: area.color,
              text: `${f.properties.code} ${f.properties.name}: ${area.text}`,
              highlighted: area.highlighted === true,
            },
          };
        }),
    };
  });

  /** The map as drawn now, as SVG (areas in their colours, the highlighted ones outlined). */
  protected readonly svgOf = (): string | null => {
    const map = this.map();
    const data = this.data();
    if (!map || !data) return null;
    const canvas = map.getCanvas();
    const project = ([lon, lat]: readonly [number, number]) => {
      const p = map.project([lon, lat]);
      return [p.x, p.y] as const;
    };
    return mapSvg({
      width: canvas.clientWidth,
      height: canvas.clientHeight,
      title: this.label(),
      areas: data.features.map((f) => ({
        rings: geometryRings(f.geometry, project),
        fill: f.properties.color,
        strokeWidth: f.properties.highlighted ? 2.5 : 0.6,
        title: f.properties.text,
      })),
      legend: this.legend(),
      attribution: 'Geoportal Berlin, dl-de/by-2.0',
    });
  };

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      loadMapLibre().then(
        (maplibre) => {
          if (destroyRef.destroyed) return;
          const map = createAreaMap(maplibre, this.host().nativeElement, 'Geoportal Berlin, dl-de/by-2.0');
          map.on('load', () => {
            this.addLayers(map);
            this.map.set(map);
          });
          map.on('error', (event) => this.error.set(event.error?.message ?? 'MapLibre'));
          const observer = new ResizeObserver(() => map.resize());
          observer.observe(this.host().nativeElement);
          destroyRef.onDestroy(() => {
            observer.disconnect();
            map.remove();
          });
        },
        (error: unknown) => this.error.set(error instanceof Error ? error.message : String(error)),
      );
    });
    effect(() => {
      const map = this.map();
      const data = this.data();
      if (!map) return;
      map.getCanvas().setAttribute('aria-label', this.label());
      if (!data) return;
      this.rendered.set(null);
      map
        .getSource<GeoJSONSource>(SOURCE)
        ?.setData(data as unknown as Parameters<GeoJSONSource['setData']>[0]);
      const bounds = boundsOf(data.features.map((f) => f.geometry));
      if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
      whenDrawn(map, SOURCE, FILL, (count) => this.rendered.set(count));
    });
  }

  private addLayers(map: MapLibreMap): void {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: FILL,
      type: 'fill',
      source: SOURCE,
      paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.85 },
    });
    map.addLayer({
      id: OUTLINE,
      type: 'line',
      source: SOURCE,
      paint: { 'line-color': '#1b2733', 'line-width': 0.5 },
    });
    map.addLayer({
      id: HIGHLIGHT,
      type: 'line',
      source: SOURCE,
      filter: ['==', ['get', 'highlighted'], true],
      paint: { 'line-color': '#13294b', 'line-width': 3 },
    });
    map.on('mousemove', FILL, (event) => {
      map.getCanvas().style.cursor = 'pointer';
      this.hover.set(String(event.features?.[0]?.properties['text'] ?? ''));
    });
    map.on('mouseleave', FILL, () => {
      map.getCanvas().style.cursor = '';
      this.hover.set(null);
    });
  }
}

type Geometry = AreaFeatureCollection['features'][number]['geometry'];

function boundsOf(geometries: readonly Geometry[]): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
      return;
    }
    for (const item of value) visit(item);
  };
  for (const g of geometries) if (g) visit(g.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** Sequential colours for classes 1…n (light = better off, dark = more disadvantage). */
export const CLASS_COLORS = ['#fee5d9', '#fcae91', '#fb6a4a', '#cb181d', '#67000d'];
