// The trend of one indicator in one area as an area profile shows it: the latest value, the
// one before it, the change and whether that change is good news — read by the indicator's
// polarity, since a rising unemployment rate and a rising share of volunteers point opposite
// ways. Suppressed and missing periods are skipped, never read as 0.

export type Polarity = 'higher-is-better' | 'higher-is-worse' | 'neutral';

export interface TrendPoint {
  period: string;
  status: 'value' | 'suppressed' | 'missing';
  value: number | null;
  approximate?: boolean;
}

export interface AreaTrend {
  latest: { period: string; value: number; approximate: boolean } | null;
  previous: { period: string; value: number } | null;
  /** latest − previous; null without two values. */
  change: number | null;
  /**
   * `better`/`worse` by polarity, `up`/`down` for neutral indicators, `unchanged` within the
   * tolerance (relative to the earlier value), null without two values.
   */
  direction: 'better' | 'worse' | 'up' | 'down' | 'unchanged' | null;
}

/**
 * @param points the area's series in time order (as `periodCalendar` sorts them).
 * @param tolerance relative change treated as no change (rounding noise of stored values).
 */
export function areaTrend(points: readonly TrendPoint[], polarity: Polarity, tolerance = 1e-9): AreaTrend {
  const values = points.filter(
    (p): p is TrendPoint & { value: number } =>
      p.status === 'value' && typeof p.value === 'number' && Number.isFinite(p.value),
  );
  const last = values.at(-1);
  if (!last) return { latest: null, previous: null, change: null, direction: null };
  const latest = { period: last.period, value: last.value, approximate: last.approximate ?? false };
  const before = values.at(-2);
  if (!before) return { latest, previous: null, change: null, direction: null };
  const change = last.value - before.value;
  const rising = change > 0;
  const direction =
    Math.abs(change) <= tolerance * Math.max(1, Math.abs(before.value))
      ? 'unchanged'
      : polarity === 'neutral'
        ? rising
          ? 'up'
          : 'down'
        : rising === (polarity === 'higher-is-better')
          ? 'better'
          : 'worse';
  return { latest, previous: { period: before.period, value: before.value }, change, direction };
}
