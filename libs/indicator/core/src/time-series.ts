import { mean, median, medianAbsoluteDeviation } from 'simple-statistics';
import { IndicatorError } from './indicator-error';

// Time-series helpers for monitoring: change over n periods (Berlin's dynamics indicators are
// the change of a share over two years in percentage points), rank among peer areas, and
// data-quality flags. Flags never drop or alter a value — they mark it for a human to check.

/** One observation; `value: null` = the period exists but has no value. */
export interface SeriesPoint {
  period: string;
  value: number | null;
}

export interface Change {
  period: string;
  /** The period compared with (n periods earlier), if the series reaches that far back. */
  base?: string;
  /** Absolute change (same unit as the values, e.g. percentage points) or relative change in %. */
  change: number | null;
}

/**
 * Places a series on a calendar (all expected periods, in order): periods the series lacks
 * become `null`, so "n periods back" counts calendar periods, not observations.
 * @throws IndicatorError `InvalidTimeSeries` for duplicate periods or periods not in the calendar.
 */
export function alignToCalendar(series: readonly SeriesPoint[], calendar: readonly string[]): SeriesPoint[] {
  const byPeriod = new Map<string, number | null>();
  const known = new Set(calendar);
  if (known.size !== calendar.length)
    throw new IndicatorError('InvalidTimeSeries', 'the calendar lists a period twice');
  for (const point of series) {
    if (!known.has(point.period))
      throw new IndicatorError('InvalidTimeSeries', `period "${point.period}" is not in the calendar`);
    if (byPeriod.has(point.period))
      throw new IndicatorError('InvalidTimeSeries', `period "${point.period}" occurs more than once`);
    byPeriod.set(point.period, point.value);
  }
  return calendar.map((period) => ({ period, value: byPeriod.get(period) ?? null }));
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Change over `periods` periods for every point: value(t) − value(t − n), or with
 * `relative: true` (value(t) / value(t − n) − 1) × 100. Null where either value is missing
 * or (relative) the base is 0. Pass a calendar when the series may lack periods.
 */
export function changeOverPeriods(
  series: readonly SeriesPoint[],
  periods: number,
  options: { relative?: boolean; calendar?: readonly string[] } = {},
): Change[] {
  if (!Number.isInteger(periods) || periods < 1)
    throw new IndicatorError(
      'InvalidTimeSeries',
      `the number of periods must be a positive integer, got ${periods}`,
    );
  const aligned = options.calendar ? alignToCalendar(series, options.calendar) : assertOrdered(series);
  return aligned.map((point, i) => {
    if (i < periods) return { period: point.period, change: null };
    const base = aligned[i - periods];
    let change: number | null = null;
    if (usable(point.value) && usable(base.value)) {
      if (!options.relative) change = point.value - base.value;
      else if (base.value !== 0) change = (point.value / base.value - 1) * 100;
    }
    return { period: point.period, base: base.period, change };
  });
}

function assertOrdered(series: readonly SeriesPoint[]): readonly SeriesPoint[] {
  for (let i = 1; i < series.length; i++) {
    if (!(series[i - 1].period < series[i].period)) {
      throw new IndicatorError(
        'InvalidTimeSeries',
        `periods must be strictly increasing: "${series[i].period}" follows "${series[i - 1].period}"`,
      );
    }
  }
  return series;
}

export interface Rank {
  area: string;
  /** 1 = the highest value (or lowest with `order: 'ascending'`); null without a value. */
  rank: number | null;
  /** Number of ranked areas. */
  of: number;
}

/**
 * Ranks areas by value. Ties share the best rank (`min`, "1, 2, 2, 4", as league tables do)
 * or the mean of their ranks (`average`, "1, 2.5, 2.5, 4"). Areas without a value are not
 * ranked and do not count in `of`.
 */
export function rankAmongPeers(
  values: readonly { area: string; value: number | null }[],
  options: { order?: 'descending' | 'ascending'; ties?: 'min' | 'average' } = {},
): Rank[] {
  const sign = (options.order ?? 'descending') === 'descending' ? -1 : 1;
  const ranked = values
    .filter((v) => usable(v.value))
    .sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const rankByArea = new Map<string, number>();
  for (let i = 0; i < ranked.length;) {
    let j = i;
    while (j + 1 < ranked.length && ranked[j + 1].value === ranked[i].value) j++;
    const rank = options.ties === 'average' ? (i + 1 + (j + 1)) / 2 : i + 1;
    for (let k = i; k <= j; k++) rankByArea.set(ranked[k].area, rank);
    i = j + 1;
  }
  return values.map((v) => ({ area: v.area, rank: rankByArea.get(v.area) ?? null, of: ranked.length }));
}

/** MAD scaled to estimate the SD under normality (Iglewicz & Hoaglin). */
const MAD_TO_SD = 1.4826;
/** Mean absolute deviation scaled to the SD, the usual fallback when more than half the values are equal (MAD = 0). */
const MEAN_AD_TO_SD = 1.253314;

export interface RobustScale {
  median: number;
  /** Robust SD estimate; 0 when all reference values are equal. */
  sd: number;
}

export function robustScale(reference: readonly number[]): RobustScale {
  const centre = median([...reference]);
  const mad = medianAbsoluteDeviation([...reference]);
  const sd = mad > 0 ? MAD_TO_SD * mad : MEAN_AD_TO_SD * mean(reference.map((v) => Math.abs(v - centre)));
  return { median: centre, sd };
}

export type QualityFlag =
  | { code: 'implausible'; area: string; period: string; value: number; min?: number; max?: number }
  | {
      code: 'outlier-history' | 'outlier-peers';
      area: string;
      period: string;
      value: number;
      median: number;
      robustSd: number;
      robustZ: number;
    }
  | { code: 'gap'; area: string; period: string };

export interface QualityOptions {
  /** Values outside [min, max] are implausible (a share above 100 %, a negative count). */
  plausible?: { min?: number; max?: number };
  /** Robust z beyond which a value is an outlier. Default 3. */
  outlierThreshold?: number;
  /** Earlier values needed before the history check applies. Default 4. */
  minHistory?: number;
  /** Other areas with a value in the period needed before the peer check applies. Default 5. */
  minPeers?: number;
}

/**
 * Flags, per area and period of the calendar:
 * - `gap`: no value for a calendar period;
 * - `implausible`: outside the plausible range;
 * - `outlier-history`: more than `outlierThreshold` robust SDs from the median of the area's
 *   *earlier* values (how a new delivery is checked: against what was known before it);
 * - `outlier-peers`: more than `outlierThreshold` robust SDs from the median of the other
 *   areas in the same period.
 * Robust SD = 1.4826 × MAD, or 1.2533 × mean absolute deviation when the MAD is 0; when both
 * are 0 (all reference values equal) no outlier can be assessed and none is flagged — a
 * plausibility range is the tool for that case.
 */
export function qualityFlags(
  series: readonly { area: string; points: readonly SeriesPoint[] }[],
  calendar: readonly string[],
  options: QualityOptions = {},
): QualityFlag[] {
  const threshold = options.outlierThreshold ?? 3;
  const minHistory = options.minHistory ?? 4;
  const minPeers = options.minPeers ?? 5;
  const areas = series.map((s) => ({ area: s.area, points: alignToCalendar(s.points, calendar) }));
  if (new Set(areas.map((a) => a.area)).size !== areas.length)
    throw new IndicatorError('InvalidTimeSeries', 'an area occurs more than once');
  const flags: QualityFlag[] = [];
  const outlier = (
    code: 'outlier-history' | 'outlier-peers',
    area: string,
    period: string,
    value: number,
    reference: number[],
  ) => {
    const scale = robustScale(reference);
    if (!(scale.sd > 0)) return;
    const robustZ = (value - scale.median) / scale.sd;
    if (Math.abs(robustZ) > threshold)
      flags.push({ code, area, period, value, median: scale.median, robustSd: scale.sd, robustZ });
  };
  for (const { area, points } of areas) {
    points.forEach((point, t) => {
      if (!usable(point.value)) {
        flags.push({ code: 'gap', area, period: point.period });
        return;
      }
      const { min, max } = options.plausible ?? {};
      if ((min !== undefined && point.value < min) || (max !== undefined && point.value > max)) {
        flags.push({
          code: 'implausible',
          area,
          period: point.period,
          value: point.value,
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
        });
      }
      const history = points
        .slice(0, t)
        .map((p) => p.value)
        .filter(usable);
      if (history.length >= minHistory) outlier('outlier-history', area, point.period, point.value, history);
      const peers = areas
        .filter((other) => other.area !== area)
        .map((other) => other.points[t].value)
        .filter(usable);
      if (peers.length >= minPeers) outlier('outlier-peers', area, point.period, point.value, peers);
    });
  }
  return flags;
}
