import type { PublishedValue } from '../builders/report-data';
import type { PinnedArea, PinnedCell, PinnedIndicator } from './pinned-data';

// Figures a profile derives from published cells: the value as published, the rank among the
// siblings, and the city value. Only published numbers enter them; a suppressed or missing cell
// is never treated as a number.

export function publishedValue(cell: PinnedCell | undefined): PublishedValue {
  if (!cell) return null;
  if (cell[0] === 'suppressed') return 'suppressed';
  return cell[0] === 'value' && cell[1] !== null ? cell[1] : null;
}

/**
 * Competition rank (1, 2, 2, 4) of `areaId` among `siblings` (itself included) in one period;
 * rank 1 is the most favourable value (lowest when higher is worse). Only siblings with a
 * published value take part; null when the area has none or the indicator has no direction.
 */
export function siblingRank(
  indicator: PinnedIndicator,
  period: string,
  areaId: string,
  siblings: readonly PinnedArea[],
): { position: number; of: number } | null {
  if (indicator.polarity === 'neutral') return null;
  const cells = indicator.values[period] ?? {};
  const own = publishedValue(cells[areaId]);
  if (typeof own !== 'number') return null;
  const values = siblings
    .map((s) => publishedValue(cells[s.id]))
    .filter((v): v is number => typeof v === 'number');
  if (values.length < 2) return null;
  const better = (v: number) => (indicator.polarity === 'higher-is-worse' ? v < own : v > own);
  return { position: values.filter(better).length + 1, of: values.length };
}

/**
 * The city value from the top-level areas' published cells, aggregated the way the indicator
 * service aggregates up its hierarchy: the ratio of summed numerators and denominators when
 * every area carries counts, else the population-weighted mean. Null unless the reader sees a
 * published value for every top-level area (a value mixing in areas outside their scope, or
 * suppressed ones, is not theirs to see).
 */
export function cityValue(
  indicator: PinnedIndicator,
  period: string,
  topLevel: readonly PinnedArea[],
): PublishedValue {
  if (topLevel.length === 0) return null;
  const cells = topLevel.map((a) => indicator.values[period]?.[a.id]);
  if (cells.some((c) => c?.[0] === 'suppressed')) return 'suppressed';
  if (cells.some((c) => !c || c[0] !== 'value' || c[1] === null)) return null;
  const published = cells as PinnedCell[];
  if (published.every((c) => c[2] !== null && c[3] !== null && c[2] >= 0 && c[3] >= 0)) {
    const numerator = published.reduce((s, c) => s + (c[2] as number), 0);
    const denominator = published.reduce((s, c) => s + (c[3] as number), 0);
    return denominator > 0 ? (numerator / denominator) * indicator.scale : null;
  }
  if (topLevel.every((a) => a.population !== null && a.population >= 0)) {
    const weight = topLevel.reduce((s, a) => s + (a.population as number), 0);
    if (weight === 0) return null;
    return (
      published.reduce((s, c, i) => s + (c[1] as number) * (topLevel[i].population as number), 0) / weight
    );
  }
  return null;
}
