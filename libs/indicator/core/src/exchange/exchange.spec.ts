import { comparePeriods, parsePeriod, periodStart } from '@quartier/contracts';
import {
  buildJsonStat,
  checkObservation,
  CsvRecordSplitter,
  detectDelimiter,
  detectTabularLayout,
  formatPeriod,
  jsonStatCube,
  jsonStatStatus,
  normalisePeriod,
  observationsOfRow,
  parseValueCell,
  type JsonStatHeader,
  type RawObservation,
} from './index';

describe('periods', () => {
  it('accepts the four canonical kinds and rejects impossible dates', () => {
    expect(parsePeriod('2019')).toEqual({ kind: 'year', year: 2019 });
    expect(parsePeriod('2019H2')).toEqual({ kind: 'half-year', year: 2019, part: 2 });
    expect(parsePeriod('2019Q4')).toEqual({ kind: 'quarter', year: 2019, part: 4 });
    expect(parsePeriod('2020-02-29')).toEqual({ kind: 'date', year: 2020, date: '2020-02-29' });
    expect(parsePeriod('2019-02-29')).toBeNull();
    expect(parsePeriod('2019Q5')).toBeNull();
    expect(parsePeriod('19')).toBeNull();
  });

  it('normalises SDMX and DHIS2 notations and writes them back', () => {
    expect(normalisePeriod('2019-S1', 'sdmx')).toBe('2019H1');
    expect(normalisePeriod('2019-A1', 'sdmx')).toBe('2019');
    expect(normalisePeriod('2019-Q2', 'sdmx')).toBe('2019Q2');
    expect(normalisePeriod('2019S2', 'dhis2')).toBe('2019H2');
    expect(normalisePeriod('20181231', 'dhis2')).toBe('2018-12-31');
    expect(normalisePeriod('20180231', 'dhis2')).toBeNull();
    expect(normalisePeriod('2019-S1', 'quartier')).toBeNull();
    expect(normalisePeriod(' 2019 ')).toBe('2019');
    expect(formatPeriod('2019H1', 'sdmx')).toBe('2019-S1');
    expect(formatPeriod('2019H1', 'dhis2')).toBe('2019S1');
    expect(formatPeriod('2018-12-31', 'dhis2')).toBe('20181231');
    expect(formatPeriod('2019Q3', 'quartier')).toBe('2019Q3');
    expect(() => formatPeriod('x', 'sdmx')).toThrow(RangeError);
  });

  it('orders chronologically, longer periods first at the same start', () => {
    expect(periodStart('2019H2')).toBe('2019-07-01');
    expect(periodStart('2019Q4')).toBe('2019-10-01');
    expect(['2019Q1', '2018-12-31', '2019H1', '2019', '2018'].sort(comparePeriods)).toEqual([
      '2018',
      '2018-12-31',
      '2019',
      '2019H1',
      '2019Q1',
    ]);
  });
});

describe('value cells', () => {
  it('keeps value, missing and suppressed apart and rejects non-numbers', () => {
    expect(parseValueCell('12.5')).toEqual({ status: 'value', value: 12.5 });
    expect(parseValueCell('0')).toEqual({ status: 'value', value: 0 });
    expect(parseValueCell('1e3')).toEqual({ status: 'value', value: 1000 });
    expect(parseValueCell('')).toEqual({ status: 'missing' });
    expect(parseValueCell('NA')).toEqual({ status: 'missing' });
    expect(parseValueCell(null)).toEqual({ status: 'missing' });
    expect(parseValueCell('.')).toEqual({ status: 'suppressed' });
    expect(parseValueCell('x')).toEqual({ status: 'suppressed' });
    expect(parseValueCell('12,5')).toEqual({ status: 'invalid', text: '12,5' });
    expect(parseValueCell('12,5', true)).toEqual({ status: 'value', value: 12.5 });
    expect(parseValueCell('1.234,5', true)).toEqual({ status: 'invalid', text: '1.234,5' });
    expect(parseValueCell('12 %')).toEqual({ status: 'invalid', text: '12 %' });
    expect(parseValueCell(7)).toEqual({ status: 'value', value: 7 });
    expect(parseValueCell(Number.NaN)).toEqual({ status: 'invalid', text: 'NaN' });
  });
});

describe('CSV records', () => {
  it('splits chunked input with CRLF, BOM, quotes and line breaks inside quotes, counting physical lines', () => {
    const splitter = new CsvRecordSplitter();
    const input = '\ufeffarea,period,indicator,value\r\nA,20';
    const first = splitter.push(input);
    expect(first).toEqual([{ line: 1, fields: ['area', 'period', 'indicator', 'value'] }]);
    const more = splitter.push('19,"S ""1""",1.5\n\nB,2019,"multi\nline",2\nC,2019,S1,');
    expect(more).toEqual([
      { line: 2, fields: ['A', '2019', 'S "1"', '1.5'] },
      { line: 4, fields: ['B', '2019', 'multi\nline', '2'] },
    ]);
    expect(splitter.end()).toEqual({ records: [{ line: 6, fields: ['C', '2019', 'S1', ''] }] });
  });

  it('reports a quote left open at the end of the file with the line it started on', () => {
    const splitter = new CsvRecordSplitter(',');
    splitter.push('a,b\n1,"open\n');
    expect(splitter.end().error).toEqual({
      line: 2,
      message: 'a quoted field is not closed before the end of the file',
    });
  });

  it('detects semicolon and tab delimiters', () => {
    expect(detectDelimiter('area;period;value')).toBe(';');
    expect(detectDelimiter('area\tperiod')).toBe('\t');
    expect(detectDelimiter('area,period')).toBe(',');
  });
});

describe('tabular layouts', () => {
  it('reads a long file including optional counts, in any column order', () => {
    const r = detectTabularLayout(['Indicator', 'area', 'period', 'value', 'numerator', 'denominator']);
    expect(r.ok && r.layout).toEqual({
      kind: 'long',
      area: 1,
      period: 2,
      indicator: 0,
      value: 3,
      numerator: 4,
      denominator: 5,
    });
    if (!r.ok) throw new Error('layout');
    expect(observationsOfRow(r.layout, r.header, 7, ['S1', '01', '2019', '3.5', '10', ''])).toEqual([
      {
        line: 7,
        column: 'value',
        area: '01',
        period: '2019',
        indicator: 'S1',
        value: '3.5',
        numerator: '10',
        denominator: '',
      },
    ]);
  });

  it('reads wide files by indicator and by period, one observation per value column', () => {
    const byIndicator = detectTabularLayout(['area', 'period', 'S1', 'S3']);
    if (!byIndicator.ok) throw new Error('layout');
    expect(observationsOfRow(byIndicator.layout, byIndicator.header, 2, ['01', '2019', 1, '.'])).toEqual([
      { line: 2, column: 'S1', area: '01', period: '2019', indicator: 'S1', value: 1 },
      { line: 2, column: 'S3', area: '01', period: '2019', indicator: 'S3', value: '.' },
    ]);
    const byPeriod = detectTabularLayout(['area', 'indicator', '2018', '2019H1']);
    if (!byPeriod.ok) throw new Error('layout');
    expect(observationsOfRow(byPeriod.layout, byPeriod.header, 3, ['01', 'S1', '4'])).toEqual([
      { line: 3, column: '2018', area: '01', period: '2018', indicator: 'S1', value: '4' },
    ]);
    // Empty cells of a wide table are no observation; `..` records a missing one.
    expect(observationsOfRow(byPeriod.layout, byPeriod.header, 4, ['01', 'S1', '', '..'])).toEqual([
      { line: 4, column: '2019H1', area: '01', period: '2019H1', indicator: 'S1', value: '..' },
    ]);
  });

  it('names what is wrong with a header', () => {
    expect(detectTabularLayout(['period', 'value'])).toEqual({
      ok: false,
      message: 'the header has no "area" column (area code)',
    });
    expect(detectTabularLayout(['area', 'indicator', '2019', 'total'])).toEqual({
      ok: false,
      message: 'column "total" is neither area, indicator nor a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM-DD)',
    });
    expect(detectTabularLayout(['area', 'period', 'indicator', 'value', 'note'])).toEqual({
      ok: false,
      message: 'unknown column(s) in a long file: note',
    });
    expect(detectTabularLayout(['area', 'area', 'period'])).toEqual({
      ok: false,
      message: 'column "area" appears twice in the header',
    });
  });

  it('reads SDMX-CSV 1.0 and 2.0 with labels and OBS_STATUS', () => {
    const v1 = detectTabularLayout(
      ['DATAFLOW', 'REF_AREA: Gebiet', 'INDICATOR', 'TIME_PERIOD', 'OBS_VALUE', 'OBS_STATUS'],
      true,
    );
    if (!v1.ok) throw new Error(v1.message);
    expect(
      observationsOfRow(v1.layout, v1.header, 2, [
        'Q:IND(1.0)',
        '01011101: Tiergarten',
        'S1',
        '2019-S1',
        '',
        'C',
      ]),
    ).toEqual([
      {
        line: 2,
        column: 'OBS_VALUE',
        area: '01011101',
        period: '2019-S1',
        indicator: 'S1',
        value: '',
        status: 'suppressed',
      },
    ]);
    const v2 = detectTabularLayout(
      [
        'STRUCTURE',
        'STRUCTURE_ID',
        'ACTION',
        'REF_AREA',
        'MEASURE',
        'TIME_PERIOD',
        'OBS_VALUE',
        'NUMERATOR',
        'DENOMINATOR',
      ],
      true,
    );
    expect(v2.ok && v2.layout).toMatchObject({
      kind: 'sdmx',
      area: 3,
      indicator: 4,
      period: 5,
      value: 6,
      numerator: 7,
      denominator: 8,
    });
    expect(detectTabularLayout(['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'OBS_VALUE'], true)).toEqual({
      ok: false,
      message: 'SDMX-CSV starts with a DATAFLOW (1.0) or STRUCTURE (2.0) column',
    });
    expect(detectTabularLayout(['DATAFLOW', 'TIME_PERIOD'], true)).toEqual({
      ok: false,
      message:
        'SDMX-CSV header lacks REF_AREA (or a dimension mapped to area), INDICATOR or MEASURE (or a dimension mapped to indicator), OBS_VALUE; dimensions: TIME_PERIOD',
    });
  });
});

describe('checkObservation', () => {
  const areas = new Map([['01', 'id-01']]);
  const indicators = new Map([['S1', { id: 'ind-s1', scale: 100 }]]);
  const lookups = { area: (c: string) => areas.get(c), indicator: (c: string) => indicators.get(c) };
  const raw = (over: Partial<RawObservation>): RawObservation => ({
    line: 5,
    column: 'value',
    area: '01',
    period: '2019',
    indicator: 'S1',
    value: '3',
    ...over,
  });

  it('resolves codes, normalises the period and keeps counts', () => {
    expect(checkObservation(raw({ numerator: '3', denominator: '100' }), lookups)).toEqual({
      ok: true,
      observation: {
        line: 5,
        column: 'value',
        area: 'id-01',
        indicator: { id: 'ind-s1', scale: 100 },
        period: '2019',
        status: 'value',
        value: 3,
        numerator: 3,
        denominator: 100,
      },
    });
  });

  it('derives the value from the counts on the indicator scale when the value cell is empty', () => {
    const r = checkObservation(raw({ value: '', numerator: '5', denominator: '200' }), lookups);
    expect(r.ok && r.observation.value).toBe(2.5);
  });

  it('reports every problem of a row with line, column and reason', () => {
    const r = checkObservation(
      raw({ area: '99', indicator: 'S9', period: '2019-13', value: 'abc', numerator: '-1' }),
      lookups,
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        { line: 5, column: 'area', reason: 'unknown-area', message: 'unknown area code "99"', value: '99' },
        {
          line: 5,
          column: 'indicator',
          reason: 'unknown-indicator',
          message: 'unknown indicator "S9"',
          value: 'S9',
        },
        {
          line: 5,
          column: 'period',
          reason: 'bad-period',
          message:
            '"2019-13" is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or a DHIS2/SDMX period)',
          value: '2019-13',
        },
        { line: 5, column: 'value', reason: 'non-numeric', message: '"abc" is not a number', value: 'abc' },
        {
          line: 5,
          column: 'numerator',
          reason: 'negative-count',
          message: 'numerator -1 is negative',
          value: '-1',
        },
      ],
    });
  });

  it('keeps suppressed and missing distinct from zero and drops their counts', () => {
    const suppressed = checkObservation(raw({ value: '.', numerator: '1', denominator: '20' }), lookups);
    expect(suppressed.ok && suppressed.observation).toMatchObject({
      status: 'suppressed',
      value: null,
      numerator: null,
      denominator: null,
    });
    const missing = checkObservation(raw({ value: '' }), lookups);
    expect(missing.ok && missing.observation).toMatchObject({ status: 'missing', value: null });
    const flagged = checkObservation(raw({ value: '', status: 'missing' }), lookups);
    expect(flagged.ok && flagged.observation.status).toBe('missing');
    const zero = checkObservation(raw({ value: '0' }), lookups);
    expect(zero.ok && zero.observation).toMatchObject({ status: 'value', value: 0 });
  });

  it('reads periods in the file format’s dialect', () => {
    const r = checkObservation(raw({ period: '2019-S2' }), lookups, { dialect: 'sdmx' });
    expect(r.ok && r.observation.period).toBe('2019H2');
  });
});

describe('JSON-stat', () => {
  const header: JsonStatHeader = {
    version: '2.0',
    class: 'dataset',
    id: ['indicator', 'unit', 'geo', 'time'],
    size: [2, 1, 2, 2],
    role: { geo: ['geo'], time: ['time'] },
    dimension: {
      indicator: { category: { index: { S1: 0, S3: 1 } } },
      unit: { category: { label: { pct: '%' } } },
      geo: { category: { index: ['01', '02'] } },
      time: { category: { index: ['2018', '2019'] } },
    },
  };

  it('maps observation numbers to coordinates in row-major order', () => {
    const r = jsonStatCube(header);
    if (!r.ok) throw new Error(r.message);
    expect(r.cube.total).toBe(8);
    expect(r.cube.coordinates(0)).toEqual({ indicator: 'S1', area: '01', period: '2018' });
    expect(r.cube.coordinates(3)).toEqual({ indicator: 'S1', area: '02', period: '2019' });
    expect(r.cube.coordinates(6)).toEqual({ indicator: 'S3', area: '02', period: '2018' });
  });

  it('rejects cubes it cannot map', () => {
    expect(
      jsonStatCube({
        ...header,
        size: [2, 2, 2, 2],
        dimension: { ...header.dimension, unit: { category: { index: ['a', 'b'] } } },
      }),
    ).toEqual({
      ok: false,
      message:
        'dimension "unit" has 2 categories (a, b): fix it to one (unit=a) or map it to area, period or indicator',
    });
    expect(
      jsonStatCube({
        ...header,
        id: ['indicator', 'unit', 'x', 'time'],
        dimension: { ...header.dimension, x: header.dimension['geo'] },
        role: {},
      }),
    ).toEqual({
      ok: false,
      message:
        'the dataset has no area (role geo) dimension; map them (dimensions: indicator, unit, x, time)',
    });
    expect(jsonStatCube({ ...header, size: [3, 1, 2, 2] }).ok).toBe(false);
  });

  it('builds a dataset whose cube reads back the same observations', () => {
    const built = buildJsonStat(
      {
        indicators: [{ code: 'S1', label: 'Arbeitslose' }],
        areas: [
          { code: '01', label: 'Mitte' },
          { code: '02', label: 'F-K' },
        ],
        periods: ['2018', '2019'],
      },
      [
        { indicator: 'S1', area: '02', period: '2019', status: 'value', value: 4.5 },
        { indicator: 'S1', area: '01', period: '2018', status: 'suppressed', value: null },
      ],
      'test',
    ) as unknown as JsonStatHeader & { value: Record<string, number | null>; status: Record<string, string> };
    expect(built.value).toEqual({ 3: 4.5, 0: null });
    expect(built.status).toEqual({ 0: 'c' });
    const r = jsonStatCube(built);
    if (!r.ok) throw new Error(r.message);
    expect(r.cube.coordinates(3)).toEqual({ indicator: 'S1', area: '02', period: '2019' });
    expect(jsonStatStatus('c')).toBe('suppressed');
    expect(jsonStatStatus('..')).toBe('missing');
    expect(jsonStatStatus('e')).toBeUndefined();
  });
});
