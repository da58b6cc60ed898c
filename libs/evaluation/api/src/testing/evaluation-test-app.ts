import { startServiceTestApp, type Clock, type ServiceTestApp } from '@quartier/service-kit';
import { EVALUATION_SERVICE } from '../evaluation.definition';

export const TENANT = 'berlin-demo';
export const OTHER_TENANT = 'musterstadt';

/** Two districts with six planning areas each: enough candidates to match on. */
export const AREAS = [
  { code: '01', name: 'Mitte', level: 'bezirk', population: 380_000 },
  ...['Zentrum', 'Moabit', 'Wedding', 'Gesundbrunnen', 'Tiergarten', 'Hansaviertel'].map((name, i) => ({
    code: `010${i + 1}`,
    name,
    level: 'planungsraum',
    parent: '01',
    population: 10_000 + 2_000 * i,
  })),
  { code: '02', name: 'Friedrichshain-Kreuzberg', level: 'bezirk', population: 290_000 },
  ...['Kreuzberg Nord', 'Kreuzberg Süd', 'Friedrichshain', 'Boxhagen', 'Stralau', 'Wrangelkiez'].map(
    (name, i) => ({
      code: `020${i + 1}`,
      name,
      level: 'planungsraum',
      parent: '02',
      population: 9_000 + 2_500 * i,
    }),
  ),
];

export const PLANNING_AREAS = AREAS.filter((a) => a.level === 'planungsraum').map((a) => a.code);

export interface EvaluationTestApp extends ServiceTestApp {
  areas: Record<string, string>;
}

/**
 * The evaluation service on a fresh database with the demo users' assignments of the README
 * (the evaluator tenant-wide unless `evaluatorScope: 'none'`, for scope tests).
 */
export async function startEvaluationTestApp(
  options: { evaluatorScope?: 'tenant' | 'none'; clock?: Clock } = {},
): Promise<EvaluationTestApp> {
  const t = await startServiceTestApp(EVALUATION_SERVICE, { runtime: { clock: options.clock } });
  const areas = await t.seedAreas(TENANT, AREAS);
  await t.seedAreas(OTHER_TENANT, [
    { code: 'M1', name: 'Altstadt', level: 'stadtbezirk' },
    { code: 'M101', name: 'Markt', level: 'quartier', parent: 'M1' },
  ]);
  if (options.evaluatorScope !== 'none') await t.grant(TENANT, 'evaluator', 'evaluator', null);
  await t.grant(TENANT, 'programm', 'programme-manager', null);
  await t.grant(TENANT, 'planer', 'planner', areas['01']);
  await t.grant(TENANT, 'analyst', 'analyst', null);
  await t.grant(TENANT, 'viewer', 'viewer', null);
  return Object.assign(t, { areas });
}
