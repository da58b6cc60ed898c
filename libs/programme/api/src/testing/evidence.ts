import type { EventPayload } from '@quartier/contracts';
import { areaValueFacts, testIndicator, type AreaCodeValue } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import { TENANT, type ProgrammeTestApp } from './programme-test-app';

const CLASSES = {
  status: [
    { code: '1', label: 'hoch' },
    { code: '2', label: 'mittel' },
    { code: '3', label: 'niedrig' },
    { code: '4', label: 'sehr niedrig' },
  ],
  dynamics: [
    { code: '+', label: 'positiv' },
    { code: '+/-', label: 'stabil' },
    { code: '-', label: 'negativ' },
  ],
};

/** Delivers an index run's results, as the indicator service publishes them. */
export async function deliverIndexRun(
  t: ProgrammeTestApp,
  period: string,
  classes: Record<string, [status: string, dynamics: string, value: number] | 'invalid'>,
): Promise<string> {
  const runId = randomUUID();
  const payload: EventPayload<'indicator.index.results'> = {
    tenantId: TENANT,
    runId,
    definitionKey: 'berlin-mss-test',
    label: `MSS ${period}`,
    period,
    level: 'planungsraum',
    classes: CLASSES,
    part: 1,
    parts: 1,
    areas: Object.entries(classes).map(
      ([code, c]): EventPayload<'indicator.index.results'>['areas'][number] =>
        c === 'invalid'
          ? { areaId: t.areas[code], valid: false, values: {}, classes: {} }
          : {
              areaId: t.areas[code],
              valid: true,
              values: { status: c[2], dynamics: 0 },
              classes: { status: c[0], dynamics: c[1] },
            },
    ),
  };
  await t.deliver({ type: 'indicator.index.results', tenantId: TENANT, payload });
  return runId;
}

/** Delivers indicator values (value with numerator/denominator) as the indicator service publishes them. */
export async function deliverValues(
  t: ProgrammeTestApp,
  indicatorCode: string,
  values: readonly AreaCodeValue[],
  polarity: 'higher-is-better' | 'higher-is-worse' = 'higher-is-worse',
): Promise<void> {
  const parts = areaValueFacts(testIndicator(TENANT, indicatorCode, { polarity }), values, t.areas);
  for (const payload of parts)
    await t.deliver({ type: 'indicator.values.published', tenantId: TENANT, payload });
}
