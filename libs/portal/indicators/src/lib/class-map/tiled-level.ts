import type { AreaTiles } from '@quartier/portal-data-access';
import type { LngLat, Map as MapLibreMap } from 'maplibre-gl';
import { IdRasterLayer, type IdTiles } from './raster-layer';
import {
  TILE_SELECTED,
  TILE_SOURCE,
  addTileLayers,
  applyCellKeys,
  presentTileFills,
  removeTileLayers,
  setClassColors,
} from './tile-layers';
import { type CellLike, rasterBelowZoom } from './tile-style';

/**
 * A level of thousands of areas on the class map: the id raster below the zoom where areas are a
 * few pixels wide, the vector tiles from it on. The vector layers are added only once the map is
 * zoomed that far: a full-city view of 50,000 areas then never hands their keys to MapLibre's
 * worker. Reports how many areas are drawn whenever the map is idle.
 */
export class TiledLevel {
  private readonly raster: IdRasterLayer;
  private readonly rasterBelow: number;
  private vector = false;
  private drawing: { cells: ReadonlyMap<string, CellLike>; colors: readonly string[] } | null = null;
  private selected: string | null = null;
  private readonly onZoomEnd = () => this.addVectorWhenZoomed();
  private readonly onIdle = () => this.count();

  constructor(
    private readonly map: MapLibreMap,
    private readonly tiles: AreaTiles,
    idTiles: IdTiles,
    private readonly report: (drawn: number) => void,
  ) {
    this.rasterBelow = rasterBelowZoom(tiles);
    this.raster = new IdRasterLayer(map, idTiles);
    this.raster.addTo(tiles.bounds, this.rasterBelow);
    map.on('zoomend', this.onZoomEnd);
    map.on('idle', this.onIdle);
  }

  /** Cells by area code, the classes' colours and the selected code. */
  draw(cells: ReadonlyMap<string, CellLike>, colors: readonly string[], selected: string | null): void {
    this.drawing = { cells, colors };
    this.selected = selected;
    this.raster.draw(cells, colors, selected);
    if (this.vector) {
      setClassColors(this.map, this.tiles, colors);
      applyCellKeys(this.map, cells);
    } else this.addVectorWhenZoomed();
  }

  select(code: string | null): void {
    this.selected = code;
    this.raster.select(code);
    if (this.vector) this.map.setFilter(TILE_SELECTED, ['==', ['get', 'code'], code ?? '']);
  }

  /** The area code under a position where the raster draws; undefined where the vector tiles do. */
  codeAt(lngLat: LngLat): string | null | undefined {
    return this.raster.shown() ? this.raster.codeAt(lngLat) : undefined;
  }

  remove(): void {
    this.map.off('zoomend', this.onZoomEnd);
    this.map.off('idle', this.onIdle);
    removeTileLayers(this.map);
    this.raster.remove();
  }

  private addVectorWhenZoomed(): void {
    if (this.vector || !this.drawing || this.map.getZoom() < this.rasterBelow) return;
    addTileLayers(this.map, this.tiles, this.drawing.colors, this.drawing.cells);
    this.map.setFilter(TILE_SELECTED, ['==', ['get', 'code'], this.selected ?? '']);
    this.vector = true;
  }

  /** MapLibre cannot query a raster's features: the raster counts its own areas. */
  private count(): void {
    if (!this.drawing) return;
    if (this.raster.shown()) {
      if (this.raster.loaded()) this.report(this.raster.drawnCount());
    } else if (this.vector && this.map.isSourceLoaded(TILE_SOURCE)) {
      this.report(this.map.queryRenderedFeatures({ layers: presentTileFills(this.map) }).length);
    }
  }
}
