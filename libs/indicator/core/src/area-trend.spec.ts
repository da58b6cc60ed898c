import { areaTrend, type TrendPoint } from './area-trend';

const v = (period: string, value: number, approximate = false): TrendPoint => ({
  period,
  status: 'value',
  value,
  approximate,
});

describe('areaTrend', () => {
  it('reads a falling unemployment rate as better and a falling share of volunteers as worse', () => {
    const series = [v('2016', 9.5), v('2018', 8.25)];
    expect(areaTrend(series, 'higher-is-worse')).toEqual({
      latest: { period: '2018', value: 8.25, approximate: false },
      previous: { period: '2016', value: 9.5 },
      change: -1.25,
      direction: 'better',
    });
    expect(areaTrend(series, 'higher-is-better').direction).toBe('worse');
    expect(areaTrend(series, 'neutral').direction).toBe('down');
    expect(areaTrend([v('2016', 1), v('2018', 2)], 'neutral').direction).toBe('up');
  });

  it('skips suppressed and missing periods instead of reading them as 0', () => {
    const series: TrendPoint[] = [
      v('2014', 4),
      { period: '2016', status: 'suppressed', value: null },
      v('2018', 5, true),
      { period: '2020', status: 'missing', value: null },
    ];
    expect(areaTrend(series, 'higher-is-worse')).toEqual({
      latest: { period: '2018', value: 5, approximate: true },
      previous: { period: '2014', value: 4 },
      change: 1,
      direction: 'worse',
    });
  });

  it('calls rounding noise unchanged and has no trend from one value or none', () => {
    expect(areaTrend([v('2016', 3.2), v('2018', 3.2 + 1e-12)], 'higher-is-worse').direction).toBe(
      'unchanged',
    );
    expect(areaTrend([v('2018', 3)], 'higher-is-worse')).toEqual({
      latest: { period: '2018', value: 3, approximate: false },
      previous: null,
      change: null,
      direction: null,
    });
    expect(areaTrend([{ period: '2018', status: 'missing', value: null }], 'neutral')).toEqual({
      latest: null,
      previous: null,
      change: null,
      direction: null,
    });
  });
});
