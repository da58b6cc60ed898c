// Classes of a choropleth that must stay readable in greyscale print (BITV; many offices print
// black and white): a single-hue sequential palette whose lightness falls monotonically with
// the class, every class numbered in the legend and on hover, and the non-values drawn as
// patterns — hatched for suppressed, dotted for missing — never as a colour that could be
// mistaken for a low value. Pure, so the class assignment is unit-tested.
import { classRangeLabel, classRanges, spreadPalette } from '@quartier/portal-ui/class-breaks';
import { rgbChannels } from '@quartier/portal-ui/colours';

/** ColorBrewer "Oranges" (5): sequential, colour-blind safe, monotone in lightness. */
export const SEQUENTIAL_5 = ['#feedde', '#fdbe85', '#fd8d3c', '#e6550d', '#a63603'] as const;
/** ColorBrewer "Oranges" (9): the same hue's longer ramp, for indices with more classes. */
export const SEQUENTIAL_9 = [
  '#fff5eb',
  '#fee6ce',
  '#fdd0a2',
  '#fdae6b',
  '#fd8d3c',
  '#f16913',
  '#d94801',
  '#a63603',
  '#7f2704',
] as const;
export const NO_VALUE_COLOR = '#ffffff';

export type CellState = 'value' | 'suppressed' | 'missing' | 'invalid';

/**
 * `count` colours spread over the ramp (2 classes = lightest and darkest). More classes than the
 * palette has (the MSS's combined status/dynamics index has twelve) take the nine-step ramp,
 * mixed between its steps where even that is short: every class keeps a colour of its own, and
 * lightness still falls with the class.
 */
export function sequentialColors(count: number, palette: readonly string[] = SEQUENTIAL_5): string[] {
  return count > palette.length ? rampColors(SEQUENTIAL_9, count) : spreadPalette(palette, count);
}

/** `count` colours evenly along `stops` (at least two), mixed in RGB between neighbours. */
function rampColors(stops: readonly string[], count: number): string[] {
  const rgb = stops.map(rgbChannels);
  return Array.from({ length: count }, (_, i) => {
    const at = (i * (stops.length - 1)) / (count - 1);
    const low = Math.min(Math.floor(at), stops.length - 2);
    const share = at - low;
    const mixed = rgb[low].map((channel, c) => Math.round(channel + (rgb[low + 1][c] - channel) * share));
    return `#${mixed.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
  });
}

export interface LegendClass {
  /** 1-based class number, printed in the legend and the tooltip. */
  readonly number: number;
  readonly color: string;
  readonly label: string;
}

/** The smallest and largest finite value, or null when there is none. */
export function valueRange(values: readonly (number | null)[]): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values)
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  return min <= max ? { min, max } : null;
}

/**
 * Legend of value classes: "1: < 3.5", "2: 3.5 – < 7", …, "5: ≥ 20". Without breaks (one area,
 * or all equal) the single class names its value or range; without any value there is no
 * class at all — a lone, unlabelled "1" would read as a class nobody is in.
 */
export function valueLegend(
  breaks: readonly number[],
  format: (n: number) => string,
  range: { min: number; max: number } | null,
): LegendClass[] {
  if (range === null) return [];
  const colors = sequentialColors(breaks.length + 1);
  // The one class of no breaks names the values it holds.
  const single = range.min === range.max ? format(range.min) : `${format(range.min)} – ${format(range.max)}`;
  return classRanges(breaks).map((classRange, i) => ({
    number: i + 1,
    color: colors[i],
    label: breaks.length === 0 ? single : classRangeLabel(classRange, format),
  }));
}

/** Legend of named index classes in their order (first = lightest). */
export function classLegend(classes: readonly { code: string; label: string }[]): LegendClass[] {
  const colors = sequentialColors(classes.length);
  return classes.map((c, i) => ({ number: i + 1, color: colors[i], label: `${c.code} ${c.label}` }));
}

/**
 * MapLibre fill-color: the colour of the feature's `cls` property (0-based class), white where
 * it has none (a pattern layer above draws suppressed and missing cells). Without any class (no
 * legend yet, or no value at all) every area is white: a `match` needs at least one branch, and
 * MapLibre refuses a layer whose expression it cannot parse (the layer is lost for good).
 */
export function classColorExpression(colors: readonly string[]): unknown[] | string {
  if (colors.length === 0) return NO_VALUE_COLOR;
  const match: unknown[] = ['match', ['get', 'cls']];
  colors.forEach((color, i) => match.push(i, color));
  match.push(NO_VALUE_COLOR);
  return match;
}

/** An RGBA pattern tile (diagonal hatch or dots) for MapLibre's `addImage`. */
export function patternTile(
  kind: 'hatch' | 'dots',
  size = 8,
): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = kind === 'hatch' ? (x + y) % size === 0 || (x + y) % size === 1 : x % 4 === 1 && y % 4 === 1;
      const offset = (y * size + x) * 4;
      const shade = on ? 40 : 255;
      data[offset] = shade;
      data[offset + 1] = shade;
      data[offset + 2] = shade;
      data[offset + 3] = on ? 255 : 0;
    }
  }
  return { width: size, height: size, data };
}
