import type { SvgGraphic } from '../charts/echarts-svg';
import { CONTEXT_FILL, CONTEXT_STROKE, FOCUS_FILL, INK } from '../charts/palette';
import type { ReportLanguage } from '../model/report-document';
import { text } from '../texts';
import { boundingBox, checkMapAreas, type MapArea } from './geo';
import { haloText, svgDocument } from './map-svg';
import { fitProjection } from './projection';
import { geometryPath, labelPoint } from './svg-path';

/** Above this many children, names would overprint each other; the caption names them instead. */
const MAX_LABELLED_CHILDREN = 15;
/** Two light tones alternate so neighbouring children stay apart in greyscale. */
const CHILD_FILLS = ['#dfe9f2', '#c4d6e6'];

export interface AreaMapInput {
  id: string;
  area: MapArea;
  children: MapArea[];
  /** Neighbouring areas drawn faintly for orientation. */
  neighbours?: MapArea[];
  language: ReportLanguage;
  width?: number;
  height?: number;
}

/** The area of a profile with its children, labelled, its own boundary drawn heavy. */
export function areaMap(input: AreaMapInput): SvgGraphic {
  checkMapAreas(input.id, [input.area, ...input.children, ...(input.neighbours ?? [])]);
  const width = input.width ?? 480;
  const height = input.height ?? 360;
  const projection = fitProjection(boundingBox([input.area]), { width, height, padding: 12 });
  const neighbours = (input.neighbours ?? [])
    .map((n) => `<path d="${geometryPath(n.geometry, projection)}"/>`)
    .join('');
  const children = input.children
    .map((c, i) => `<path d="${geometryPath(c.geometry, projection)}" fill="${CHILD_FILLS[i % 2]}"/>`)
    .join('');
  const labelled = input.children.length <= MAX_LABELLED_CHILDREN;
  const labels = labelled
    ? input.children.map((c) => {
        const [x, y] = labelPoint(c.geometry, projection);
        return haloText(x, y + 3, c.name, 8);
      })
    : [];
  const ownFill = input.children.length === 0 ? CHILD_FILLS[0] : 'none';
  const body =
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    (neighbours
      ? `<g fill="${CONTEXT_FILL}" stroke="${CONTEXT_STROKE}" stroke-width="0.5">${neighbours}</g>`
      : '') +
    `<g stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round" fill-rule="evenodd">${children}</g>` +
    `<path d="${geometryPath(input.area.geometry, projection)}" fill="${ownFill}" stroke="${INK}" stroke-width="1.6" stroke-linejoin="round" fill-rule="evenodd"/>` +
    labels.join('');
  const names = input.children.map((c) => c.name).join(', ');
  return {
    svg: svgDocument(width, height, body),
    width,
    height,
    summary:
      input.children.length > 0
        ? text(input.language, 'map.area.summary', {
            name: input.area.name,
            count: input.children.length,
            children: names,
          })
        : text(input.language, 'map.area.summaryNoChildren', { name: input.area.name }),
  };
}

export interface LocatorMapInput {
  id: string;
  area: MapArea;
  /** The parent (or the city) the area is shown in. */
  parent: MapArea;
  /** The parent's other children, drawn faintly so the reader sees the subdivision. */
  siblings?: MapArea[];
  language: ReportLanguage;
  size?: number;
}

/** A small map: where the area lies within its parent or the city. */
export function locatorMap(input: LocatorMapInput): SvgGraphic {
  checkMapAreas(input.id, [input.area, input.parent, ...(input.siblings ?? [])]);
  const size = input.size ?? 160;
  const projection = fitProjection(boundingBox([input.parent]), { width: size, height: size, padding: 4 });
  const siblings = (input.siblings ?? [])
    .filter((s) => s.code !== input.area.code)
    .map((s) => `<path d="${geometryPath(s.geometry, projection, 0.6)}"/>`)
    .join('');
  const body =
    `<path d="${geometryPath(input.parent.geometry, projection, 0.6)}" fill="${CONTEXT_FILL}" fill-rule="evenodd"/>` +
    (siblings ? `<g fill="none" stroke="${CONTEXT_STROKE}" stroke-width="0.4">${siblings}</g>` : '') +
    `<path d="${geometryPath(input.area.geometry, projection, 0.6)}" fill="${FOCUS_FILL}" stroke="${FOCUS_FILL}" stroke-width="0.6" fill-rule="evenodd"/>` +
    `<path d="${geometryPath(input.parent.geometry, projection, 0.6)}" fill="none" stroke="${INK}" stroke-width="0.8" fill-rule="evenodd"/>`;
  return {
    svg: svgDocument(size, size, body),
    width: size,
    height: size,
    summary: text(input.language, 'map.locator.summary', {
      name: input.area.name,
      parent: input.parent.name,
    }),
  };
}
