import type { ActualObservation } from '../attainment';
import { languageCafeModel } from '../impact-model/fixtures';
import { iatiResultsFromImpactModel } from './results';
import type { IatiMeasure, IatiProgramme } from './types';

/** A Berlin Quartiersmanagement programme with three measures in different states. */
export const QM_PROGRAMME: IatiProgramme = {
  reportingOrg: {
    ref: 'DE-BE-SENSBW',
    type: '10',
    name: 'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen',
  },
  identifierPrefix: 'DE-BE-SENSBW-QM',
  participatingOrgs: [
    { role: 'funding', ref: 'DE-BE-SENSBW', type: '10', name: 'Land Berlin – Quartiersmanagement' },
  ],
};

export function qmMeasures(): IatiMeasure[] {
  const actuals = new Map<string, ActualObservation[]>([
    [
      'b-s4',
      [
        { status: 'value', value: 47.1, period: '2021' },
        { status: 'suppressed', period: '2023H1' },
        { status: 'missing', period: '2023' },
      ],
    ],
    ['b-survey', [{ status: 'value', value: 0.41, period: '2025-06-30' }]],
  ]);
  return [
    {
      id: 'm-12',
      title: 'Elterncafé Sprache & Schule',
      description: 'Zweimal pro Woche: Deutsch <für> Eltern, "Schule verstehen" & Beratung',
      status: 'running',
      plannedStart: '2025-01-01',
      actualStart: '2025-02-03',
      plannedEnd: '2027-12-31',
      participatingOrgs: [{ role: 'implementing', type: '22', name: 'Nachbarschaftshaus Moabit e. V.' }],
      budgets: [
        { year: 2026, amount: 1_500_000 },
        { year: 2025, amount: 1_250_050 },
      ],
      expenditures: [
        { date: '2025-03-31', amount: 310_000, description: 'Honorare Q1' },
        { date: '2025-06-30', amount: 295_005 },
      ],
      locations: [{ areaCode: '01200517', name: 'Moabit West', point: { lat: 52.5302, lon: 13.3342 } }],
      sectors: [{ code: '43030', percentage: 100 }],
      results: iatiResultsFromImpactModel(languageCafeModel(), {
        actuals,
        isPercentage: (b) => b.source.kind === 'indicator',
      }),
      lastUpdated: '2026-04-01T08:00:00Z',
    },
    {
      id: 'm-13',
      title: 'Hofgestaltung Rostocker Straße',
      status: 'proposed',
      plannedStart: '2026-09-01',
      budgets: [{ year: 2026, amount: 4_000_000 }],
      expenditures: [],
      locations: [],
    },
    {
      id: 'm-14',
      title: 'Abgelehnter Antrag',
      status: 'rejected',
      plannedStart: '2026-01-01',
      budgets: [],
      expenditures: [],
      locations: [],
    },
  ];
}
