// The classes of a choropleth (the areas' population, an indicator's values): quantile breaks
// rounded for a legend people read, and the class a value falls into. Pure, so what a planner
// reads off the legend is unit-tested rather than eyeballed.

/**
 * Quantile breaks (about equally many areas per class, so a few large values don't leave every
 * other area in the lowest colour), as the ascending lower bounds of classes 2..n, rounded to
 * `digits` significant digits; fewer when values repeat. Missing and non-finite values are
 * ignored.
 */
export function quantileBreaks(
  values: readonly (number | null | undefined)[],
  classes = 5,
  digits = 3,
): number[] {
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError('classes must be an integer ≥ 2');
  // A typed array sorts numerically without a comparator call per step: 50,000 values in a few
  // milliseconds instead of 40 (the explorer classes a whole level before its map can draw).
  const sorted = Float64Array.from(
    values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)),
  ).sort();
  if (sorted.length < 2) return [];
  const breaks: number[] = [];
  // Every break must lie above the minimum (else class 1 is empty) and above the previous one.
  let floor = sorted[0];
  for (let i = 1; i < classes; i++) {
    let index = Math.min(sorted.length - 1, Math.floor((sorted.length * i) / classes));
    // Many equal values (ties) would repeat a break; move on to the next larger value instead,
    // so distinct values still get distinct colours where the data allows it.
    while (index < sorted.length && sorted[index] <= floor) index++;
    if (index === sorted.length) break;
    const candidate = roundSignificant(sorted[index], digits);
    if (candidate > floor && candidate <= sorted[sorted.length - 1]) {
      breaks.push(candidate);
      floor = candidate;
    }
  }
  return breaks;
}

/** `digits` significant digits: a legend of "23 000" reads better than "22 917.5". */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (magnitude - digits + 1);
  return Number((Math.round(value / factor) * factor).toPrecision(digits + 1));
}

/** The class (0-based) of a value: the number of breaks at or below it. */
export function classOf(value: number, breaks: readonly number[]): number {
  let index = 0;
  while (index < breaks.length && value >= breaks[index]) index++;
  return index;
}
