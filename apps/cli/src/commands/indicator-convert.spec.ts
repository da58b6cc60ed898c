import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireReferenceData } from '@quartier/reference-data';
import { CliError } from '../cli-error';
import { indicatorConvertCommand, type IndicatorConvertOptions } from './indicator-convert';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quartier-indicator-convert-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
};
const sink = {
  write: (_chunk: string, callback: (error?: Error) => void) => {
    callback();
    return true;
  },
} as unknown as NodeJS.WritableStream;
const convert = (options: IndicatorConvertOptions) => indicatorConvertCommand(options, sink);

async function failure(options: IndicatorConvertOptions): Promise<CliError> {
  try {
    await convert(options);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected the command to fail');
}

describe('quartier indicator convert', () => {
  it('writes the long CSV the import would load: canonical periods, . suppressed, empty missing', async () => {
    const wide = file('wide.csv', 'area;period;S1;S2\n0101;2020;1,5;.\n0102;2020H1;..;2\n');
    expect(await convert({ from: 'csv-wide', in: wide })).toBe(
      'area,indicator,period,value\n0101,S1,2020,1.5\n0101,S2,2020,.\n0102,S1,2020H1,\n0102,S2,2020H1,2\n',
    );
    const dhis2 = file(
      'set.json',
      JSON.stringify({
        period: '201401',
        orgUnit: 'OU',
        dataValues: [
          { dataElement: 'a', value: '1' },
          { dataElement: 'b', period: '2014W5', value: '2' },
          { dataElement: 'c', period: '2014April', value: 3 },
        ],
      }),
    );
    const out = join(dir, 'values.csv');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await convert({ from: 'dhis2', in: dhis2, out });
    stderr.mockRestore();
    expect(readFileSync(out, 'utf8')).toBe(
      'area,indicator,period,value\nOU,a,2014-01,1\nOU,b,2014-W05,2\nOU,c,2014-04-01/P1Y,3\n',
    );
  });

  it('maps SDMX-CSV dimensions and reads only the fixed categories', async () => {
    const sdmx = file(
      'estat.csv',
      'DATAFLOW,unit,geo,bop,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nX,EUR,DE,ca,2023-Q1,5,\nX,USD,DE,ca,2023-Q1,6,\nX,EUR,FR,ca,2023-Q2,,C\n',
    );
    expect(await convert({ from: 'sdmx-csv', in: sdmx, map: 'geo=area,bop=indicator,unit=EUR' })).toBe(
      'area,indicator,period,value\nDE,ca,2023Q1,5\nFR,ca,2023Q2,.\n',
    );
  });

  it('exits 2 naming every bad row, and the options and files it cannot use', async () => {
    const long = file(
      'long.csv',
      'area,period,indicator,value\n01,2020,S1,1\n01,2020-13,S1,2\n,2020,S1,x1\n01,2020,S1,3\n',
    );
    const error = await failure({ from: 'csv-long', in: long });
    expect(error.exitCode).toBe(2);
    expect(error.message.split('\n')).toEqual([
      `${long} line 3, period: "2020-13" is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or a DHIS2/SDMX period)`,
      `${long} line 4, area: area code is empty`,
      `${long} line 4, value: "x1" is not a number`,
      `${long} line 5, value: duplicate of line 2: same area, period and indicator`,
    ]);
    expect((await failure({ from: 'csv', in: long })).message).toBe(
      '--from: "csv" is not one of csv-long, csv-wide, xlsx, sdmx-csv, json-stat, dhis2',
    );
    expect((await failure({ from: 'csv-wide', in: long })).message).toMatch(/not a wide file/);
    expect((await failure({ from: 'csv-long', in: long, map: 'a=area' })).message).toBe(
      '--map: only SDMX-CSV and JSON-stat files have dimensions to map',
    );
    expect((await failure({ from: 'sdmx-csv', in: long, map: 'a=area,b=area' })).message).toBe(
      '--map: area is mapped twice ("a" and "b")',
    );
    expect((await failure({ from: 'json-stat', in: file('bad.json', '{') })).message).toMatch(
      /not valid JSON/,
    );
    expect((await failure({ from: 'dhis2', in: join(dir, 'missing.json') })).message).toMatch(/^cannot read/);
  });

  const paths = requireReferenceData(
    ['external/indicators/eurostat-nama_gdp_c.json', 'external/indicators/jsonstat-canada.json'],
    2,
  );
  (paths ? it : it.skip)(
    'reads a JSON-stat 1.x response (Eurostat) once its indicator dimension is mapped',
    async () => {
      const [eurostat] = paths!;
      expect((await failure({ from: 'json-stat', in: eurostat })).message).toMatch(
        /no indicator \(role metric\) dimension; map them \(dimensions: unit, indic_na, geo, time\)/,
      );
      const csv = await convert({ from: 'json-stat', in: eurostat, map: 'indic_na=indicator' });
      const lines = csv.trim().split('\n');
      expect(lines).toHaveLength(1 + 44 * 69);
      const json = JSON.parse(readFileSync(eurostat, 'utf8')).nama_gdp_c;
      const at = json.dimension.geo.category.index.DE * 69 + json.dimension.time.category.index['2010'];
      expect(lines).toContain(`DE,B1GM,2010,${json.value[at]}`);
    },
  );
  (paths ? it : it.skip)(
    'names the categories of an unmapped dimension (Statistics Canada sample)',
    async () => {
      const [, canada] = paths!;
      const error = await failure({ from: 'json-stat', in: canada });
      expect(error.message).toContain('dimension "sex" has 3 categories (T, M, F): fix it to one (sex=T)');
      expect(await convert({ from: 'json-stat', in: canada, map: 'age=T,sex=F' })).toMatch(
        /^area,indicator,period,value\nCA,POP,2012,\d/,
      );
    },
  );
});
