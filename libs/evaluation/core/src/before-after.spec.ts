import { beforeAfter, type BeforeAfterInput, type CountedValue } from './before-after';
import { EvaluationError } from './evaluation-error';

const v = (area: string, period: string, numerator: number, denominator: number): CountedValue => ({
  area,
  indicator: 'U',
  period,
  value: (100 * numerator) / denominator,
  numerator,
  denominator,
});

const VALUES: CountedValue[] = [
  v('P1', '2015', 10, 100),
  v('P2', '2015', 30, 200),
  v('P1', '2019', 8, 100),
  v('P2', '2019', 20, 200),
  v('R1', '2015', 5, 100),
  v('R1', '2019', 5, 100),
  v('R2', '2015', 10, 200),
  v('R2', '2019', 8, 200),
  { area: 'P1', indicator: 'OTHER', period: '2015', value: 99 },
];

const input = (overrides: Partial<BeforeAfterInput> = {}): BeforeAfterInput => ({
  indicator: 'U',
  values: VALUES,
  areas: ['P1', 'P2'],
  reference: { label: 'Musterstadt', areas: ['P1', 'P2', 'R1', 'R2'] },
  before: ['2015'],
  after: ['2019'],
  scale: 100,
  ...overrides,
});

describe('beforeAfter', () => {
  it('aggregates as a ratio of sums, not a mean of rates, with the city as reference', () => {
    const result = beforeAfter(input());
    // 2015: (10 + 30) / (100 + 200) = 13.33 % (the mean of the rates would be 12.5 %).
    expect(result.programme.before).toEqual({
      value: expect.closeTo(40 / 3, 12),
      method: 'ratio-of-sums',
      numerator: 40,
      denominator: 300,
      contributing: 2,
      missing: [],
      suppressed: [],
    });
    expect(result.programme.after.value).toBeCloseTo(28 / 3, 12);
    expect(result.programme.change).toBeCloseTo(-4, 12);
    // City: 55/600 → 41/600.
    expect(result.reference!.label).toBe('Musterstadt');
    expect(result.reference!.before.value).toBeCloseTo(55 / 6, 12);
    expect(result.reference!.change).toBeCloseTo(-14 / 6, 12);
    expect(result.differenceOfChanges).toBeCloseTo(-4 + 14 / 6, 12);
    expect(result.programme.series.map((p) => [p.period, p.phase])).toEqual([
      ['2015', 'before'],
      ['2019', 'after'],
    ]);
  });

  it('pools several before periods into one ratio of sums over areas and periods', () => {
    const result = beforeAfter(
      input({
        values: [...VALUES, v('P1', '2013', 20, 100), v('P2', '2013', 40, 200)],
        before: ['2013', '2015'],
      }),
    );
    expect(result.programme.before.value).toBeCloseTo((100 * 100) / 600, 12);
    expect(result.programme.series.map((p) => p.period)).toEqual(['2013', '2015', '2019']);
  });

  it('falls back to the plain mean, flagged, when a value lacks its counts', () => {
    const values = VALUES.map((value) =>
      value.area === 'P2' && value.period === '2019'
        ? { ...value, numerator: null, denominator: null }
        : value,
    );
    const result = beforeAfter(input({ values }));
    expect(result.programme.after).toMatchObject({ method: 'mean', value: (8 + 10) / 2, contributing: 2 });
    expect(result.programme.after.numerator).toBeUndefined();
    expect(result.programme.before.method).toBe('ratio-of-sums');
  });

  it('keeps suppressed and missing areas apart and aggregates the rest', () => {
    const values = [
      ...VALUES.filter((x) => !(x.area === 'P2' && x.period === '2019')),
      { area: 'P2', indicator: 'U', period: '2019', value: null, status: 'suppressed' as const },
    ];
    const result = beforeAfter(input({ values, areas: ['P1', 'P2', 'P3'], reference: undefined }));
    expect(result.programme.after).toMatchObject({
      value: 8,
      contributing: 1,
      missing: ['P3'],
      suppressed: ['P2'],
    });
    expect(result.reference).toBeNull();
    expect(result.differenceOfChanges).toBeNull();
  });

  it('gives no value when no area has one, or the denominators sum to 0', () => {
    const none = beforeAfter(input({ areas: ['P9'], reference: undefined }));
    expect(none.programme.before).toMatchObject({ value: null, contributing: 0, missing: ['P9'] });
    expect(none.programme.change).toBeNull();
    const zero = beforeAfter(
      input({
        values: [v('P1', '2015', 0, 1), v('P1', '2019', 0, 1)].map((x) => ({ ...x, denominator: 0 })),
        reference: undefined,
      }),
    );
    expect(zero.programme.before.value).toBeNull();
  });

  it('rejects a bad scale, overlapping periods, no areas and two values for one cell', () => {
    expect(() => beforeAfter(input({ scale: 0 }))).toThrow(EvaluationError);
    expect(() => beforeAfter(input({ after: ['2015'] }))).toThrow('period "2015" is both before and after');
    expect(() => beforeAfter(input({ areas: [] }))).toThrow('at least one programme area is needed');
    expect(() => beforeAfter(input({ values: [...VALUES, v('P1', '2015', 1, 1)] }))).toThrow(
      'indicator "U" has two values for area "P1" in period "2015"',
    );
  });

  it('lists the points of a series of mixed period kinds by date', () => {
    const mixed = ['2023H1', '2023-12-31', '2024H1', '2024-12-31'].flatMap((period, i) => [
      v('P1', period, 10 + i, 100),
      v('P2', period, 20 + i, 200),
    ]);
    const result = beforeAfter(
      input({
        values: mixed,
        reference: undefined,
        before: ['2023-12-31', '2023H1'],
        after: ['2024-12-31', '2024H1'],
      }),
    );
    expect(result.programme.series.map((p) => [p.period, p.phase])).toEqual([
      ['2023H1', 'before'],
      ['2023-12-31', 'before'],
      ['2024H1', 'after'],
      ['2024-12-31', 'after'],
    ]);
    // A start in 2024H2: the year 2024 is after, though it begins before 2024H1 ends.
    const year = beforeAfter(
      input({ values: mixed, reference: undefined, before: ['2023-12-31', '2024H1'], after: ['2024'] }),
    );
    expect(year.programme.series.map((p) => p.period)).toEqual(['2023-12-31', '2024H1', '2024']);
    expect(() => beforeAfter(input({ before: ['vorher'] }))).toThrow('before: "vorher" is not a period');
  });
});
