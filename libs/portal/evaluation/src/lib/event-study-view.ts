// The event study as rows and chart data: one entry per period relative to the start, the
// reference period (−1, estimate 0 by construction) and periods that could not be estimated
// kept in place, so the chart's axis never silently skips a period.

export interface EventStudyPointInput {
  period: string;
  relative: number;
  reference: boolean;
  estimate: number;
  se: number;
  p: number | null;
  ci95: [number, number];
  observations: { treated: number; comparison: number };
}

export interface EventStudyInput {
  points: readonly EventStudyPointInput[];
  omitted: readonly { period: string; relative: number; reason: string }[];
}

export interface EventStudyRow {
  period: string;
  relative: number;
  /** The axis label: −2, −1, 0, +1 (typographic minus). */
  label: string;
  reference: boolean;
  /** null: not estimated (see `omitted`). */
  estimate: number | null;
  low: number | null;
  high: number | null;
  se: number | null;
  p: number | null;
  /** Why the period could not be estimated; null when it was. */
  omitted: string | null;
  /** The interval lies wholly above or below 0 (never for the reference period). */
  excludesZero: boolean;
}

export function relativeLabel(relative: number): string {
  if (relative > 0) return `+${relative}`;
  if (relative < 0) return `\u2212${-relative}`;
  return '0';
}

export function eventStudyRows(study: EventStudyInput): EventStudyRow[] {
  const rows: EventStudyRow[] = study.points.map((p) => ({
    period: p.period,
    relative: p.relative,
    label: relativeLabel(p.relative),
    reference: p.reference,
    estimate: p.estimate,
    low: p.reference ? null : p.ci95[0],
    high: p.reference ? null : p.ci95[1],
    se: p.reference ? null : p.se,
    p: p.reference ? null : p.p,
    omitted: null,
    excludesZero: !p.reference && (p.ci95[0] > 0 || p.ci95[1] < 0),
  }));
  for (const o of study.omitted)
    rows.push({
      period: o.period,
      relative: o.relative,
      label: relativeLabel(o.relative),
      reference: false,
      estimate: null,
      low: null,
      high: null,
      se: null,
      p: null,
      omitted: o.reason,
      excludesZero: false,
    });
  return rows.sort((a, b) => a.relative - b.relative);
}

/** Pre-trend check: before-start periods (other than the reference) whose interval excludes 0. */
export function preTrendPeriods(rows: readonly EventStudyRow[]): string[] {
  return rows.filter((r) => r.relative < -1 && r.excludesZero).map((r) => r.period);
}

export interface EventStudyChartData {
  labels: string[];
  /** Estimates per label (null: not estimated). */
  estimates: (number | null)[];
  /** [label index, low, high] for every period with an interval. */
  intervals: [number, number, number][];
  /** Index of the boundary between the last period before and the first from the start. */
  startIndex: number | null;
}

export function eventStudyChartData(rows: readonly EventStudyRow[]): EventStudyChartData {
  const intervals: [number, number, number][] = [];
  rows.forEach((r, i) => {
    if (r.low !== null && r.high !== null) intervals.push([i, r.low, r.high]);
  });
  const first = rows.findIndex((r) => r.relative >= 0);
  return {
    labels: rows.map((r) => r.label),
    estimates: rows.map((r) => r.estimate),
    intervals,
    startIndex: first < 0 ? null : first,
  };
}
