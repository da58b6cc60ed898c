import type { SnapshotNetworkMeasure, SnapshotSurveyAggregate } from '@quartier/evaluation-core';
import type { NetworkRefRow, SurveyRefRow } from './evidence.repository';
import { periodEndDate } from './period-dates';

/** What top-2-box shares count, as the survey service defines them (the two most agreeing answers). */
export const TOP_TWO_BOX = 'top-2-box';

/**
 * Survey cells as snapshot facts. Only what the survey service published travels: cells below
 * its k are suppressed, without a value and without a respondent count (which would itself
 * tell how few answered). A cell whose period is no period stays out, as one outside the areas
 * does: a snapshot orders waves by date, and no date would be the right one for it.
 */
export function surveyAggregatesOf(
  rows: readonly SurveyRefRow[],
  areaCode: ReadonlyMap<string, string>,
): SnapshotSurveyAggregate[] {
  const facts: SnapshotSurveyAggregate[] = [];
  for (const r of rows) {
    const waveDate = periodEndDate(r.period);
    if (!areaCode.has(r.areaId) || waveDate === null) continue;
    facts.push({
      survey: r.surveyId,
      wave: r.waveId,
      waveDate,
      item: r.item,
      option: r.measure === 'topTwoBox' ? TOP_TWO_BOX : null,
      area: areaCode.get(r.areaId)!,
      statistic: r.measure === 'mean' ? ('mean' as const) : ('share' as const),
      respondents: r.suppressed ? 0 : (r.n ?? 0),
      value: r.suppressed ? null : r.value,
      suppressed: r.suppressed || r.value === null,
    });
  }
  return facts;
}

/**
 * Network measures (the chosen ones) of whole networks or of an area's actors, per wave; like
 * survey cells, none of a wave whose period is no period.
 */
export function networkMeasuresOf(
  rows: readonly NetworkRefRow[],
  measures: readonly string[],
  areaCode: ReadonlyMap<string, string>,
): SnapshotNetworkMeasure[] {
  const facts: SnapshotNetworkMeasure[] = [];
  for (const row of rows) {
    const area = row.areaId ? areaCode.get(row.areaId) : undefined;
    const waveDate = periodEndDate(row.period);
    if (!area || waveDate === null) continue;
    for (const measure of measures)
      if (typeof row.metrics[measure] === 'number')
        facts.push({
          network: row.networkId,
          wave: row.waveId,
          waveDate,
          measure,
          area,
          value: row.metrics[measure],
        });
  }
  return facts;
}
