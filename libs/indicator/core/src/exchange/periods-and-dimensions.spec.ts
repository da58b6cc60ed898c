import { comparePeriods, periodDays, periodStart } from '@quartier/contracts';
import { dhis2Observation, dhis2SetDefaults } from './dhis2';
import { formatDimensionMapping, parseDimensionMapping } from './dimension-map';
import { jsonStatCube, jsonStatDataset } from './json-stat';
import { checkObservation } from './observation';
import { formatPeriod, normalisePeriod, periodFits } from './period';
import { SdmxRowGate } from './sdmx-layout';
import { detectTabularLayout } from './tabular-layout';

describe('DHIS2 periods', () => {
  it.each([
    ['20120115', '2012-01-15'],
    ['201201', '2012-01'],
    ['2012Q1', '2012Q1'],
    ['2012S2', '2012H2'],
    ['2012', '2012'],
    ['2012W5', '2012-W05'],
    ['2015W53', '2015-W53'],
    ['201203B', '2012-05-01/P2M'],
    ['2012WedW1', '2012-01-04/P1W'],
    ['2012SunW1', '2012-01-01/P1W'],
    ['2012BiW1', '2012-01-02/P2W'],
    ['2012AprilS1', '2012-04-01/P6M'],
    ['2012AprilS2', '2012-10-01/P6M'],
    ['2012NovS1', '2011-11-01/P6M'],
    ['2012NovQ1', '2011-11-01/P3M'],
    ['2012April', '2012-04-01/P1Y'],
    ['2012July', '2012-07-01/P1Y'],
    ['2012Oct', '2012-10-01/P1Y'],
  ])('%s → %s and back', (dhis2, canonical) => {
    expect(normalisePeriod(dhis2, 'dhis2')).toBe(canonical);
    expect(normalisePeriod(formatPeriod(canonical, 'dhis2'), 'dhis2')).toBe(canonical);
  });

  it('refuses what is no period', () => {
    for (const text of ['201213', '2012W54', '2014W53', '201207B', '2012Q5', '2012Jan', '2012-1'])
      expect(normalisePeriod(text, 'dhis2')).toBeNull();
  });
});

describe('period kinds', () => {
  it('reads SDMX and PxWeb months and weeks', () => {
    expect(normalisePeriod('2012-M03', 'sdmx')).toBe('2012-03');
    expect(normalisePeriod('2012-W05', 'sdmx')).toBe('2012-W05');
    expect(normalisePeriod('1990M01', 'jsonstat')).toBe('1990-01');
    expect(normalisePeriod('2020K3', 'jsonstat')).toBe('2020Q3');
    expect(formatPeriod('2012-03', 'sdmx')).toBe('2012-03');
  });

  it('knows where each period starts, how long it is, and orders the long before the short', () => {
    expect(periodStart('2012-W01')).toBe('2012-01-02');
    expect(periodStart('2012-03')).toBe('2012-03-01');
    expect(periodDays('2012-04-01/P1Y')).toBe(365);
    expect(periodDays('2012-02')).toBe(29);
    expect(
      ['2012-01', '2012-01-01', '2012Q1', '2012', '2012H1', '2011-12-28/P1W'].sort(comparePeriods),
    ).toEqual(['2011-12-28/P1W', '2012', '2012H1', '2012Q1', '2012-01', '2012-01-01']);
  });

  it("lets an indicator's periodicity decide which periods it takes", () => {
    expect(periodFits('year', '2012')).toBe(true);
    // Yearly series have always taken their halves and quarters (a mixed series).
    expect(periodFits('year', '2012H2')).toBe(true);
    expect(periodFits('year', '2012-04-01/P1Y')).toBe(false);
    expect(periodFits('quarter', '2012-03')).toBe(false);
    expect(periodFits('reference-date', '2012-12-31')).toBe(true);
    expect(periodFits('irregular', '2012-W05')).toBe(true);
    expect(periodFits('irregular', '2012-04-01/P1Y')).toBe(true);
    // Monthly and weekly indicators take their own periods only, also in DHIS2's spellings.
    expect(periodFits('month', normalisePeriod('201201', 'dhis2')!)).toBe(true);
    expect(periodFits('month', '2012')).toBe(false);
    expect(periodFits('month', '2012Q1')).toBe(false);
    expect(periodFits('month', '2012-W05')).toBe(false);
    expect(periodFits('week', normalisePeriod('2012W5', 'dhis2')!)).toBe(true);
    expect(periodFits('week', normalisePeriod('2012WedW5', 'dhis2')!)).toBe(true);
    expect(periodFits('week', normalisePeriod('2012BiW1', 'dhis2')!)).toBe(false);
    expect(periodFits('week', '2012-01')).toBe(false);
    expect(periodFits('quarter', normalisePeriod('2012Q1', 'dhis2')!)).toBe(true);
    expect(periodFits('month', 'nonsense')).toBe(false);
    const lookups = { area: (c: string) => c, indicator: () => ({ scale: 1, periodicity: 'year' as const }) };
    const raw = { line: 4, column: 'value', area: 'A', indicator: 'S1', period: '201201', value: '3' };
    expect(checkObservation(raw, lookups, { dialect: 'dhis2' })).toEqual({
      ok: false,
      errors: [
        {
          line: 4,
          column: 'period',
          reason: 'bad-period',
          message: '"201201" is a month, but indicator "S1" has the periodicity year',
          value: '201201',
        },
      ],
    });
    const monthly = {
      area: (c: string) => c,
      indicator: () => ({ scale: 1, periodicity: 'month' as const }),
    };
    expect(checkObservation(raw, monthly, { dialect: 'dhis2' })).toMatchObject({
      ok: true,
      observation: { period: '2012-01' },
    });
    expect(checkObservation({ ...raw, period: '2012W5' }, monthly, { dialect: 'dhis2' })).toMatchObject({
      ok: false,
      errors: [{ line: 4, message: '"2012W5" is a week, but indicator "S1" has the periodicity month' }],
    });
  });
});

describe('dimension mapping', () => {
  it('parses roles and fixed values, and names every problem', () => {
    const parsed = parseDimensionMapping('geo=area, time=Period ,sex=T,age=Y15-64');
    expect(parsed).toEqual({
      ok: true,
      mapping: { roles: { area: 'geo', period: 'time' }, fixed: { sex: 'T', age: 'Y15-64' } },
    });
    if (parsed.ok)
      expect(formatDimensionMapping(parsed.mapping)).toBe('geo=area,time=period,sex=T,age=Y15-64');
    expect(parseDimensionMapping('a=area,b=area,c,a=x')).toEqual({
      ok: false,
      message:
        'area is mapped twice ("a" and "b"); "c" is not dimension=role or dimension=value; dimension "a" is mapped twice',
    });
  });

  it('SDMX-CSV: mapped columns, fixed dimensions left out, a changing unmapped dimension refused per row', () => {
    const mapping = { roles: { area: 'geo', indicator: 'item' }, fixed: { unit: 'EUR' } };
    const detected = detectTabularLayout(
      ['DATAFLOW', 'LAST UPDATE', 'freq', 'unit', 'item', 'geo', 'TIME_PERIOD', 'OBS_VALUE'],
      true,
      mapping,
    );
    if (!detected.ok || detected.layout.kind !== 'sdmx') throw new Error('expected an SDMX layout');
    expect(detected.layout.free).toEqual([2]);
    const gate = new SdmxRowGate(detected.layout, detected.header);
    const row = (freq: string, unit: string) => ['X', '1/1/25', freq, unit, 'CA', 'DE', '2020-Q1', '1'];
    expect(gate.check(2, row('Q', 'EUR'))).toBe('keep');
    expect(gate.check(3, row('Q', 'USD'))).toBe('skip');
    expect(gate.check(4, row('A', 'EUR'))).toMatchObject({
      line: 4,
      column: 'FREQ',
      message:
        'dimension FREQ is "A" here but "Q" in line 2: map it (FREQ=area, period or indicator) or read one value only (FREQ=Q)',
    });
    expect(
      detectTabularLayout(['DATAFLOW', 'geo', 'TIME_PERIOD', 'OBS_VALUE'], true, {
        roles: { area: 'nuts' },
        fixed: {},
      }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('the mapping names "nuts"'),
    });
  });

  it('JSON-stat 1.x bundles and fixed categories', () => {
    const bundle = {
      dataset: {
        label: 'x',
        dimension: {
          id: ['region', 'sex', 'time', 'contents'],
          size: ['2', '2', '1', '1'],
          role: { time: ['time'], metric: ['contents'] },
          region: { category: { index: { A: 0, B: 1 } } },
          sex: { category: { index: ['M', 'F'] } },
          time: { category: { index: ['2020'] } },
          contents: { category: { label: { pop: 'Population' } } },
        },
        value: [1, 2, 3, 4],
      },
    };
    const dataset = jsonStatDataset(bundle);
    if ('message' in dataset) throw new Error(dataset.message);
    expect(dataset.valuePath).toBe('dataset.value');
    expect(jsonStatCube(dataset.header)).toMatchObject({
      ok: false,
      message: expect.stringContaining('no area (role geo)'),
    });
    const cube = jsonStatCube(dataset.header, { roles: { area: 'region' }, fixed: { sex: 'F' } });
    if (!cube.ok) throw new Error(cube.message);
    expect([0, 1, 2, 3].map((n) => cube.cube.coordinates(n))).toEqual([
      null,
      { area: 'A', period: '2020', indicator: 'pop' },
      null,
      { area: 'B', period: '2020', indicator: 'pop' },
    ]);
    expect(jsonStatDataset({ a: bundle.dataset, b: bundle.dataset })).toEqual({
      message: 'the JSON-stat 1.x bundle holds 2 datasets (a, b): send one',
    });
  });
});

describe('DHIS2 data value sets', () => {
  it('inherits period and orgUnit from the set where a value has none, its own otherwise', () => {
    const defaults = dhis2SetDefaults({ dataSet: 'ds', period: '201401', orgUnit: 'OU1', dataValues: [] });
    expect(defaults).toEqual({ dataSet: 'ds', period: '201401', orgUnit: 'OU1' });
    expect(dhis2Observation({ dataElement: 'de', value: '1' }, 0, defaults)).toEqual({
      line: 1,
      column: 'dataValues[0].value',
      area: 'OU1',
      period: '201401',
      indicator: 'de',
      value: '1',
    });
    expect(
      dhis2Observation({ dataElement: 'de', period: '2014Q1', orgUnit: 'OU2', value: 2 }, 1, defaults),
    ).toMatchObject({
      area: 'OU2',
      period: '2014Q1',
      value: 2,
    });
    expect(dhis2Observation([1], 2, defaults)).toEqual({
      line: 3,
      column: 'dataValues[2]',
      reason: 'malformed',
      message: 'a data value is an object',
    });
  });
});
