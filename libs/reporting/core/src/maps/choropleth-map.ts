import type { SvgGraphic } from '../charts/echarts-svg';
import { INK } from '../charts/palette';
import type { ReportLanguage } from '../model/report-document';
import { ReportingError } from '../reporting-error';
import { text } from '../texts';
import { boundingBox, checkMapAreas, type MapArea } from './geo';
import { legendHeight, legendSvg, noDataPattern, svgDocument, type LegendEntry } from './map-svg';
import { fitProjection } from './projection';
import { geometryPath } from './svg-path';

export interface MapClass {
  code: string;
  label: string;
  /** Print colour; the need ramp of the palette gives ordered, greyscale-safe colours. */
  fill: string;
}

export interface ChoroplethMapInput {
  id: string;
  areas: MapArea[];
  classes: MapClass[];
  /** The class code of each area; areas absent or null are drawn hatched as "no class". */
  classOf: Readonly<Record<string, string | null | undefined>>;
  /** Boundaries drawn on top in a heavier line, e.g. the districts over planning areas. */
  outlines?: MapArea[];
  language: ReportLanguage;
  width?: number;
  height?: number;
}

function legendEntries(
  input: ChoroplethMapInput,
  counts: Map<string | null, number>,
  noData: string,
): LegendEntry[] {
  const entries = input.classes.map((c) => ({
    label: `${c.label} (${counts.get(c.code) ?? 0})`,
    fill: c.fill,
  }));
  const unclassified = counts.get(null) ?? 0;
  if (unclassified > 0)
    entries.push({
      label: `${text(input.language, 'map.noClass')} (${unclassified})`,
      fill: `url(#${noData})`,
    });
  return entries;
}

function countClasses(input: ChoroplethMapInput): Map<string | null, number> {
  const known = new Set(input.classes.map((c) => c.code));
  const counts = new Map<string | null, number>();
  for (const area of input.areas) {
    const code = input.classOf[area.code] ?? null;
    if (code !== null && !known.has(code))
      throw new ReportingError(
        'InvalidReportData',
        `map "${input.id}", area "${area.code}": unknown class "${code}"`,
      );
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/** A class map (index classes, indicator classes) with a legend of classes and their counts. */
export function choroplethMap(input: ChoroplethMapInput): SvgGraphic {
  if (input.areas.length === 0)
    throw new ReportingError('InvalidReportData', `map "${input.id}": no areas to draw`);
  checkMapAreas(input.id, [...input.areas, ...(input.outlines ?? [])]);
  const width = input.width ?? 480;
  const height = input.height ?? 400;
  const counts = countClasses(input);
  const noData = `${input.id}-nodata`;
  const entries = legendEntries(input, counts, noData);
  const legendH = legendHeight(entries, width - 16);
  const projection = fitProjection(boundingBox(input.areas), { width, height: height - legendH, padding: 8 });
  const fills = new Map(input.classes.map((c) => [c.code, c.fill]));
  const areas = input.areas
    .map((area) => {
      const code = input.classOf[area.code] ?? null;
      const fill = code === null ? `url(#${noData})` : fills.get(code);
      return `<path d="${geometryPath(area.geometry, projection)}" fill="${fill}"/>`;
    })
    .join('');
  const outlines = (input.outlines ?? [])
    .map((area) => `<path d="${geometryPath(area.geometry, projection, 0.8)}"/>`)
    .join('');
  const body =
    `<defs>${noDataPattern(noData)}</defs>` +
    `<g stroke="#ffffff" stroke-width="0.4" stroke-linejoin="round" fill-rule="evenodd">${areas}</g>` +
    (outlines
      ? `<g fill="none" stroke="${INK}" stroke-width="1" stroke-linejoin="round">${outlines}</g>`
      : '') +
    legendSvg(entries, 8, height - legendH + 2, width - 16);
  const classes = input.classes.map((c) =>
    text(input.language, 'map.choropleth.class', { label: c.label, count: counts.get(c.code) ?? 0 }),
  );
  if (counts.get(null))
    classes.push(
      text(input.language, 'map.choropleth.class', {
        label: text(input.language, 'map.noClass'),
        count: counts.get(null)!,
      }),
    );
  return {
    svg: svgDocument(width, height, body),
    width,
    height,
    summary: text(input.language, 'map.choropleth.summary', {
      count: input.areas.length,
      classes: `${classes.join(', ')}.`,
    }),
  };
}
