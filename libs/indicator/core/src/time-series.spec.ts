import { requireReferenceData } from '@quartier/reference-data';
import { BERLIN_MSS_FILES, loadBerlinMss } from '../fixtures/berlin-mss';
import { IndicatorError } from './indicator-error';
import {
  alignToCalendar,
  changeOverPeriods,
  qualityFlags,
  rankAmongPeers,
  robustScale,
  type QualityFlag,
} from './time-series';

describe('changeOverPeriods', () => {
  const series = [
    { period: '2016', value: 10 },
    { period: '2017', value: 12 },
    { period: '2018', value: 9 },
    { period: '2019', value: null },
    { period: '2020', value: 6 },
  ];

  it('computes the absolute change over n periods (percentage points for shares)', () => {
    expect(changeOverPeriods(series, 2)).toEqual([
      { period: '2016', change: null },
      { period: '2017', change: null },
      { period: '2018', base: '2016', change: -1 },
      { period: '2019', base: '2017', change: null },
      { period: '2020', base: '2018', change: -3 },
    ]);
  });

  it('computes relative change in percent and leaves a zero base missing', () => {
    expect(
      changeOverPeriods(
        [
          { period: '1', value: 8 },
          { period: '2', value: 10 },
        ],
        1,
        { relative: true },
      )[1],
    ).toEqual({ period: '2', base: '1', change: 25 });
    expect(
      changeOverPeriods(
        [
          { period: '1', value: 0 },
          { period: '2', value: 10 },
        ],
        1,
        { relative: true },
      )[1].change,
    ).toBeNull();
  });

  it('counts calendar periods, not observations, when the series lacks a period', () => {
    const sparse = [
      { period: '2016', value: 10 },
      { period: '2018', value: 9 },
    ];
    expect(changeOverPeriods(sparse, 1, { calendar: ['2016', '2017', '2018'] }).map((c) => c.change)).toEqual(
      [null, null, null],
    );
    expect(changeOverPeriods(sparse, 2, { calendar: ['2016', '2017', '2018'] })[2]).toEqual({
      period: '2018',
      base: '2016',
      change: -1,
    });
  });

  it('rejects unordered or duplicate periods and bad period counts', () => {
    expect(() =>
      changeOverPeriods(
        [
          { period: '2018', value: 1 },
          { period: '2017', value: 1 },
        ],
        1,
      ),
    ).toThrow(
      new IndicatorError('InvalidTimeSeries', 'periods must be strictly increasing: "2017" follows "2018"'),
    );
    expect(() => changeOverPeriods(series, 0)).toThrow(
      'the number of periods must be a positive integer, got 0',
    );
    expect(() => alignToCalendar([{ period: '2015', value: 1 }], ['2016'])).toThrow(
      'period "2015" is not in the calendar',
    );
    expect(() =>
      alignToCalendar(
        [
          { period: '2016', value: 1 },
          { period: '2016', value: 2 },
        ],
        ['2016'],
      ),
    ).toThrow('period "2016" occurs more than once');
  });

  // The published dynamics D1/D3 are the two-year change of S1/S3. Between the 2013 and 2015
  // editions (and for S3 between 2017 and 2019) the definitions did not change, so the change
  // of the published S values must equal the published D values.
  // Third-party data from the reference folder: reported as not run without it.
  const withMss = requireReferenceData(BERLIN_MSS_FILES, 4) ? it : it.skip;
  withMss.each([
    [2013, 2015, 'S1', 'D1', 434],
    [2013, 2015, 'S3', 'D3', 434],
    [2017, 2019, 'S3', 'D3', 436],
    [2017, 2019, 'S4', 'D4', 436],
  ] as const)(
    'Berlin %i→%i: change of %s equals the published %s (%i areas with values in both)',
    (from, to, status, dynamics, areas) => {
      const before = new Map(loadBerlinMss(from).areas.map((a) => [a.area, a.values[status] ?? null]));
      let compared = 0;
      for (const area of loadBerlinMss(to).areas) {
        const [change] = changeOverPeriods(
          [
            { period: String(from), value: before.get(area.area) ?? null },
            { period: String(to), value: area.values[status] ?? null },
          ],
          1,
        ).slice(1);
        const published = area.values[dynamics];
        if (change.change === null || published === null || published === undefined) continue;
        expect(change.change).toBeCloseTo(published, 4);
        compared++;
      }
      expect(compared).toBe(areas);
    },
  );
});

describe('rankAmongPeers', () => {
  const values = [
    { area: 'a', value: 5 },
    { area: 'b', value: 9 },
    { area: 'c', value: null },
    { area: 'd', value: 5 },
    { area: 'e', value: 1 },
  ];
  it('ranks the highest value first, ties share the best rank, missing values are not ranked', () => {
    expect(rankAmongPeers(values)).toEqual([
      { area: 'a', rank: 2, of: 4 },
      { area: 'b', rank: 1, of: 4 },
      { area: 'c', rank: null, of: 4 },
      { area: 'd', rank: 2, of: 4 },
      { area: 'e', rank: 4, of: 4 },
    ]);
  });
  it('supports ascending order and average ranks for ties', () => {
    expect(rankAmongPeers(values, { order: 'ascending', ties: 'average' }).map((r) => r.rank)).toEqual([
      2.5,
      4,
      null,
      2.5,
      1,
    ]);
  });
});

describe('robustScale', () => {
  it('uses 1.4826 × MAD, and the mean absolute deviation when the MAD is 0', () => {
    expect(robustScale([1, 2, 3, 4, 100])).toEqual({ median: 3, sd: 1.4826 });
    // median 5, |deviations| 0,0,0,0,10 → MAD 0 → 1.253314 × 2
    expect(robustScale([5, 5, 5, 5, 15]).sd).toBeCloseTo(2.506628, 6);
    expect(robustScale([7, 7, 7]).sd).toBe(0);
  });
});

describe('qualityFlags', () => {
  const calendar = ['2015', '2016', '2017', '2018', '2019', '2020'];
  const steady = (area: string, base: number) => ({
    area,
    points: calendar.map((period, i) => ({ period, value: base + (i % 2) * 0.5 })),
  });

  it('flags a jump against the area’s own history with its robust z', () => {
    const jumpy = {
      area: 'x',
      points: calendar.map((period, i) => ({ period, value: i === 5 ? 30 : 10 + (i % 2) })),
    };
    const flags = qualityFlags([jumpy], calendar);
    // history 10, 11, 10, 11, 10 → median 10, MAD 0 → sd = 1.253314 × mean(0,1,0,1,0) = 0.5013
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      code: 'outlier-history',
      area: 'x',
      period: '2020',
      value: 30,
      median: 10,
    });
    expect((flags[0] as Extract<QualityFlag, { robustZ: number }>).robustZ).toBeCloseTo(
      20 / (1.253314 * 0.4),
      6,
    );
  });

  it('flags an area far from its peers in the same period, not the peers', () => {
    const series = ['a', 'b', 'c', 'd', 'e', 'f'].map((area, i) => steady(area, 10 + i * 0.2));
    series.push({ area: 'g', points: calendar.map((period) => ({ period, value: 40 })) });
    const flags = qualityFlags(series, calendar);
    expect(flags.every((f) => f.code === 'outlier-peers' && f.area === 'g')).toBe(true);
    expect(flags).toHaveLength(6);
  });

  it('flags implausible values and gaps, and keeps checking the other values', () => {
    const flags = qualityFlags(
      [
        {
          area: 'a',
          points: [
            { period: '2015', value: 12 },
            { period: '2016', value: 104 },
            { period: '2018', value: null },
            { period: '2019', value: -1 },
          ],
        },
      ],
      calendar,
      { plausible: { min: 0, max: 100 } },
    );
    expect(flags).toEqual([
      { code: 'implausible', area: 'a', period: '2016', value: 104, min: 0, max: 100 },
      { code: 'gap', area: 'a', period: '2017' },
      { code: 'gap', area: 'a', period: '2018' },
      { code: 'implausible', area: 'a', period: '2019', value: -1, min: 0, max: 100 },
      { code: 'gap', area: 'a', period: '2020' },
    ]);
  });

  it('does not judge outliers with too little history or too few peers, or without spread', () => {
    const short = {
      area: 'a',
      points: [
        { period: '2015', value: 1 },
        { period: '2016', value: 1000 },
      ],
    };
    expect(qualityFlags([short], ['2015', '2016'])).toEqual([]);
    const flat = { area: 'b', points: calendar.map((period, i) => ({ period, value: i === 5 ? 9 : 3 })) };
    expect(qualityFlags([flat], calendar)).toEqual([]);
    expect(qualityFlags([flat], calendar, { minHistory: 10 })).toEqual([]);
  });

  it('rejects the same area twice', () => {
    expect(() => qualityFlags([steady('a', 1), steady('a', 2)], calendar)).toThrow(
      'an area occurs more than once',
    );
  });
});
