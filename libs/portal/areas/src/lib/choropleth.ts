// Population classes for the areas map. Pure, so the class breaks — what a planner reads off the
// legend — are unit-tested rather than eyeballed.
import { type ClassRange, classRanges, spreadPalette } from '@quartier/portal-ui/class-breaks';

/** ColorBrewer "Blues" (5 classes): sequential, colour-blind safe, readable in greyscale print. */
export const POPULATION_PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_COLOR = '#d4d4d4';

/** A class of the legend: its colour and bounds. */
export interface LegendEntry extends ClassRange {
  readonly color: string;
}

export function legendEntries(
  breaks: readonly number[],
  palette: readonly string[] = POPULATION_PALETTE,
): LegendEntry[] {
  const colors = paletteFor(breaks.length + 1, palette);
  return classRanges(breaks).map((range, i) => ({ color: colors[i], ...range }));
}

/** Spreads fewer classes over the whole ramp, so two classes are light and dark, not the two lightest. */
export function paletteFor(count: number, palette: readonly string[] = POPULATION_PALETTE): string[] {
  return spreadPalette(palette, count);
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
