import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { AreaFeatureCollection } from '@quartier/portal-data-access';
import {
  AREA_LAYERS,
  addAreaLayers,
  bindAreaPointer,
  classOf,
  classRangeLabel,
  GEOPORTAL_ATTRIBUTION,
  geometryBounds,
  I18n,
  MapDownload,
  mountAreaMap,
  quantileBreaks,
  releaseFit,
  showAreas,
  viewSvg,
} from '@quartier/portal-ui';
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import {
  legendEntries,
  populationColorExpression,
  NO_DATA_COLOR,
  paletteFor,
  POPULATION_PALETTE,
} from '../choropleth';
import { findFeature } from '../geometry';

const { source: SOURCE, fill: FILL, outline: OUTLINE, highlight: HIGHLIGHT } = AREA_LAYERS;

interface HoverInfo {
  readonly name: string;
  readonly population: number | null;
  readonly x: number;
  readonly y: number;
}

/**
 * The chosen level's areas as a population choropleth. No basemap: the machines this runs on
 * (and many administration networks) reach no tile server, and the geometries are the content.
 * The canvas is supplementary — everything on it is reachable through the area tree.
 */
@Component({
  selector: 'q-area-map',
  imports: [MapDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './area-map.html',
  styleUrl: './area-map.scss',
})
export class AreaMap {
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly formatNumber = this.i18n.formatNumber;

  readonly collection = input.required<AreaFeatureCollection | null>();
  readonly selectedId = input<string | null>(null);
  readonly label = input.required<string>();
  readonly areaSelected = output<string>();

  private readonly container = viewChild.required<ElementRef<HTMLDivElement>>('canvasHost');
  private readonly mounted = mountAreaMap({
    host: () => this.container().nativeElement,
    layers: (map) => this.addLayers(map),
  });
  protected readonly map = this.mounted.map;
  protected readonly error = this.mounted.error;
  protected readonly hover = signal<HoverInfo | null>(null);
  /** Set after MapLibre reports `idle` with the current data drawn — the e2e tests wait for it. */
  protected readonly renderedFeatures = signal<number | null>(null);
  /** The map as drawn now, as SVG: areas filled by their population class, legend below. */
  protected readonly svgOf = (): string | null => {
    const map = this.map();
    const collection = this.collection();
    if (!map || !collection) return null;
    const breaks = this.breaks();
    const colors = paletteFor(breaks.length + 1);
    const areas = collection.features.map((f) => ({
      geometry: f.geometry,
      fill:
        f.properties.population === null ? NO_DATA_COLOR : colors[classOf(f.properties.population, breaks)],
      highlighted: f.properties.id === this.selectedId(),
      title: f.properties.name,
    }));
    return viewSvg(map, areas, {
      title: this.label(),
      legend: [
        ...this.legend(),
        ...(this.hasMissingPopulation()
          ? [{ color: NO_DATA_COLOR, label: this.t('areas.legendNoData') }]
          : []),
      ],
      attribution: GEOPORTAL_ATTRIBUTION,
    });
  };

  /** The area the map last zoomed to (the browser test reads it). */
  protected readonly zoomedTo = signal<string | null>(null);

  private readonly breaks = computed(() =>
    quantileBreaks(
      this.collection()?.features.map((f) => f.properties.population) ?? [],
      POPULATION_PALETTE.length,
      // Two significant digits: a legend of "23 000" reads better than "22 917.5".
      2,
    ),
  );
  /** The population classes as the legend (and the SVG download's legend) writes them. */
  protected readonly legend = computed(() =>
    legendEntries(this.breaks()).map((entry) => ({
      color: entry.color,
      label: classRangeLabel(entry, this.formatNumber),
    })),
  );
  protected readonly noDataColor = NO_DATA_COLOR;
  protected readonly hasMissingPopulation = computed(
    () => this.collection()?.features.some((f) => f.properties.population === null) ?? false,
  );
  private hoveredId: string | null = null;
  private shownSelection: string | null = null;
  /** The selection the map last reacted to (highlight, zoom). */
  private handledSelection: string | null = null;

  constructor() {
    effect(() => {
      const map = this.map();
      const collection = this.collection();
      if (!map || !collection) return;
      map.setPaintProperty(FILL, 'fill-color', populationColorExpression(this.breaks()) as never);
      showAreas(map, {
        source: SOURCE,
        fill: FILL,
        data: collection,
        padding: 24,
        rendered: (count) => this.renderedFeatures.set(count),
      });
      // A new level shows the whole city; an area chosen since the last drawing is zoomed to.
      const selected = untracked(this.selectedId);
      const chosenSince = selected !== this.handledSelection;
      this.shownSelection = null;
      this.showSelection(map, selected, chosenSince);
    });

    // MapLibre labels its canvas in English; mountAreaMap names the buttons.
    effect(() => this.map()?.getCanvas().setAttribute('aria-label', this.label()));

    effect(() => {
      const map = this.map();
      const selected = this.selectedId();
      if (map) this.showSelection(map, selected);
    });
  }

  /**
   * Highlights the chosen area; a newly chosen one is zoomed to when this level shows it. A new
   * level (collection) shows the whole city first, so changing the level is a way back out.
   */
  private showSelection(map: MapLibreMap, selected: string | null, zoom = true): void {
    if (this.shownSelection === selected) return;
    if (this.shownSelection) {
      map.setFeatureState({ source: SOURCE, id: this.shownSelection }, { selected: false });
    }
    if (selected) map.setFeatureState({ source: SOURCE, id: selected }, { selected: true });
    this.shownSelection = selected;
    const collection = untracked(this.collection);
    // Before the level is loaded there is nothing to zoom to: the loading will do it.
    if (collection) this.handledSelection = selected;
    const feature = zoom && selected && collection ? findFeature(collection, selected) : undefined;
    const bounds = feature ? geometryBounds([feature.geometry]) : null;
    if (bounds) {
      releaseFit(map);
      map.fitBounds(bounds, { padding: 48, maxZoom: 15, duration: 400 });
    }
    this.zoomedTo.set(bounds ? selected : null);
  }

  private addLayers(map: MapLibreMap): void {
    addAreaLayers(
      map,
      SOURCE,
      [
        { id: FILL, type: 'fill', paint: { 'fill-color': NO_DATA_COLOR, 'fill-opacity': 0.85 } },
        { id: OUTLINE, type: 'line', paint: { 'line-color': '#1b2733', 'line-width': 0.6 } },
        {
          id: HIGHLIGHT,
          type: 'line',
          paint: {
            'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#d4350c', '#13294b'],
            'line-width': [
              'case',
              ['boolean', ['feature-state', 'selected'], false],
              3.5,
              ['boolean', ['feature-state', 'hover'], false],
              2.5,
              0,
            ],
          },
        },
      ],
      'id',
    );
    bindAreaPointer(map, FILL, {
      hover: (event) => this.onHover(map, event),
      leave: () => this.clearHover(map),
      click: (event) => {
        const id = event.features?.[0]?.properties['id'];
        if (typeof id === 'string') this.areaSelected.emit(id);
      },
    });
  }

  private onHover(map: MapLibreMap, event: MapLayerMouseEvent): boolean {
    const feature = event.features?.[0];
    const id = feature?.properties['id'];
    if (typeof id !== 'string') return false;
    if (this.hoveredId && this.hoveredId !== id)
      map.setFeatureState({ source: SOURCE, id: this.hoveredId }, { hover: false });
    this.hoveredId = id;
    map.setFeatureState({ source: SOURCE, id }, { hover: true });
    const population = feature?.properties['population'];
    this.hover.set({
      name: String(feature?.properties['name'] ?? ''),
      population: typeof population === 'number' ? population : null,
      x: event.point.x,
      y: event.point.y,
    });
    return true;
  }

  private clearHover(map: MapLibreMap): void {
    if (this.hoveredId) map.setFeatureState({ source: SOURCE, id: this.hoveredId }, { hover: false });
    this.hoveredId = null;
    this.hover.set(null);
  }
}
