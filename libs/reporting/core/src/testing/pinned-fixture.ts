import type { AreaGeometry } from '../maps/geo';
import type { AreaProfileDataset, PinnedArea, PinnedCell } from '../pinned/pinned-data';
import { syntheticCity } from './synthetic-city';

// Pinned data of a small synthetic city (two districts of four planning areas each), shaped as
// the reporting service stores it: published cells, classes, a survey with a suppressed cell,
// a network with a pseudonymised broker, a programme with measures and a goal.

export function pinnedCityFixture(): AreaProfileDataset {
  const city = syntheticCity({ columns: 4, rows: 2, districtSize: [2, 2], edgeDetail: 4 });
  const districts: PinnedArea[] = city.districts.map((d, i) => ({
    id: `d${i + 1}`,
    code: d.code,
    name: i === 0 ? 'Nordbezirk' : 'Südbezirk',
    level: 'bezirk',
    parentId: null,
    population: 20_000 + i * 5_000,
  }));
  const areas: PinnedArea[] = city.areas.map((a, i) => ({
    id: `p${i + 1}`,
    code: a.code,
    name: a.name,
    level: 'planungsraum',
    parentId: districts[city.districts.findIndex((d) => d.code === a.district)].id,
    population: 5_000 + i * 100,
  }));
  const geometry: Record<string, AreaGeometry> = {};
  city.districts.forEach((d, i) => (geometry[districts[i].id] = d.geometry));
  city.areas.forEach((a, i) => (geometry[areas[i].id] = a.geometry));
  const cell = (value: number, numerator?: number, denominator?: number): PinnedCell => [
    'value',
    value,
    numerator ?? null,
    denominator ?? null,
  ];
  const p1Siblings = areas.filter((a) => a.parentId === areas[0].parentId);
  return {
    version: 1,
    kind: 'area-profile',
    tenant: {
      id: 'test',
      name: 'Teststadt',
      levels: [
        { key: 'bezirk', name: 'Bezirk', rank: 0 },
        { key: 'planungsraum', name: 'Planungsraum', rank: 1 },
      ],
    },
    subjectIds: [areas[0].id],
    areas: [...districts, ...areas],
    geometry,
    indicators: [
      {
        code: 'S1',
        name: { de: 'Arbeitslosigkeit', en: 'Unemployment' },
        unit: '%',
        polarity: 'higher-is-worse',
        scale: 100,
        periods: ['2022', '2023'],
        values: {
          '2022': {
            ...Object.fromEntries(p1Siblings.map((a, i) => [a.id, cell(5 + i)])),
            d1: cell(6, 600, 10_000),
            d2: cell(8, 1_200, 15_000),
          },
          '2023': {
            [p1Siblings[0].id]: cell(6),
            [p1Siblings[1].id]: cell(4),
            [p1Siblings[2].id]: ['suppressed', null, null, null],
            [p1Siblings[3].id]: cell(6),
            d1: cell(6.5, 650, 10_000),
            d2: ['suppressed', null, null, null],
          },
        },
      },
    ],
    indexRuns: [
      {
        id: 'run-1',
        label: 'MSS 2021',
        period: '2020',
        level: 'planungsraum',
        definitionLabel: 'Monitoring Soziale Stadtentwicklung 2021',
        index: 'combined',
        layout: null,
        classes: { [areas[0].id]: { code: '3-', label: 'niedrig / negativ' } },
      },
    ],
    surveys: [
      {
        id: 's1',
        title: 'Bürgerbefragung',
        k: 10,
        wave: { id: 'w1', name: 'Welle 1', closesOn: '2023-10-31' },
        respondents: { [areas[0].id]: 42 },
        totalRespondents: 800,
        items: [
          {
            label: 'fühlt sich sicher',
            shares: { [areas[0].id]: { share: 0.62, lower: 0.47, upper: 0.75 } },
            total: { share: 0.7, lower: 0.66, upper: 0.73 },
          },
          { label: 'will wegziehen', shares: { [areas[0].id]: 'suppressed' }, total: 'suppressed' },
        ],
      },
    ],
    networks: [
      {
        id: 'n1',
        name: 'Netzwerk Nord',
        areaId: districts[0].id,
        wave: { label: 'Welle 2', observedOn: '2024-05-15' },
        nodes: 12,
        edges: 30,
        density: 0.45,
        actors: [
          {
            name: 'Stadtteilzentrum',
            sector: 'welfare',
            areaId: areas[0].id,
            betweenness: 0.4,
            role: 'liaison',
          },
          { name: null, sector: 'residents', areaId: areas[0].id, betweenness: 0.2, role: 'gatekeeper' },
          {
            name: 'Schule am Park',
            sector: 'public-administration',
            areaId: areas[1].id,
            betweenness: 0.5,
            role: 'coordinator',
          },
        ],
      },
    ],
    programmes: [
      {
        id: 'prog',
        name: 'Quartiersmanagement',
        areaIds: [areas[0].id],
        measures: [
          {
            title: 'Elterncafé',
            status: 'running',
            budgetCents: 640_000,
            spentCents: 198_000,
            areaIds: [areas[0].id],
          },
          {
            title: 'Hofbegrünung',
            status: 'proposed',
            budgetCents: 1_800_000,
            spentCents: 0,
            areaIds: [areas[5].id],
          },
        ],
        goals: [
          {
            node: 'Weniger Kinderarmut',
            label: 'Kinderarmut',
            unit: '%',
            baseline: 40,
            target: 35,
            actual: 38,
            attainment: 0.4,
          },
        ],
      },
    ],
    withheld: [],
  };
}
