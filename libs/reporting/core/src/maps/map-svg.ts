import { escapeXml } from '@quartier/contracts';
import { CHART_FONT_FAMILY } from '../charts/echarts-svg';
import { dejaVuTextWidth } from '../charts/dejavu-metrics';
import { INK, NO_DATA_FILL } from '../charts/palette';

// The pieces every map SVG shares: the document frame, escaped text with a white halo (names
// must stay legible on dark fills), a hatch pattern for areas without data, and the legend.

export function svgDocument(width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="${CHART_FONT_FAMILY}">${body}</svg>`
  );
}

/** A hatch for "no data", so it differs from the lightest class in greyscale too. */
export function noDataPattern(id: string): string {
  return (
    `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse">` +
    `<rect width="6" height="6" fill="${NO_DATA_FILL}"/><path d="M0 6L6 0" stroke="#8a8a8a" stroke-width="0.8"/></pattern>`
  );
}

/** Text with a white halo drawn beneath it (stroke first), legible on any fill. */
export function haloText(x: number, y: number, content: string, size: number, weight = 'normal'): string {
  const attrs = `x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" text-anchor="middle"`;
  const escaped = escapeXml(content);
  return (
    `<text ${attrs} fill="#ffffff" stroke="#ffffff" stroke-width="2.2" stroke-linejoin="round">${escaped}</text>` +
    `<text ${attrs} fill="${INK}">${escaped}</text>`
  );
}

export interface LegendEntry {
  label: string;
  /** A colour or `url(#pattern)`. */
  fill: string;
}

const SWATCH = 10;
const ROW = 15;
const LEGEND_FONT = 9;

/** Rows the legend needs at `width` (entries flow left to right, then wrap). */
export function legendLayout(entries: readonly LegendEntry[], width: number): { x: number; y: number }[] {
  const positions: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const entry of entries) {
    const w = SWATCH + 5 + dejaVuTextWidth(entry.label, LEGEND_FONT) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW;
    }
    positions.push({ x, y });
    x += w;
  }
  return positions;
}

export function legendHeight(entries: readonly LegendEntry[], width: number): number {
  if (entries.length === 0) return 0;
  return (legendLayout(entries, width).at(-1)?.y ?? 0) + ROW + 4;
}

/** The legend as SVG, its top-left corner at (left, top). */
export function legendSvg(entries: readonly LegendEntry[], left: number, top: number, width: number): string {
  const positions = legendLayout(entries, width);
  return entries
    .map((entry, i) => {
      const x = left + positions[i].x;
      const y = top + positions[i].y;
      return (
        `<rect x="${x}" y="${y}" width="${SWATCH}" height="${SWATCH}" fill="${entry.fill}" stroke="${INK}" stroke-width="0.5"/>` +
        `<text x="${x + SWATCH + 5}" y="${y + SWATCH - 1}" font-size="${LEGEND_FONT}" fill="${INK}">${escapeXml(entry.label)}</text>`
      );
    })
    .join('');
}
