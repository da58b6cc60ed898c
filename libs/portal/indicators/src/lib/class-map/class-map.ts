import {
  ChangeDetectionStrategy,
  afterRenderEffect,
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
import { RegistryApi, type AreaFeatureCollection, type AreaTiles } from '@quartier/portal-data-access';
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { type CellState, type LegendClass, classColorExpression, patternTile } from '../classes';
import {
  addAreaLayers,
  bindAreaPointer,
  fitWhenSized,
  loadMapLibre,
  MapDownload,
  mountAreaMap,
  showAreas,
  viewSvg,
} from '@quartier/portal-ui';
import { IndicatorTexts } from '../texts';
import { IdTiles, registerIdProtocol } from './raster-layer';
import { TILE_FILLS } from './tile-layers';
import { TiledLevel } from './tiled-level';

export interface MapCell {
  /** 0-based class, null without a value. */
  cls: number | null;
  state: CellState;
  /** What the tooltip says about the area (value or class with label); may be computed on reading. */
  readonly text: string;
}

/**
 * A cell whose tooltip text is written when it is read: a level of 50,000 areas would otherwise
 * format 50,000 numbers before the map can draw, for the one tooltip shown at a time. A class,
 * not an object literal with a getter: V8 builds 50,000 of those an order of magnitude slower.
 */
class LazyCell implements MapCell {
  constructor(
    readonly cls: number | null,
    readonly state: CellState,
    private readonly describe: () => string,
  ) {}

  get text(): string {
    return this.describe();
  }
}

export function lazyCell(cls: number | null, state: CellState, text: () => string): MapCell {
  return new LazyCell(cls, state, text);
}

const ATTRIBUTION = 'Geoportal Berlin, SenSBW (MSS), dl-de/by-2.0';
/** Pixels kept around the areas when the map is fitted to them. */
const FIT_PADDING = 24;
const SOURCE = 'cells';
const FILL = 'cells-fill';
const HATCH = 'cells-suppressed';
const DOTS = 'cells-missing';
const OUTLINE = 'cells-outline';
const SELECTED = 'cells-selected';

/**
 * A choropleth of classes over the areas of one level, drawn for greyscale as well as colour:
 * sequential palette, numbered classes, patterns for suppressed (hatched) and missing or
 * unrated (dotted) areas. No basemap (no tile server is reachable from many administration
 * networks); the table next to every map holds the same information for screen readers.
 */
@Component({
  selector: 'q-class-map',
  imports: [MapDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './class-map.html',
  styleUrl: './class-map.scss',
})
export class ClassMap {
  protected readonly texts = inject(IndicatorTexts);
  protected readonly t = this.texts.t;
  private readonly registry = inject(RegistryApi);

  readonly collection = input.required<AreaFeatureCollection | null>();
  /**
   * The level as vector tiles instead of `collection` (levels of thousands of areas). Then
   * `cells`, `selectedId` and `areaSelected` speak of area codes, the tiles' feature ids.
   */
  readonly tiles = input<AreaTiles | null>(null);
  /** By area id — or by area code with `tiles`. */
  readonly cells = input.required<ReadonlyMap<string, MapCell>>();
  readonly legend = input.required<readonly LegendClass[]>();
  readonly label = input.required<string>();
  readonly testId = input('class-map');
  readonly selectedId = input<string | null>(null);
  readonly areaSelected = output<string>();
  readonly classChosen = output<number>();

  private readonly container = viewChild.required<ElementRef<HTMLDivElement>>('canvasHost');
  private readonly mounted = mountAreaMap({
    host: () => this.container().nativeElement,
    attribution: ATTRIBUTION,
    created: (map) => {
      map.setTransformRequest((url) => this.registry.tileRequest(url));
      // Already loaded (the map exists): registered before the tiled layers can ask for a tile.
      void loadMapLibre().then(registerIdProtocol);
    },
    layers: (map) => {
      this.addLayers(map);
      this.showTiles(map, untracked(this.tiles));
    },
  });
  protected readonly map = this.mounted.map;
  protected readonly error = this.mounted.error;
  protected readonly hover = signal<{ name: string; text: string; x: number; y: number } | null>(null);
  /** Set once MapLibre is idle with the current data drawn (the e2e test waits for it). */
  protected readonly renderedFeatures = signal<number | null>(null);
  protected readonly states = computed(() => {
    const present = new Set<CellState>();
    for (const cell of this.cells().values()) present.add(cell.state);
    return present;
  });

  private readonly data = computed(() => {
    const collection = this.collection();
    if (!collection) return null;
    const cells = this.cells();
    // Only areas the service answered for: a planner limited to one district sees that
    // district, not the rest of the city drawn as "no value" (their values exist, unseen).
    if (cells.size === 0) return null;
    return {
      type: 'FeatureCollection' as const,
      features: collection.features
        .filter((f) => f.geometry !== null && cells.has(f.properties.id))
        .map((f) => {
          const cell = cells.get(f.properties.id);
          return {
            type: 'Feature' as const,
            geometry: f.geometry,
            properties: {
              id: f.properties.id,
              name: f.properties.name,
              cls: cell?.cls ?? -1,
              state: cell?.state ?? 'missing',
              text: cell?.text ?? this.t('missing'),
            },
          };
        }),
    };
  });

  /**
   * The map as drawn now, as SVG (classes, patterns for suppressed and missing, legend). Maps
   * drawn from vector tiles have no geometry here: they download as PNG only.
   */
  protected readonly svgOf = computed(() => (this.tiles() ? null : () => this.toSvg()));

  private toSvg(): string | null {
    const map = this.map();
    const data = this.data();
    if (!map || !data) return null;
    const colors = this.legend().map((l) => l.color);
    const states = this.states();
    const areas = data.features.map((f) => ({
      geometry: f.geometry,
      fill: f.properties.cls >= 0 ? (colors[f.properties.cls] ?? '#ffffff') : '#ffffff',
      ...(f.properties.state === 'suppressed'
        ? { pattern: 'hatch' as const }
        : f.properties.state === 'value'
          ? {}
          : { pattern: 'dots' as const }),
      highlighted: f.properties.id === this.selectedId(),
      title: `${f.properties.name}: ${f.properties.text}`,
    }));
    return viewSvg(map, areas, {
      title: this.label(),
      legend: [
        ...this.legend().map((l) => ({ color: l.color, label: `${l.number}  ${l.label}` })),
        ...(states.has('suppressed')
          ? [{ color: '#fff', label: this.t('suppressed'), pattern: 'hatch' as const }]
          : []),
        ...(states.has('missing')
          ? [{ color: '#fff', label: this.t('missing'), pattern: 'dots' as const }]
          : []),
        ...(states.has('invalid')
          ? [{ color: '#fff', label: this.t('invalid'), pattern: 'dots' as const }]
          : []),
      ],
      attribution: ATTRIBUTION,
    });
  }

  /** A level of thousands of areas as drawn on the map now (id raster, vector tiles). */
  private tiled: TiledLevel | null = null;
  /** The id tiles of `tiles`, fetched from when the level is known (before the map exists). */
  private idTiles: IdTiles | null = null;
  private shownTiles: AreaTiles | null = null;
  private pointerBound = false;

  constructor() {
    // After rendering: the prefetch needs the map's size.
    afterRenderEffect(() => {
      const tiles = this.tiles();
      untracked(() => this.idTilesOf(tiles));
    });

    effect(() => {
      const map = this.map();
      const tiles = this.tiles();
      if (!map) return;
      this.showTiles(map, tiles);
      if (!tiles) return;
      this.renderedFeatures.set(null);
      // As with GeoJSON: nothing counts as drawn before the service answered for the areas.
      const cells = this.cells();
      if (cells.size === 0) return;
      this.tiled?.draw(
        cells,
        this.legend().map((l) => l.color),
        untracked(this.selectedId),
      );
    });

    effect(() => {
      const map = this.map();
      const data = this.data();
      if (!map || !data || this.tiles()) return;
      map.setPaintProperty(
        FILL,
        'fill-color',
        classColorExpression(this.legend().map((l) => l.color)) as never,
      );
      map.resize();
      showAreas(map, {
        source: SOURCE,
        fill: FILL,
        data,
        padding: FIT_PADDING,
        rendered: (count) => this.renderedFeatures.set(count),
      });
    });

    effect(() => {
      const map = this.map();
      if (!map) return;
      map.getCanvas().setAttribute('aria-label', this.label());
      map.setFilter(SELECTED, ['==', ['get', 'id'], this.selectedId() ?? '']);
      this.tiled?.select(this.selectedId());
    });
  }

  /**
   * Puts a tiled level on the map (or takes it off). Called when the map has loaded, too: MapLibre
   * then asks for the raster's tiles in its next frame (they wait in the protocol for the first
   * palette) instead of after the page's next change detection.
   */
  private showTiles(map: MapLibreMap, tiles: AreaTiles | null): void {
    if (tiles === this.shownTiles) return;
    this.tiled?.remove();
    this.tiled = null;
    this.shownTiles = tiles;
    if (!tiles) return;
    map.getSource<GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features: [] });
    const [west, south, east, north] = tiles.bounds;
    fitWhenSized(map, [west, south, east, north], FIT_PADDING);
    this.tiled = new TiledLevel(map, tiles, this.idTilesOf(tiles) as IdTiles, (count) =>
      this.renderedFeatures.set(count),
    );
    // Handlers outlive the layers (and skip absent ones): bound once, they serve every tiled
    // level and class count.
    if (!this.pointerBound) {
      this.bindPointer(map, TILE_FILLS, 'code');
      this.bindRasterPointer(map);
    }
    this.pointerBound = true;
  }

  /** The level's id tiles: codes and the first view's tiles start loading at once. */
  private idTilesOf(tiles: AreaTiles | null): IdTiles | null {
    if (!tiles) return (this.idTiles = null);
    if (this.idTiles?.spec === tiles.raster) return this.idTiles;
    this.idTiles = new IdTiles(
      tiles.raster,
      (url) => this.registry.tileBlob(url),
      this.registry.tileCodes(tiles.name),
    );
    const host = this.container().nativeElement;
    this.idTiles.prefetch(tiles.bounds, host.clientWidth, host.clientHeight, FIT_PADDING);
    return this.idTiles;
  }

  /** Hover and click where the raster draws (MapLibre's layer events know no raster features). */
  private bindRasterPointer(map: MapLibreMap): void {
    const codeAt = (event: MapMouseEvent) => this.tiled?.codeAt(event.lngLat);
    map.on('mousemove', (event) => {
      const code = codeAt(event);
      if (code === undefined) return;
      const cell = code === null ? undefined : this.cells().get(code);
      map.getCanvas().style.cursor = cell ? 'pointer' : '';
      this.hover.set(
        cell && code ? { name: code, text: cell.text, x: event.point.x, y: event.point.y } : null,
      );
    });
    map.on('mouseout', () => this.hover.set(null));
    map.on('click', (event) => {
      const code = codeAt(event);
      if (code && this.cells().has(code)) this.areaSelected.emit(code);
    });
  }

  private addLayers(map: MapLibreMap): void {
    for (const kind of ['hatch', 'dots'] as const)
      if (!map.hasImage(kind)) map.addImage(kind, patternTile(kind));
    addAreaLayers(map, SOURCE, [
      { id: FILL, type: 'fill', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.9 } },
      {
        id: HATCH,
        type: 'fill',
        filter: ['==', ['get', 'state'], 'suppressed'],
        paint: { 'fill-pattern': 'hatch' },
      },
      {
        id: DOTS,
        type: 'fill',
        filter: ['in', ['get', 'state'], ['literal', ['missing', 'invalid']]],
        paint: { 'fill-pattern': 'dots' },
      },
      { id: OUTLINE, type: 'line', paint: { 'line-color': '#1b2733', 'line-width': 0.5 } },
      {
        id: SELECTED,
        type: 'line',
        filter: ['==', ['get', 'id'], ''],
        paint: { 'line-color': '#13294b', 'line-width': 3 },
      },
    ]);
    this.bindPointer(map, FILL, 'id');
  }

  /** Hover and click on fill layers; `key` is the property naming the area (id, or code in tiles). */
  private bindPointer(map: MapLibreMap, layers: string | readonly string[], key: 'id' | 'code'): void {
    bindAreaPointer(map, layers, {
      hover: (event) => this.onHover(event, key),
      leave: () => this.hover.set(null),
      click: (event) => {
        const id = event.features?.[0]?.properties[key];
        if (typeof id === 'string' && (key === 'id' || this.cells().has(id))) this.areaSelected.emit(id);
      },
    });
  }

  private onHover(event: MapLayerMouseEvent, key: 'id' | 'code'): boolean {
    const properties = event.features?.[0]?.properties;
    if (!properties) return false;
    // Tiles carry names from zoom 10 on; below it the code names the area.
    const cell = key === 'code' ? this.cells().get(String(properties['code'])) : undefined;
    if (key === 'code' && !cell) return false;
    this.hover.set({
      name: String(properties['name'] ?? properties['code'] ?? ''),
      text: String(cell?.text ?? properties['text'] ?? ''),
      x: event.point.x,
      y: event.point.y,
    });
    return true;
  }
}
