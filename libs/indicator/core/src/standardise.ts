import { IndicatorError } from './indicator-error';

export interface Standardisation {
  /** Unweighted arithmetic mean over the values. */
  mean: number;
  /** Population standard deviation (divide by n, not n − 1), as the Berlin MSS method uses. */
  sd: number;
  n: number;
  /** z-values in input order. */
  z: number[];
}

/**
 * z-transformation with the simple mean and the population SD. Deliberately not n − 1: the MSS
 * treats the city's areas as the whole population, and the published classes only reproduce
 * with divide-by-n. Sums are compensated (Neumaier) so the result does not depend on area
 * order beyond the last bit.
 * @throws IndicatorError `NotEnoughValidAreas` (< 2 values) or `ZeroVariance` (all equal).
 */
export function zStandardise(values: readonly number[], what = 'values'): Standardisation {
  const n = values.length;
  if (n < 2)
    throw new IndicatorError(
      'NotEnoughValidAreas',
      `cannot standardise ${what}: need at least 2 valid areas, got ${n}`,
    );
  const mean = compensatedSum(values) / n;
  const sd = Math.sqrt(compensatedSum(values.map((v) => (v - mean) * (v - mean))) / n);
  if (!(sd > 0))
    throw new IndicatorError(
      'ZeroVariance',
      `cannot standardise ${what}: all ${n} valid areas have the same value (${mean})`,
    );
  return { mean, sd, n, z: values.map((v) => (v - mean) / sd) };
}

/** Neumaier's compensated summation. */
export function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}
