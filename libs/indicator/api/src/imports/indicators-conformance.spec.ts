// Real exchange files (reference data folder, `external/indicators`, see its SOURCES.md): DHIS2's
// own documentation and tests, json-stat.org's samples, statistics offices' JSON-stat 1.x
// responses and SDMX-CSV from OECD, BIS and Eurostat. Each is read by the platform's streaming
// readers (with the dimension mapping a person would give) and by the in-memory reader of
// `quartier indicator convert`; both must give every cell the reference tools read, with its
// value, at its coordinates — computed here independently from the file itself.
import { readFileSync } from 'node:fs';
import {
  checkObservation,
  jsonStatDataset,
  longValuesCsv,
  normalisePeriod,
  parseDimensionMapping,
  readValuesFile,
  type DimensionMapping,
  type RawObservation,
  type ValuesFileFormat,
} from '@quartier/indicator-core';
import { requireReferenceData } from '@quartier/reference-data';
import type { ImportFormat } from './import-formats';
import { ImportFileError, readObservations, type FormatInfo } from './observation-readers';

interface Case {
  readonly file: string;
  readonly format: ImportFormat;
  readonly map?: string;
  /** Cells the reference tool reads in the (mapped) slice. */
  readonly cells: number;
}

const ACCEPTED: readonly Case[] = [
  { file: 'dhis2-core-dataValueSetJ.json', format: 'dhis2', cells: 1 },
  { file: 'dhis2-core-dataValueSetCreateDate.json', format: 'dhis2', cells: 1 },
  { file: 'dhis2-docs-datavalueset-set-level.json', format: 'dhis2', cells: 3 },
  { file: 'dhis2-docs-datavalueset-bulk.json', format: 'dhis2', cells: 4 },
  { file: 'sdmx-oecd-g20-prices.csv', format: 'sdmx-csv', cells: 41 },
  {
    file: 'sdmx-bis-der-v21.csv',
    format: 'sdmx-csv',
    map: 'DER_REP_CTY=area,DER_TYPE=indicator,DER_CURR_LEG2=TO1',
    cells: 18,
  },
  { file: 'sdmx-estat-bpm6.csv', format: 'sdmx-csv', map: 'geo=area,bop_item=indicator', cells: 19 },
  { file: 'jsonstat-oecd.json', format: 'json-stat', cells: 432 },
  { file: 'jsonstat-us-gsp.json', format: 'json-stat', cells: 204 },
  { file: 'jsonstat-us-unr.json', format: 'json-stat', cells: 3220 },
  { file: 'jsonstat-us-labor.json', format: 'json-stat', cells: 12880 },
  { file: 'jsonstat-canada.json', format: 'json-stat', map: 'age=T,sex=T', cells: 2 },
  {
    file: 'jsonstat-galicia.json',
    format: 'json-stat',
    map: 'residence=area,birth=T,age=T,gender=T',
    cells: 10,
  },
  { file: 'ssb-29843.json', format: 'json-stat', map: 'PKoder=area', cells: 37440 },
  { file: 'eurostat-nama_gdp_c.json', format: 'json-stat', map: 'indic_na=indicator', cells: 3036 },
  { file: 'cso-CIA01.json', format: 'json-stat', map: 'County and Region=area', cells: 8325 },
];

/** Files Quartier refuses, with the reason it names (the reference tools read any cube). */
const REFUSED: readonly { file: string; format: ImportFormat; map?: string; message: RegExp }[] = [
  // A cube of one dimension has no area and no period to place its values at.
  {
    file: 'jsonstat-hierarchy.json',
    format: 'json-stat',
    message: /no area \(role geo\), period \(role time\)/,
  },
  // Its categories 1–4 are no periods, whatever is mapped to period.
  {
    file: 'jsonstat-order.json',
    format: 'json-stat',
    map: 'A=area,B=indicator,C=period',
    message: /"1" is not a period/,
  },
  // Without a mapping: the dimensions Quartier needs are named.
  {
    file: 'sdmx-bis-der-v21.csv',
    format: 'sdmx-csv',
    message: /lacks REF_AREA .*dimensions: FREQ, DER_TYPE/,
  },
  {
    file: 'ssb-29843.json',
    format: 'json-stat',
    message: /JSON-stat|no area \(role geo\) dimension; map them \(dimensions: PKoder, ContentsCode, Tid\)/,
  },
];

const files = [...new Set([...ACCEPTED, ...REFUSED].map((c) => c.file))];
const paths = requireReferenceData(
  files.map((f) => `external/indicators/${f}`),
  ACCEPTED.length + REFUSED.length + 2, // and the set-level and periodicity tests
);
const run = paths ? describe : describe.skip;
const pathOf = (file: string): string => paths![files.indexOf(file)];

function mappingOf(text: string | undefined): DimensionMapping | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDimensionMapping(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.mapping;
}

async function stream(c: { file: string; format: ImportFormat; map?: string }) {
  const info: FormatInfo = { dialect: 'quartier', decimalComma: false, mapping: mappingOf(c.map) };
  const observations: RawObservation[] = [];
  const errors: unknown[] = [];
  for await (const batch of readObservations(c.format, pathOf(c.file), { onBytes: () => undefined }, info)) {
    observations.push(...batch.observations);
    errors.push(...batch.errors);
  }
  return { observations, errors, info };
}

const key = (o: { area: string; indicator: string; period: string }) =>
  `${o.area}|${o.indicator}|${o.period}`;

/** Every cell of the file as the reference tools read it: coordinates → value, from the raw file. */
function expectedCells(c: Case): Map<string, string | number | null> {
  const text = readFileSync(pathOf(c.file), 'utf8');
  const out = new Map<string, string | number | null>();
  if (c.format === 'dhis2') {
    const set = JSON.parse(text) as {
      period?: string;
      orgUnit?: string;
      dataValues: Record<string, string>[];
    };
    for (const dv of set.dataValues)
      out.set(
        key({
          area: dv.orgUnit ?? set.orgUnit!,
          indicator: dv.dataElement,
          period: dv.period ?? set.period!,
        }),
        dv.value,
      );
    return out;
  }
  if (c.format === 'sdmx-csv') {
    const [head, ...rows] = text
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const col = (name: string) => head.findIndex((h) => h.toUpperCase() === name.toUpperCase());
    const roles = mappingOf(c.map)?.roles ?? {};
    const fixed = Object.entries(mappingOf(c.map)?.fixed ?? {});
    const [a, i, p, v] = [
      roles.area ?? 'REF_AREA',
      roles.indicator ?? 'MEASURE',
      'TIME_PERIOD',
      'OBS_VALUE',
    ].map(col);
    for (const r of rows)
      if (fixed.every(([d, value]) => r[col(d)] === value))
        out.set(key({ area: r[a], indicator: r[i], period: r[p] }), r[v] === '' ? null : Number(r[v]));
    return out;
  }
  const document = JSON.parse(text) as Record<string, unknown>;
  const dataset = jsonStatDataset(document);
  if ('message' in dataset) throw new Error(dataset.message);
  const { header } = dataset;
  const holder = (dataset.valuePath === 'value' ? document : document[dataset.valuePath.split('.')[0]]) as {
    value: unknown;
  };
  const values = holder.value as (number | null)[] | Record<string, number | null>;
  const size = header.size.map(Number);
  const codes = header.id.map((id, k) => {
    const index = header.dimension[id].category.index;
    if (Array.isArray(index)) return index;
    if (index)
      return Object.entries(index)
        .sort((x, y) => x[1] - y[1])
        .map(([code]) => code);
    return Object.keys(header.dimension[id].category.label ?? {}).slice(0, size[k]);
  });
  const map = mappingOf(c.map);
  const role = (r: 'area' | 'period' | 'indicator', geo: 'geo' | 'time' | 'metric', fallback: string) =>
    map?.roles[r] ?? header.role?.[geo]?.[0] ?? fallback;
  const [ai, pi, ii] = [
    role('area', 'geo', 'geo'),
    role('period', 'time', 'time'),
    role('indicator', 'metric', 'x'),
  ].map((d) => header.id.findIndex((id) => id.toLowerCase() === d.toLowerCase()));
  const total = size.reduce((x, y) => x * y, 1);
  for (let n = 0; n < total; n++) {
    let rest = n;
    const at = size.map(() => 0);
    for (let k = size.length - 1; k >= 0; k--) {
      at[k] = rest % size[k];
      rest = Math.floor(rest / size[k]);
    }
    const wanted = header.id.every((id, k) => {
      const fixedKey = Object.keys(map?.fixed ?? {}).find((d) => d.toLowerCase() === id.toLowerCase());
      return fixedKey === undefined || codes[k][at[k]] === map!.fixed[fixedKey];
    });
    if (!wanted) continue;
    const value = Array.isArray(values) ? values[n] : values[String(n)];
    out.set(
      key({ area: codes[ai][at[ai]], indicator: codes[ii][at[ii]], period: codes[pi][at[pi]] }),
      value ?? null,
    );
  }
  return out;
}

const lookups = { area: (code: string) => code, indicator: () => ({ scale: 1 }) };

run('real exchange files: every cell the reference tools read', () => {
  it.each(ACCEPTED.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const expected = expectedCells(c);
    expect(expected.size).toBe(c.cells);
    const { observations, errors, info } = await stream(c);
    expect(errors).toEqual([]);
    expect(observations).toHaveLength(c.cells);
    for (const raw of observations) {
      const checked = checkObservation(raw, lookups, {
        dialect: info.dialect,
        decimalComma: info.decimalComma,
      });
      if (!checked.ok)
        throw new Error(`${c.file} ${raw.line}: ${checked.errors.map((e) => e.message).join('; ')}`);
      const want = expected.get(key(raw));
      const o = checked.observation;
      if (want === null || want === undefined) expect(o.status).not.toBe('value');
      else expect(o.value).toBe(Number(want));
      expect(o.period).toBe(normalisePeriod(raw.period, info.dialect));
    }
    // The in-memory reader of `quartier indicator convert` reads the very same.
    const inMemory = await readValuesFile(
      c.format as ValuesFileFormat,
      readFileSync(pathOf(c.file)),
      mappingOf(c.map) ?? { roles: {}, fixed: {} },
    );
    if ('fileError' in inMemory) throw new Error(inMemory.fileError);
    expect(inMemory.observations.map(key).sort()).toEqual(observations.map(key).sort());
    expect(longValuesCsv(inMemory.observations, inMemory.info).errors).toEqual([]);
  });

  it.each(REFUSED.map((c) => [c.file, c] as const))(
    '%s is refused with the reason named',
    async (_file, c) => {
      let message = '';
      try {
        const { observations, info } = await stream(c);
        const problems = observations.flatMap((raw) => {
          const checked = checkObservation(raw, lookups, { dialect: info.dialect });
          return checked.ok ? [] : checked.errors.map((e) => e.message);
        });
        message = problems.join('; ');
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        message = error.message;
      }
      expect(message).toMatch(c.message);
    },
  );

  it("DHIS2: values without period and orgUnit take the set's (documentation example)", async () => {
    const { observations } = await stream({
      file: 'dhis2-docs-datavalueset-set-level.json',
      format: 'dhis2',
    });
    expect(observations.map((o) => [o.area, o.period, o.indicator, o.value])).toEqual([
      ['DiszpKrYNg8', '201401', 'f7n9E0hX8qk', '1'],
      ['DiszpKrYNg8', '201401', 'Ix2HsbDMLea', '2'],
      ['DiszpKrYNg8', '201401', 'eY5ehpbEsB7', '3'],
    ]);
  });

  it('DHIS2 monthly periods: taken by a monthly indicator, refused by a yearly one naming each row', async () => {
    const { observations, info } = await stream({
      file: 'dhis2-docs-datavalueset-bulk.json',
      format: 'dhis2',
    });
    const check = (periodicity: 'month' | 'year' | 'week') =>
      observations.map((raw) => {
        const checked = checkObservation(
          raw,
          { area: (code: string) => code, indicator: () => ({ scale: 1, periodicity }) },
          { dialect: info.dialect },
        );
        return checked.ok ? checked.observation.period : checked.errors.map((e) => `${e.line}: ${e.message}`);
      });
    expect(check('month')).toEqual(['2014-01', '2014-01', '2014-02', '2014-02']);
    const refused = check('year').flat();
    expect(refused).toHaveLength(4);
    expect(refused[0]).toMatch(
      /^\d+: "201401" is a month, but indicator "f7n9E0hX8qk" has the periodicity year$/,
    );
    expect(new Set(refused.map((r) => r.split(':')[0])).size).toBe(4);
    expect(check('week').flat()[2]).toMatch(
      /"201402" is a month, but indicator "f7n9E0hX8qk" has the periodicity week/,
    );
  });
});
