import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { I18n } from '../i18n/i18n';
import { MapDownload } from '../map-download/map-download';
import { type SvgLegendEntry, viewSvg } from '../map-download/map-svg';
import { AREA_LAYERS, GEOPORTAL_ATTRIBUTION, addAreaLayers, bindAreaPointer } from '../maplibre/area-layers';
import { mountAreaMap } from '../maplibre/mount-area-map';
import { showAreas } from '../maplibre/show-areas';

/** One area as the map draws it. */
export interface HighlightMapArea {
  readonly geometry: { readonly type: string; readonly coordinates?: unknown } | null;
  readonly color: string;
  /** What the hover says about the area (and its title in the SVG download). */
  readonly text: string;
  /** Outlined thickly: a programme area, an evaluated area. */
  readonly highlighted: boolean;
  /** The view is fitted to the focused areas, or to all when none is focused. */
  readonly focus?: boolean;
}

/** How the areas are painted: fill opacity, every area's thin outline, the highlighted ones' thick outline. */
export interface HighlightMapPaint {
  readonly opacity: number;
  readonly outline: string;
  readonly highlight: string;
}

const { source: SOURCE, fill: FILL, outline: OUTLINE, highlight: HIGHLIGHT } = AREA_LAYERS;

/**
 * Areas on a map without tiles (works offline and behind a strict CSP), each filled in its
 * colour, highlighted ones with a thick outline, the area's text on hover, with PNG and SVG
 * downloads. The programme pages and the evaluation design show it; every such map is
 * accompanied by a table with the same information for screen readers and keyboard users.
 */
@Component({
  selector: 'q-highlight-map',
  imports: [MapDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="map"
      #host
      [style.height.px]="height()"
      [attr.data-testid]="testId()"
      [attr.data-rendered]="rendered()"
    ></div>
    <q-map-download [map]="map()" [svg]="svgOf" [fileName]="fileName()" [testId]="testId() + '-download'" />
    @if (hover(); as h) {
      <p class="hover" aria-hidden="true">{{ h }}</p>
    }
    @if (error()) {
      <p class="error">{{ t('areas.mapError') }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .map {
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
export class HighlightMap {
  /** The areas to draw; null while they load. */
  readonly areas = input.required<readonly HighlightMapArea[] | null>();
  readonly label = input.required<string>();
  /** The map's test id; its download buttons are `<testId>-download-png` and `-svg`. */
  readonly testId = input.required<string>();
  /** The download's file name, without extension. */
  readonly fileName = input.required<string>();
  /** The legend the page shows beside the map, repeated in the SVG download. */
  readonly legend = input<readonly SvgLegendEntry[]>([]);
  readonly height = input(380);
  /** Read once, when the map's layers are added. */
  readonly paint = input<HighlightMapPaint>({ opacity: 0.85, outline: '#1b2733', highlight: '#13294b' });

  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('host');
  private readonly mounted = mountAreaMap({
    host: () => this.host().nativeElement,
    layers: (map) => this.addLayers(map),
  });
  protected readonly map = this.mounted.map;
  protected readonly error = this.mounted.error;
  protected readonly t = inject(I18n).t;
  protected readonly hover = signal<string | null>(null);
  /** Features drawn once MapLibre is idle with the current data (the e2e tests wait for it). */
  protected readonly rendered = signal<number | null>(null);

  private readonly data = computed(() => {
    const areas = this.areas()?.filter((area) => area.geometry !== null);
    if (!areas) return null;
    return {
      type: 'FeatureCollection' as const,
      features: areas.map((area) => ({
        type: 'Feature' as const,
        geometry: area.geometry,
        properties: { color: area.color, text: area.text, highlighted: area.highlighted },
      })),
    };
  });

  /** The map as drawn now, as SVG (areas in their colours, the highlighted ones outlined). */
  protected readonly svgOf = (): string | null => {
    const map = this.map();
    const areas = this.areas();
    if (!map || !areas) return null;
    return viewSvg(
      map,
      areas.map((area) => ({ ...area, fill: area.color, title: area.text })),
      { title: this.label(), legend: this.legend(), attribution: GEOPORTAL_ATTRIBUTION },
    );
  };

  constructor() {
    effect(() => {
      const map = this.map();
      const data = this.data();
      if (!map) return;
      map.getCanvas().setAttribute('aria-label', this.label());
      if (!data) return;
      const areas = this.areas() ?? [];
      const focus = areas.filter((area) => area.focus);
      showAreas(map, {
        source: SOURCE,
        fill: FILL,
        data,
        fitTo: (focus.length > 0 ? focus : areas).map((area) => area.geometry),
        padding: 24,
        rendered: (count) => this.rendered.set(count),
      });
    });
  }

  private addLayers(map: MapLibreMap): void {
    const paint = this.paint();
    addAreaLayers(map, SOURCE, [
      { id: FILL, type: 'fill', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': paint.opacity } },
      { id: OUTLINE, type: 'line', paint: { 'line-color': paint.outline, 'line-width': 0.5 } },
      {
        id: HIGHLIGHT,
        type: 'line',
        filter: ['==', ['get', 'highlighted'], true],
        paint: { 'line-color': paint.highlight, 'line-width': 3 },
      },
    ]);
    bindAreaPointer(map, FILL, {
      hover: (event) => this.hover.set(String(event.features?.[0]?.properties['text'] ?? '')),
      leave: () => this.hover.set(null),
    });
  }
}
