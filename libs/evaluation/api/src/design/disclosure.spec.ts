import type { BeforeAfterResult, EvaluationNumbers } from '@quartier/evaluation-core';
import { withholdSmallCounts } from './disclosure';

const aggregate = (numerator: number, denominator: number) => ({
  value: (100 * numerator) / denominator,
  method: 'ratio-of-sums' as const,
  numerator,
  denominator,
  contributing: 1,
  missing: [],
  suppressed: [],
});

function numbers(before: number, after: number, reference = 500): EvaluationNumbers {
  const series = (b: number, a: number, label: string) => ({
    label,
    areas: ['A'],
    series: [
      { period: '2014', phase: 'before' as const, ...aggregate(b, 1000) },
      { period: '2016', phase: 'after' as const, ...aggregate(a, 1000) },
    ],
    before: aggregate(b, 1000),
    after: aggregate(a, 1000),
    change: (100 * (a - b)) / 1000,
  });
  const beforeAfter: BeforeAfterResult = {
    indicator: 'U',
    programme: series(before, after, 'programme areas'),
    reference: series(reference, reference + 10, 'city'),
    differenceOfChanges: (100 * (after - before)) / 1000 - 1,
  };
  return {
    snapshotHash: 'h',
    matching: null,
    comparison: [],
    balance: null,
    outcomes: [{ indicator: 'U', beforeAfter, did: beforeAfter as never, eventStudy: beforeAfter as never }],
    survey: [],
    network: [],
  };
}

describe('withholdSmallCounts', () => {
  it('withholds aggregates below the minimum numerator, their counts and every change built on them', () => {
    const shown = withholdSmallCounts(numbers(2, 40), new Map([['U', 3]]));
    const ba = shown.outcomes[0].beforeAfter as BeforeAfterResult;
    expect(ba.programme.before).toEqual({
      value: null,
      method: 'ratio-of-sums',
      contributing: 1,
      missing: [],
      suppressed: [],
      withheld: true,
    });
    expect(ba.programme.series[0]).toMatchObject({ period: '2014', value: null, withheld: true });
    expect(ba.programme.series[1]).toMatchObject({ period: '2016', value: 4, numerator: 40 });
    expect(ba.programme.after).toMatchObject({ value: 4, numerator: 40 });
    expect(ba.programme.change).toBeNull();
    expect(ba.differenceOfChanges).toBeNull();
    expect(ba.reference?.change).toBe(1);
  });

  it('leaves everything at or above the minimum, indicators without one, and mean aggregates alone', () => {
    const input = numbers(3, 40);
    expect(withholdSmallCounts(input, new Map([['U', 3]]))).toEqual(input);
    const small = numbers(1, 2);
    expect(withholdSmallCounts(small, new Map([['U', 0]]))).toEqual(small);
    expect(withholdSmallCounts(small, new Map())).toEqual(small);
  });
});
