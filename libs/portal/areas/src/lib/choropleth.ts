// Population classes for the areas map. Pure, so the class breaks — what a planner reads off the
// legend — are unit-tested rather than eyeballed.

/** ColorBrewer "Blues" (5 classes): sequential, colour-blind safe, readable in greyscale print. */
export const POPULATION_PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_COLOR = '#d4d4d4';

/** Two significant digits: a legend of "23 000" reads better than "22 917.5". */
export function roundSignificant(value: number, digits = 2): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (magnitude - digits + 1);
  return Math.round(value / factor) * factor;
}

/**
 * Quantile class breaks (each class holds about the same number of areas, so a few large
 * districts don't leave every other area in the lowest colour). Returns the ascending lower
 * bounds of classes 2..n; fewer when values repeat. Nulls (no population recorded) are ignored.
 */
export function quantileBreaks(
  values: readonly (number | null | undefined)[],
  classes: number = POPULATION_PALETTE.length,
): number[] {
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError('classes must be an integer ≥ 2');
  const sorted = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (sorted.length < 2) return [];
  const breaks: number[] = [];
  const max = sorted[sorted.length - 1];
  // Every break must lie above the minimum (else class 1 is empty) and above the previous one.
  let floor = sorted[0];
  for (let i = 1; i < classes; i++) {
    let index = Math.min(sorted.length - 1, Math.floor((sorted.length * i) / classes));
    // Many equal values (ties) would repeat a break; move on to the next larger value instead,
    // so distinct populations still get distinct colours where the data allows it.
    while (index < sorted.length && sorted[index] <= floor) index++;
    if (index === sorted.length) break;
    const candidate = roundSignificant(sorted[index]);
    if (candidate > floor && candidate <= max) {
      breaks.push(candidate);
      floor = candidate;
    }
  }
  return breaks;
}

/** Index of the class a value falls into: the number of breaks at or below it. */
export function classOf(value: number, breaks: readonly number[]): number {
  let index = 0;
  while (index < breaks.length && value >= breaks[index]) index++;
  return index;
}

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
