// A map as SVG: the areas as vector paths in the view the reader sees (projected by the map),
// the legend below, title and attribution — for reports and print shops that need vectors,
// where the PNG of the canvas would blur. Pure string building, so it is unit-tested.
import { escapeXml } from '@quartier/contracts/browser';

export type Point = readonly [x: number, y: number];
/** One area: its outer and inner rings, already projected to pixels. */
export interface SvgArea {
  readonly rings: readonly (readonly Point[])[];
  readonly fill: string;
  /** Hatched (suppressed) or dotted (missing) instead of a colour. */
  readonly pattern?: 'hatch' | 'dots';
  readonly strokeWidth?: number;
  readonly title?: string;
}

export interface SvgLegendEntry {
  readonly color: string;
  readonly label: string;
  readonly pattern?: 'hatch' | 'dots';
}

export interface MapSvgOptions {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly areas: readonly SvgArea[];
  readonly legend: readonly SvgLegendEntry[];
  readonly attribution: string;
}

const LEGEND_ROW = 20;

const round = (n: number) => Math.round(n * 10) / 10;

/** An SVG path of rings (even-odd: holes stay holes). */
export function ringsPath(rings: readonly (readonly Point[])[]): string {
  return rings
    .filter((ring) => ring.length >= 3)
    .map((ring) => `M${ring.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`)
    .join('');
}

/**
 * The rings of a GeoJSON (Multi)Polygon through `project` (longitude/latitude → pixels);
 * other geometry types have no area and give none.
 */
export function geometryRings(
  geometry: { readonly type: string; readonly coordinates?: unknown } | null | undefined,
  project: (lonLat: readonly [number, number]) => Point,
): Point[][] {
  if (!geometry) return [];
  const ring = (coordinates: unknown): Point[] =>
    Array.isArray(coordinates)
      ? coordinates
          .filter(
            (c): c is [number, number] =>
              Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number',
          )
          .map((c) => project([c[0], c[1]]))
      : [];
  const polygon = (coordinates: unknown): Point[][] =>
    Array.isArray(coordinates) ? coordinates.map(ring) : [];
  if (geometry.type === 'Polygon') return polygon(geometry.coordinates);
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates))
    return geometry.coordinates.flatMap(polygon);
  return [];
}

const PATTERNS =
  '<pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
  '<rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#282828" stroke-width="2"/></pattern>' +
  '<pattern id="dots" width="4" height="4" patternUnits="userSpaceOnUse">' +
  '<rect width="4" height="4" fill="#fff"/><circle cx="1.5" cy="1.5" r="0.8" fill="#282828"/></pattern>';

const fillOf = (entry: { color: string; pattern?: 'hatch' | 'dots' }) =>
  entry.pattern ? `url(#${entry.pattern})` : escapeXml(entry.color);

export function mapSvg(options: MapSvgOptions): string {
  const { width, height, title, areas, legend, attribution } = options;
  const legendTop = height + 12;
  const total = legendTop + legend.length * LEGEND_ROW + 24;
  const paths = areas
    .map((area) => {
      const d = ringsPath(area.rings);
      if (d === '') return '';
      const label = area.title ? `<title>${escapeXml(area.title)}</title>` : '';
      return `<path d="${d}" fill="${fillOf({ color: area.fill, pattern: area.pattern })}" fill-rule="evenodd" stroke="#1b2733" stroke-width="${area.strokeWidth ?? 0.6}">${label}</path>`;
    })
    .join('');
  const keys = legend
    .map((entry, i) => {
      const y = legendTop + i * LEGEND_ROW;
      return (
        `<rect x="8" y="${y}" width="14" height="14" fill="${fillOf(entry)}" stroke="#1b2733" stroke-width="0.6"/>` +
        `<text x="28" y="${y + 11}">${escapeXml(entry.label)}</text>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="sans-serif" font-size="12">` +
    `<title>${escapeXml(title)}</title><defs>${PATTERNS}<clipPath id="view"><rect width="${width}" height="${height}"/></clipPath></defs>` +
    `<rect width="${width}" height="${total}" fill="#fff"/><rect width="${width}" height="${height}" fill="#f7f9fb"/>` +
    `<g clip-path="url(#view)">${paths}</g>${keys}` +
    `<text x="8" y="${total - 8}" font-size="10" fill="#3c4650">${escapeXml(attribution)}</text></svg>`
  );
}

/** What `viewSvg` needs of a MapLibre map: the canvas's size and the projection of its view. */
export interface MapView {
  getCanvas(): { readonly clientWidth: number; readonly clientHeight: number };
  project(lonLat: [number, number]): { readonly x: number; readonly y: number };
}

/** An area as a map component draws it: its GeoJSON geometry, not yet projected. */
export interface ViewArea extends Omit<SvgArea, 'rings' | 'strokeWidth'> {
  readonly geometry: Parameters<typeof geometryRings>[0];
  /** Outlined thickly, as the map outlines selected, treated or programme areas. */
  readonly highlighted?: boolean;
}

/**
 * The map's current view as SVG: each area projected as the reader sees it (pan and zoom
 * included), clipped to the canvas, with the legend and attribution below.
 */
export function viewSvg(
  map: MapView,
  areas: readonly ViewArea[],
  frame: Pick<MapSvgOptions, 'title' | 'legend' | 'attribution'>,
): string {
  const canvas = map.getCanvas();
  const project = ([lon, lat]: readonly [number, number]): Point => {
    const p = map.project([lon, lat]);
    return [p.x, p.y];
  };
  return mapSvg({
    ...frame,
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    areas: areas.map(({ geometry, highlighted, ...area }) => ({
      ...area,
      rings: geometryRings(geometry, project),
      strokeWidth: highlighted ? 2.5 : 0.6,
    })),
  });
}
