import { DEMO_CITY_LEVELS, MUSTERSTADT, musterstadtCity } from '@quartier/demo-city';
import type { AreaLevel } from '@quartier/registry-core';
import type { FeatureCollection, Polygon } from 'geojson';

export const BERLIN_DEMO = {
  id: 'berlin-demo',
  name: 'Berlin (Demo)',
  validFrom: '2006-01-01',
  levels: [
    { key: 'bezirk', name: 'Bezirk', rank: 0 },
    { key: 'prognoseraum', name: 'Prognoseraum', rank: 1 },
    { key: 'bezirksregion', name: 'Bezirksregion', rank: 2 },
    { key: 'planungsraum', name: 'Planungsraum', rank: 3 },
  ] satisfies AreaLevel[],
};

export const BERLIN_LOR_FILES: {
  name: string;
  level: string;
  corrections?: Record<number, { from: string; to: string }>;
}[] = [
  { name: 'districts.geojson', level: 'bezirk' },
  { name: 'forecast-areas.geojson', level: 'prognoseraum' },
  { name: 'district-regions.geojson', level: 'bezirksregion' },
  {
    name: 'planning-areas.geojson',
    level: 'planungsraum',
    // The republished file gives Charlottenburg's Schloßstraße (04030417, as in the MSS tables)
    // the code of Steglitz's Schloßstraße (06010102); the importer rightly rejects the duplicate.
    corrections: { 123: { from: '06010102', to: '04030417' } },
  },
];

export const MUSTERSTADT_DEMO = {
  id: MUSTERSTADT.tenantId,
  name: 'Musterstadt (Demo)',
  validFrom: '2020-01-01',
  levels: DEMO_CITY_LEVELS.map((l) => ({ ...l })) satisfies AreaLevel[],
};

/** One level of Musterstadt as the GeoJSON an administrator would upload (`id`, `name`, `ew`). */
export function musterstadtAreas(level: string): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: musterstadtCity()
      .areas.filter((a) => a.level === level)
      .map((a) => ({
        type: 'Feature' as const,
        properties: { id: a.code, name: a.name, ew: a.population },
        geometry: a.geometry,
      })),
  };
}

/**
 * A tiny fixed city for tests of import and replication mechanics: two districts of 2×2
 * quarters on a grid near 9°E 50°N.
 */
export const TWO_DISTRICT_TEST_CITY = {
  name: 'Zweistadt (Test)',
  levels: [
    { key: 'stadtbezirk', name: 'Stadtbezirk', rank: 0 },
    { key: 'stadtteil', name: 'Stadtteil', rank: 1 },
  ] satisfies AreaLevel[],
};

const ORIGIN = { lon: 9.0, lat: 50.0 };
const CELL = 0.02;

function square(col: number, row: number, size: number): Polygon {
  const x = ORIGIN.lon + col * CELL;
  const y = ORIGIN.lat + row * CELL;
  const d = size * CELL;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  };
}

/** Districts N and S, quarters N1–N4 and S1–S4 (5,000 inhabitants each). */
export function twoDistrictTestCityAreas(level: string): FeatureCollection {
  const districts = [
    { code: 'N', name: 'Nordstadt', col: 0 },
    { code: 'S', name: 'Südstadt', col: 2 },
  ];
  if (level === 'stadtbezirk') {
    return {
      type: 'FeatureCollection',
      features: districts.map((d) => ({
        type: 'Feature',
        properties: { id: d.code, name: d.name, ew: 4 * 5000 },
        geometry: square(d.col, 0, 2),
      })),
    };
  }
  const quarters = ['Am Markt', 'Bahnhofsviertel', 'Parkviertel', 'Am Fluss'];
  return {
    type: 'FeatureCollection',
    features: districts.flatMap((d) =>
      quarters.map((q, i) => ({
        type: 'Feature' as const,
        properties: { id: `${d.code}${i + 1}`, name: `${d.name} ${q}`, ew: 5000 },
        geometry: square(d.col + (i % 2), Math.floor(i / 2), 1),
      })),
    ),
  };
}
