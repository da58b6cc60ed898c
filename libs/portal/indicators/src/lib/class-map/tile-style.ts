import type { AreaTiles } from '@quartier/portal-data-access';
import type { CellState } from '../classes';

// What the tiled class map draws, as data and MapLibre expressions (no MapLibre object here):
// classes reach the tiles' features through one global-state object `code → key`, which
// MapLibre's worker reads while it lays out a tile.

/** The global-state property holding each shown area's key (by code). */
export const CELL_KEYS = 'quartier-cell-keys';
/** Keys below 0: a suppressed value (hatched), no rateable value (dotted). Classes count from 0. */
export const SUPPRESSED = -2;
export const NO_VALUE = -3;

/** A feature's key; areas without one (outside the caller's scope) are not drawn. */
export const keyOf = ['get', ['get', 'code'], ['global-state', CELL_KEYS]];
export const shown = ['has', ['get', 'code'], ['global-state', CELL_KEYS]];

/** What a map needs of a cell to colour its area. */
export interface CellLike {
  readonly cls: number | null;
  readonly state: CellState;
}

/** What a cell contributes to the tiles: its class, or why it has none. */
export function cellKey(cell: CellLike): number {
  if (cell.state === 'suppressed') return SUPPRESSED;
  if (cell.state !== 'value' || cell.cls === null) return NO_VALUE;
  return cell.cls;
}

/** How the id raster draws a cell: its class's colour, or white with why it has none as a pattern. */
export function cellStyle(
  cell: CellLike,
  classColors: readonly string[],
  white: string,
): { color: string; pattern: 'hatch' | 'dots' | null } {
  const key = cellKey(cell);
  if (key >= 0) return { color: classColors[key] ?? white, pattern: null };
  return { color: white, pattern: key === SUPPRESSED ? 'hatch' : 'dots' };
}

export function cellKeys(cells: ReadonlyMap<string, CellLike>): Record<string, number> {
  const byCode: Record<string, number> = {};
  for (const [code, cell] of cells) byCode[code] = cellKey(cell);
  return byCode;
}

const OUTLINE_RGB = '27, 39, 51';
/** How wide (CSS px) an average area is drawn when its outline starts to show, and is full. */
const OUTLINE_FROM_PX = 6;
const OUTLINE_FULL_PX = 24;
/** MapLibre draws vector tiles 512 px wide: pixels per degree of longitude at zoom 0. */
const PX_PER_DEGREE_AT_ZOOM_0 = 512 / 360;

/** The zooms from which an average area is `px` CSS pixels wide (from the level's bounds and count). */
function zoomWhereAreasAre(tiles: Pick<AreaTiles, 'bounds' | 'areas'>): (px: number) => number {
  const [west, south, east, north] = tiles.bounds;
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // The side of an average area's square in degrees of longitude (the bounds' area, shared out).
  const width = Math.sqrt(((east - west) * cos * (north - south)) / Math.max(1, tiles.areas)) / cos;
  return (px) => Math.max(0, Math.log2(px / (PX_PER_DEGREE_AT_ZOOM_0 * Math.max(width, 1e-9))));
}

/**
 * Outlines fade in as the areas grow on screen: at a full-city view of 50,000 blocks each is a
 * few pixels wide, and their outlines would paint the whole city in the outline colour.
 */
export function outlineColor(tiles: Pick<AreaTiles, 'bounds' | 'areas'>): unknown[] {
  const zoomAt = zoomWhereAreasAre(tiles);
  const from = zoomAt(OUTLINE_FROM_PX);
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    from,
    `rgba(${OUTLINE_RGB}, 0)`,
    Math.max(from + 0.5, zoomAt(OUTLINE_FULL_PX)),
    `rgba(${OUTLINE_RGB}, 1)`,
  ];
}

/**
 * Below this zoom an average area is narrower than where outlines start to show: the map is
 * drawn from the id raster there (a few pixels per area say nothing a polygon would say better),
 * from the vector tiles from it on.
 */
export function rasterBelowZoom(tiles: Pick<AreaTiles, 'bounds' | 'areas'>): number {
  return zoomWhereAreasAre(tiles)(OUTLINE_FROM_PX);
}
