import type { AreaProfileData } from '../builders/report-data';
import { syntheticCity } from './synthetic-city';

// A Berlin-like district (synthetic polygons) with every section of the profile filled.
export function areaProfileFixture(): AreaProfileData {
  const city = syntheticCity({ columns: 6, rows: 4, districtSize: [2, 2], edgeDetail: 12 });
  const district = city.districts[0];
  const children = city.areas.filter((a) => a.district === district.code);
  return {
    organisation: 'Bezirksamt Treptow-Köpenick von Berlin',
    author: 'Sozialraumorientierte Planungskoordination',
    asOf: '2024-12-31',
    generatedAt: '2025-03-01T09:30:00Z',
    pin: { dataId: 'mss-2023', contentHash: 'sha256:4be1c0ffee' },
    area: {
      ...district,
      name: 'Köpenick-Süd',
      levelName: 'Bezirksregion',
      population: 48_213,
      sizeKm2: 34.7,
      parent: { code: '09', name: 'Treptow-Köpenick' },
    },
    children,
    neighbours: city.districts.slice(1, 3),
    locator: { parent: city.city, siblings: city.districts },
    cityName: 'Berlin',
    changePeriods: 4,
    indicators: [
      {
        code: 'S1',
        name: 'Arbeitslosigkeit (SGB II)',
        format: { kind: 'percent', digits: 1 },
        polarity: -1,
        periods: ['2020', '2021', '2022', '2023', '2024'],
        values: [6.84, 6.51, 6.2, 5.93, 5.71],
        cityValues: [7.9, 7.6, 7.2, 7.0, 6.85],
        rank: { position: 4, of: 17 },
      },
      {
        code: 'S4',
        name: 'Kinderarmut',
        format: { kind: 'percent', digits: 1 },
        polarity: -1,
        periods: ['2020', '2021', '2022', '2023', '2024'],
        values: [18.2, 17.9, 'suppressed', 16.4, 15.95],
        cityValues: [26.1, 25.4, 24.9, 24.0, 23.6],
        rank: { position: 3, of: 17 },
      },
      {
        code: 'EW65',
        name: 'Anteil ab 65 Jahre',
        format: { kind: 'percent', digits: 1 },
        polarity: 1,
        periods: ['2020', '2021', '2022', '2023', '2024'],
        values: [24.1, 24.4, 24.9, null, 25.6],
        cityValues: [19.2, 19.3, 19.5, 19.6, 19.8],
        rank: null,
      },
    ],
    socialIndex: {
      indexName: 'Monitoring Soziale Stadtentwicklung',
      runLabel: '2023',
      classLabel: '2 +/- (mittel, stabil)',
      history: [
        { runLabel: '2019', classLabel: '2 +/- (mittel, stabil)' },
        { runLabel: '2021', classLabel: '2 - (mittel, negativ)' },
        { runLabel: '2023', classLabel: '2 +/- (mittel, stabil)' },
      ],
    },
    survey: {
      title: 'Nachbarschaftsbefragung 2024',
      respondents: 412,
      k: 10,
      highlights: [
        {
          question: 'Ich fühle mich in meiner Nachbarschaft wohl.',
          share: 78,
          lower: 74,
          upper: 82,
          cityShare: 71,
        },
        {
          question: 'Es gibt genug Angebote für Jugendliche.',
          share: 'suppressed',
          lower: 'suppressed',
          upper: 'suppressed',
          cityShare: 38,
        },
        {
          question: 'Ich kenne die Stadtteilkoordination.',
          share: 31,
          lower: 27,
          upper: 36,
          cityShare: null,
        },
      ],
    },
    network: {
      wave: '2024',
      actors: 57,
      ties: 143,
      density: 0.0895,
      actorsBySector: [
        { sector: 'Verwaltung', count: 9 },
        { sector: 'Soziale Träger', count: 21 },
        { sector: 'Zivilgesellschaft', count: 17 },
        { sector: 'Wirtschaft', count: 6 },
        { sector: 'Bewohnerschaft', count: 4 },
      ],
      brokers: [
        { name: 'Stadtteilzentrum Köpenick', sector: 'Soziale Träger', role: 'Koordinator' },
        { name: null, sector: 'Zivilgesellschaft', role: 'Gatekeeper' },
      ],
    },
    measures: [
      {
        title: 'Familienzentrum am Wasser',
        programme: 'Sozialer Zusammenhalt',
        status: 'laufend',
        budgetCents: 18_500_000,
        spentCents: 9_250_050,
      },
      {
        title: 'Kiezlotsen',
        programme: 'Quartiersmanagement',
        status: 'geplant',
        budgetCents: 4_200_000,
        spentCents: null,
      },
    ],
    impact: {
      programme: 'Sozialer Zusammenhalt',
      goals: [
        {
          goal: 'Kinderarmut sinkt',
          indicator: 'Kinderarmut',
          format: { kind: 'percent', digits: 1 },
          baseline: 18.2,
          target: 15,
          actual: 15.95,
          attainmentPercent: 70.3,
        },
      ],
    },
  };
}
