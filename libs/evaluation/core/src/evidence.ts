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
  const series = new Map<string, SurveyEvidence>();
  for (const a of aggregates) {
    const key = [a.survey, a.item, a.option ?? '', a.area, a.statistic].join('\u0000');
    let entry = series.get(key);
    if (!entry)
      series.set(
        key,
        (entry = {
          survey: a.survey,
          item: a.item,
          option: a.option,
          area: a.area,
          statistic: a.statistic,
          waves: [],
          change: null,
        }),
      );
    entry.waves.push({
      wave: a.wave,
      waveDate: a.waveDate,
      respondents: a.respondents,
      value: a.suppressed ? null : a.value,
      suppressed: a.suppressed,
    });
  }
  return [...series.values()].map((entry) => {
    const waves = entry.waves.sort(byWave);
    return { ...entry, waves, change: changeOf(waves) };
  });
}

/** Groups network measures into series over waves, one per network × measure × area. */
export function networkEvidence(measures: readonly SnapshotNetworkMeasure[]): NetworkEvidence[] {
  const series = new Map<string, NetworkEvidence>();
  for (const m of measures) {
    const key = [m.network, m.measure, m.area ?? ''].join('\u0000');
    let entry = series.get(key);
    if (!entry)
      series.set(
        key,
        (entry = { network: m.network, measure: m.measure, area: m.area, waves: [], change: null }),
      );
    entry.waves.push({ wave: m.wave, waveDate: m.waveDate, value: m.value });
  }
  return [...series.values()].map((entry) => {
    const waves = entry.waves.sort(byWave);
    return { ...entry, waves, change: changeOf(waves) };
  });
}
