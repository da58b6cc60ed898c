import type { SnapshotNetworkMeasure, SnapshotSurveyAggregate } from './snapshot-schema';

// Survey and network evidence next to the indicators: each survey item statistic and each
// network measure as a series over waves, with the change from the first to the last wave whose
// value may be published. Survey cells below k respondents stay suppressed (value null); they
// are shown as such and never enter a change.

export interface SurveyWavePoint {
  wave: string;
  waveDate: string;
  respondents: number;
  value: number | null;
  suppressed: boolean;
}

export interface SurveyEvidence {
  survey: string;
  item: string;
  option: string | null;
  area: string;
  statistic: 'share' | 'mean';
  waves: SurveyWavePoint[];
  /** Last published value − first published value; null with fewer than two. */
  change: number | null;
}

export interface NetworkWavePoint {
  wave: string;
  waveDate: string;
  value: number | null;
}

export interface NetworkEvidence {
  network: string;
  measure: string;
  area: string | null;
  waves: NetworkWavePoint[];
  change: number | null;
}

function changeOf(points: { value: number | null }[]): number | null {
  const published = points.filter((p): p is { value: number } => p.value !== null);
  return published.length >= 2 ? published[published.length - 1].value - published[0].value : null;
}

const byWave = (a: { waveDate: string; wave: string }, b: { waveDate: string; wave: string }) =>
  a.waveDate < b.waveDate ? -1 : a.waveDate > b.waveDate ? 1 : a.wave < b.wave ? -1 : a.wave > b.wave ? 1 : 0;

/** Groups survey aggregates into series over waves, one per survey × item × option × area × statistic. */
export function surveyEvidence(aggregates: readonly SnapshotSurveyAggregate[]): SurveyEvidence[] {
  return seriesOverWaves(
    aggregates,
    (a) => [a.survey, a.item, a.option ?? '', a.area, a.statistic],
    (a) => ({ survey: a.survey, item: a.item, option: a.option, area: a.area, statistic: a.statistic }),
    (a): SurveyWavePoint => ({
      wave: a.wave,
      waveDate: a.waveDate,
      respondents: a.respondents,
      value: a.suppressed ? null : a.value,
      suppressed: a.suppressed,
    }),
  );
}

/** Groups network measures into series over waves, one per network × measure × area. */
export function networkEvidence(measures: readonly SnapshotNetworkMeasure[]): NetworkEvidence[] {
  return seriesOverWaves(
    measures,
    (m) => [m.network, m.measure, m.area ?? ''],
    (m) => ({ network: m.network, measure: m.measure, area: m.area }),
    (m): NetworkWavePoint => ({ wave: m.wave, waveDate: m.waveDate, value: m.value }),
  );
}

/**
 * Rows grouped into one series per key (`keyOf`), described by the series' first row (`headOf`),
 * with each row's point over the waves (`pointOf`); the points in wave order, then the change.
 */
function seriesOverWaves<R, H, P extends { wave: string; waveDate: string; value: number | null }>(
  rows: readonly R[],
  keyOf: (row: R) => readonly string[],
  headOf: (row: R) => H,
  pointOf: (row: R) => P,
): (H & { waves: P[]; change: number | null })[] {
  const series = new Map<string, { head: H; waves: P[] }>();
  for (const row of rows) {
    const key = keyOf(row).join('\u0000');
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = { head: headOf(row), waves: [] }));
    entry.waves.push(pointOf(row));
  }
  return [...series.values()].map(({ head, waves }) => {
    waves.sort(byWave);
    return { ...head, waves, change: changeOf(waves) };
  });
}
