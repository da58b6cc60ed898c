import { startServiceTestApp, type Clock, type ServiceTestApp } from '@quartier/service-kit';
import { PROGRAMME_SERVICE } from '../programme.definition';

export const TENANT = 'berlin-demo';
export const OTHER_TENANT = 'musterstadt';

/** A Berlin-like hierarchy: two districts with three planning areas each. */
export const AREAS = [
  { code: '01', name: 'Mitte', level: 'bezirk', population: 380_000 },
  { code: '0101', name: 'Zentrum', level: 'planungsraum', parent: '01', population: 12_000 },
  { code: '0102', name: 'Moabit', level: 'planungsraum', parent: '01', population: 24_000 },
  { code: '0103', name: 'Wedding', level: 'planungsraum', parent: '01', population: 30_000 },
  { code: '02', name: 'Friedrichshain-Kreuzberg', level: 'bezirk', population: 290_000 },
  { code: '0201', name: 'Kreuzberg Nord', level: 'planungsraum', parent: '02', population: 20_000 },
  { code: '0202', name: 'Kreuzberg Süd', level: 'planungsraum', parent: '02', population: 18_000 },
  { code: '0203', name: 'Friedrichshain', level: 'planungsraum', parent: '02', population: 26_000 },
];

export interface ProgrammeTestApp extends ServiceTestApp {
  areas: Record<string, string>;
}

/** The programme service on a fresh database with the demo users' assignments of the README. */
export async function startProgrammeTestApp(
  options: { managerScope?: 'tenant' | 'none'; clock?: Clock } = {},
): Promise<ProgrammeTestApp> {
  const t = await startServiceTestApp(PROGRAMME_SERVICE, { runtime: { clock: options.clock } });
  const areas = await t.seedAreas(TENANT, AREAS);
  await t.seedAreas(OTHER_TENANT, [{ code: 'M1', name: 'Altstadt', level: 'stadtbezirk' }]);
  if (options.managerScope !== 'none') await t.grant(TENANT, 'programm', 'programme-manager', null);
  await t.grant(TENANT, 'planer', 'planner', areas['01']);
  await t.grant(TENANT, 'analyst', 'analyst', null);
  await t.grant(TENANT, 'viewer', 'viewer', null);
  await t.grant(TENANT, 'evaluator', 'evaluator', null);
  return Object.assign(t, { areas });
}

export const QM_PROGRAMME = {
  name: 'Quartiersmanagement (Test)',
  funder: 'Land Berlin',
  legalBasis: 'Bund-Länder-Programm Sozialer Zusammenhalt',
  fundingPeriods: [{ from: '2024-01-01', to: '2027-12-31', label: 'Förderperiode 2024–2027' }],
  budgetLines: [
    { key: 'projektfonds', label: 'Projektfonds' },
    { key: 'aktionsfonds', label: 'Aktionsfonds' },
  ],
  fieldsOfAction: [
    { key: 'bildung', label: 'Bildung' },
    { key: 'nachbarschaft', label: 'Nachbarschaft' },
  ],
};
