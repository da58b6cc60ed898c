import type { EventPayload } from '@quartier/contracts';
import { seededRandom } from '@quartier/demo-city';
import { areaValueFacts, testIndicator, type AreaCodeValue } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import { PLANNING_AREAS, TENANT, type EvaluationTestApp } from './evaluation-test-app';

export const PERIODS = ['2013', '2014', '2015', '2016', '2017', '2018', '2019'];
/** The programme areas of the fixture: their unemployment falls by a point from 2015. */
export const TREATED = ['0101', '0102', '0103'];

export type FixtureValue = AreaCodeValue;

/** Unemployment (U, %, with counts) of the twelve planning areas 2013–2019. */
export function unemployment(seed = 7): FixtureValue[] {
  const random = seededRandom(seed);
  return PLANNING_AREAS.flatMap((code, i) => {
    const denominator = 4_000 + 250 * i;
    return PERIODS.map((period, t) => {
      const effect = TREATED.includes(code) && period >= '2015' ? 0.01 : 0;
      const numerator = Math.round((0.05 + 0.004 * i + 0.002 * t - effect + 0.004 * random()) * denominator);
      return { code, period, value: (100 * numerator) / denominator, numerator, denominator };
    });
  });
}

/** Child poverty (K, %, without counts) of the twelve planning areas 2013–2019. */
export function childPoverty(seed = 11): FixtureValue[] {
  const random = seededRandom(seed);
  return PLANNING_AREAS.flatMap((code, i) =>
    PERIODS.map((period, t) => ({ code, period, value: 20 + 1.3 * i - 0.3 * t + 2 * random() })),
  );
}

/** Delivers indicator values as the indicator service publishes them. */
export async function deliverValues(
  t: EvaluationTestApp,
  indicatorCode: string,
  values: readonly FixtureValue[],
  definition: { name?: string; minNumerator?: number; definitionVersion?: number } = {},
): Promise<void> {
  const parts = areaValueFacts(testIndicator(TENANT, indicatorCode, definition), values, t.areas);
  for (const payload of parts)
    await t.deliver({ type: 'indicator.values.published', tenantId: TENANT, payload });
}

/** Delivers a programme as the programme service publishes it. */
export async function deliverProgramme(
  t: EvaluationTestApp,
  programme: { id?: string; name: string; areas: string[]; from?: string; tenantId?: string },
): Promise<string> {
  const id = programme.id ?? randomUUID();
  const tenantId = programme.tenantId ?? TENANT;
  const payload: EventPayload<'programme.programme.upserted'> = {
    tenantId,
    id,
    name: programme.name,
    funder: 'Land Berlin',
    status: 'active',
    fundingPeriods: [{ from: programme.from ?? '2015-01-01', to: '2020-12-31' }],
    areaIds: programme.areas.map((code) => t.areas[code]),
    indexRunId: null,
  };
  await t.deliver({ type: 'programme.programme.upserted', tenantId, payload });
  return id;
}

/** Delivers a measure of a programme as the programme service publishes it. */
export async function deliverMeasure(
  t: EvaluationTestApp,
  measure: { id?: string; programmeId: string; title: string; areas: string[]; actualStart?: string | null },
): Promise<string> {
  const id = measure.id ?? randomUUID();
  const payload: EventPayload<'programme.measure.upserted'> = {
    tenantId: TENANT,
    id,
    programmeId: measure.programmeId,
    title: measure.title,
    areaIds: measure.areas.map((code) => t.areas[code]),
    fieldOfAction: null,
    status: 'running',
    plannedStart: '2016-01-01',
    plannedEnd: '2018-12-31',
    actualStart: measure.actualStart === undefined ? '2016-03-01' : measure.actualStart,
    actualEnd: null,
    budgetCents: 5_000_000,
  };
  await t.deliver({ type: 'programme.measure.upserted', tenantId: TENANT, payload });
  return id;
}

/** Delivers a survey wave's published results: cells with a value, suppressed cells without. */
export async function deliverSurveyWave(
  t: EvaluationTestApp,
  wave: {
    surveyId: string;
    period: string;
    item: string;
    measure: 'share' | 'topTwoBox' | 'mean';
    values: Record<string, [value: number, n: number]>;
    suppressed: string[];
  },
): Promise<void> {
  const payload: EventPayload<'survey.results.published'> = {
    tenantId: TENANT,
    surveyId: wave.surveyId,
    waveId: randomUUID(),
    period: wave.period,
    k: 10,
    weighted: false,
    items: [
      {
        indicatorCode: wave.item,
        name: 'Anteil, der sich nachts sicher fühlt',
        question: 'sicher_nacht',
        measure: wave.measure,
        options: [],
        values: Object.entries(wave.values).map(([code, [value, n]]) => ({
          areaId: t.areas[code],
          value,
          n,
          ciLower: null,
          ciUpper: null,
        })),
        suppressedAreaIds: wave.suppressed.map((code) => t.areas[code]),
      },
    ],
  };
  await t.deliver({ type: 'survey.results.published', tenantId: TENANT, payload });
}

/** Delivers network measures of one wave for a network's area or the actors of an area. */
export async function deliverNetworkWave(
  t: EvaluationTestApp,
  wave: {
    networkId: string;
    period: string;
    area: string;
    scope: 'network' | 'area';
    metrics: Record<string, number>;
  },
): Promise<void> {
  const payload: EventPayload<'network.metrics.computed'> = {
    tenantId: TENANT,
    networkId: wave.networkId,
    waveId: randomUUID(),
    areaId: t.areas[wave.area],
    period: wave.period,
    scope: wave.scope,
    metrics: wave.metrics,
  };
  await t.deliver({ type: 'network.metrics.computed', tenantId: TENANT, payload });
}
