import type { SnapshotNetworkMeasure, SnapshotSurveyAggregate } from '@quartier/evaluation-core';
import type { NetworkRefRow, SurveyRefRow } from './evidence.repository';
import { periodEndDate } from './period-dates';

/** What top-2-box shares count, as the survey service defines them (the two most agreeing answers). */
export const TOP_TWO_BOX = 'top-2-box';

/**
 * Survey cells as snapshot facts. Only what the survey service published travels: cells below
 * its k are suppressed, without a value and without a respondent count (which would itself
 * tell how few answered).
 */
export function surveyAggregatesOf(
  rows: readonly SurveyRefRow[],
  areaCode: ReadonlyMap<string, string>,
): SnapshotSurveyAggregate[] {
  return rows
    .filter((r) => areaCode.has(r.areaId))
    .map((r) => ({
      survey: r.surveyId,
      wave: r.waveId,
      waveDate: periodEndDate(r.period),
      item: r.item,
      option: r.measure === 'topTwoBox' ? TOP_TWO_BOX : null,
      area: areaCode.get(r.areaId)!,
      statistic: r.measure === 'mean' ? ('mean' as const) : ('share' as const),
      respondents: r.suppressed ? 0 : (r.n ?? 0),
      value: r.suppressed ? null : r.value,
      suppressed: r.suppressed || r.value === null,
    }));
}

/** Network measures (the chosen ones) of whole networks or of an area's actors, per wave. */
export function networkMeasuresOf(
  rows: readonly NetworkRefRow[],
  measures: readonly string[],
  areaCode: ReadonlyMap<string, string>,
): SnapshotNetworkMeasure[] {
  const facts: SnapshotNetworkMeasure[] = [];
  for (const row of rows) {
    const area = row.areaId ? areaCode.get(row.areaId) : undefined;
    if (!area) continue;
    for (const measure of measures)
      if (typeof row.metrics[measure] === 'number')
        facts.push({
          network: row.networkId,
          wave: row.waveId,
          waveDate: periodEndDate(row.period),
          measure,
          area,
          value: row.metrics[measure],
        });
  }
  return facts;
}
