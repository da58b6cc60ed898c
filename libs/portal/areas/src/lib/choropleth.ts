// Population classes for the areas map. Pure, so the class breaks — what a planner reads off the
// legend — are unit-tested rather than eyeballed.

/** ColorBrewer "Blues" (5 classes): sequential, colour-blind safe, readable in greyscale print. */
export const POPULATION_PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_COLOR = '#d4d4d4';

export interface LegendEntry {
  readonly color: string;
  /** Inclusive lower bound; null for the lowest class ("up to"). */
  readonly from: number | null;
  /** Exclusive upper bound; null for the highest class ("from"). */
  readonly to: number | null;
}

export function legendEntries(
  breaks: readonly number[],
  palette: readonly string[] = POPULATION_PALETTE,
): LegendEntry[] {
  const colors = paletteFor(breaks.length + 1, palette);
  return colors.map((color, i) => ({
    color,
    from: i === 0 ? null : breaks[i - 1],
    to: i === breaks.length ? null : breaks[i],
  }));
}

/** Spreads fewer classes over the whole ramp, so two classes are light and dark, not the two lightest. */
export function paletteFor(count: number, palette: readonly string[] = POPULATION_PALETTE): string[] {
  if (count <= 1) return [palette[Math.floor(palette.length / 2)]];
  if (count >= palette.length) return [...palette];
  return Array.from(
    { length: count },
    (_, i) => palette[Math.round((i * (palette.length - 1)) / (count - 1))],
  );
}

/**
 * MapLibre fill-color expression: a step function over `population`, grey where it is missing.
 * Plain data (no MapLibre import), so it stays testable and out of the initial bundle.
 */
export function populationColorExpression(
  breaks: readonly number[],
  palette: readonly string[] = POPULATION_PALETTE,
): unknown[] {
  const colors = paletteFor(breaks.length + 1, palette);
  const value = ['get', 'population'];
  const step: unknown[] = breaks.length === 0 ? ['literal', colors[0]] : ['step', value, colors[0]];
  breaks.forEach((limit, i) => step.push(limit, colors[i + 1]));
  return ['case', ['==', ['typeof', value], 'number'], step, NO_DATA_COLOR];
}
