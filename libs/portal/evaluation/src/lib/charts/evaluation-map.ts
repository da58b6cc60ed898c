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
import { ROLE_COLORS, type MapRole } from '../map-roles';

const SOURCE = 'areas';
const FILL = 'areas-fill';
const OUTLINE = 'areas-outline';
const TREATED = 'areas-treated';

/**
 * The design map: every area of the evaluated level filled by its role (evaluated, comparison,
 * candidate, other), evaluated areas with a thick outline, the area and its role on hover. No
 * tiles (offline, strict CSP). The legend and the comparison table beside it carry the same
 * information for screen readers and keyboard users.
 */
@Component({
  selector: 'q-evaluation-map',
  imports: [MapDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="map" #host data-testid="design-map" [attr.data-rendered]="rendered()"></div>
    <q-map-download [map]="map()" [svg]="svgOf" fileName="karte-evaluation" testId="design-map-download" />
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
      height: 420px;
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
export class EvaluationMap {
  readonly collection = input.required<AreaFeatureCollection | null>();
  readonly roles = input.required<ReadonlyMap<string, MapRole>>();
  /** Role → its name in the current language, for the hover text. */
  readonly roleNames = input.required<Readonly<Record<MapRole, string>>>();
  readonly label = input.required<string>();

  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('host');
  protected readonly map = signal<MapLibreMap | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly hover = signal<string | null>(null);
  /** Features drawn once MapLibre is idle with the current data (the e2e test waits for it). */
  protected readonly rendered = signal<number | null>(null);

  private readonly data = computed(() => {
    const collection = this.collection();
    if (!collection) return null;
    const roles = this.roles();
    const names = this.roleNames();
    return {
      type: 'FeatureCollection' as const,
      features: collection.features
        .filter((f) => f.geometry !== null)
        .map((f) => {
          const role = roles.get(f.properties.code) ?? 'other';
          return {
            type: 'Feature' as const,
            geometry: f.geometry,
            properties: {
              color: ROLE_COLORS[role],
              role,
              text: `${f.properties.code} ${f.properties.name}: ${names[role]}`,
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
        strokeWidth: f.properties.role === 'treated' ? 2.5 : 0.6,
        title: f.properties.text,
      })),
      legend: (Object.keys(ROLE_COLORS) as MapRole[])
        .filter((role) => [...this.roles().values()].includes(role))
        .map((role) => ({ color: ROLE_COLORS[role], label: this.roleNames()[role] })),
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
      const focus = data.features.filter((f) => f.properties.role !== 'other');
      const bounds = boundsOf((focus.length > 0 ? focus : data.features).map((f) => f.geometry));
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
      paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.9 },
    });
    map.addLayer({
      id: OUTLINE,
      type: 'line',
      source: SOURCE,
      paint: { 'line-color': '#5b6670', 'line-width': 0.5 },
    });
    map.addLayer({
      id: TREATED,
      type: 'line',
      source: SOURCE,
      filter: ['==', ['get', 'role'], 'treated'],
      paint: { 'line-color': '#000000', 'line-width': 3 },
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
