// Files for the scale benchmark: one GeoJSON FeatureCollection per level of a generated city
// (@quartier/demo-city) and a long CSV of three indicators over ten periods for its planning
// areas, written to disk so the benchmark uploads them as a city's office would.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

export const SCALE_INDICATORS = [
  { code: 'EW', name: { de: 'Einwohnerinnen und Einwohner' }, unit: 'count', polarity: 'neutral' },
  {
    code: 'ALG2',
    name: { de: 'Anteil Arbeitslose (SGB II)' },
    unit: '%',
    polarity: 'higher-is-worse',
    numerator: 'alg2',
    denominator: 'ew_15_65',
  },
  {
    code: 'KIPO',
    name: { de: 'Kinderarmut' },
    unit: '%',
    polarity: 'higher-is-worse',
    numerator: 'kinder_sgb2',
    denominator: 'kinder',
  },
];
export const SCALE_PERIODS = Array.from({ length: 10 }, (_, i) => String(2015 + i));

export const SCALE_INDEX = {
  id: 'scale-status',
  label: 'Status-Index (Skalierung)',
  population: 'EW',
  minPopulation: 300,
  indices: [
    {
      id: 'status',
      label: 'Status-Index',
      indicators: ['ALG2', 'KIPO'],
      classes: [
        { code: '1', label: 'hoch', upTo: -1, inclusive: false },
        { code: '2', label: 'mittel', upTo: 1, inclusive: true },
        { code: '3', label: 'niedrig', upTo: 1.5, inclusive: true },
        { code: '4', label: 'sehr niedrig' },
      ],
    },
  ],
};

async function writeLines(file, lines) {
  const out = createWriteStream(file);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** One GeoJSON file per level, top level first: [{ level, file, count }]. */
export async function writeLevelFiles(city, dir) {
  const files = [];
  for (const level of city.levels) {
    const areas = city.areas.filter((a) => a.level === level.key);
    const file = join(dir, `${level.key}.geojson`);
    function* lines() {
      yield '{"type":"FeatureCollection","features":[\n';
      for (let i = 0; i < areas.length; i++) {
        const a = areas[i];
        const feature = {
          type: 'Feature',
          properties: { code: a.code, name: a.name, population: a.population },
          geometry: a.geometry,
        };
        yield `${i > 0 ? ',\n' : ''}${JSON.stringify(feature)}`;
      }
      yield '\n]}\n';
    }
    await writeLines(file, lines());
    files.push({ level: level.key, file, count: areas.length });
  }
  return files;
}

/** Deterministic shares from the area's index and the period (no randomness to seed). */
function share(i, p, salt) {
  const x = Math.sin(i * 12.9898 + p * 78.233 + salt * 37.719) * 43758.5453;
  return x - Math.floor(x);
}

const percent = (part, whole) => (whole > 0 ? ((100 * part) / whole).toFixed(4) : '');

/** 3 indicators × 10 periods for every planning area: `area,period,indicator,value,numerator,denominator`. */
export async function writeValueFile(city, dir) {
  const file = join(dir, 'values.csv');
  let rows = 0;
  function* lines() {
    yield 'area,period,indicator,value,numerator,denominator\n';
    const planning = city.planningAreas;
    for (let i = 0; i < planning.length; i++) {
      const a = planning[i];
      let chunk = '';
      SCALE_PERIODS.forEach((period, p) => {
        const people = Math.max(0, Math.round(a.population * (0.97 + 0.06 * share(i, p, 1))));
        chunk += `${a.code},${period},EW,${people},,\n`;
        const working = Math.round(people * 0.64);
        const unemployed = Math.round(working * (0.02 + 0.2 * share(i, p, 2)));
        chunk += `${a.code},${period},ALG2,${percent(unemployed, working)},${unemployed},${working}\n`;
        const children = Math.round(people * 0.16);
        const poor = Math.round(children * (0.03 + 0.45 * share(i, p, 3)));
        chunk += `${a.code},${period},KIPO,${percent(poor, children)},${poor},${children}\n`;
        rows += 3;
      });
      yield chunk;
    }
  }
  await writeLines(file, lines());
  return { file, rows };
}
