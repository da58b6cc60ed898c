import { IndicatorError } from './indicator-error';
import { suppressForPublication, type PublishedCell } from './suppression';

const statusOf = (cells: PublishedCell[]) =>
  Object.fromEntries(
    cells.map((c) => [c.area, c.status === 'suppressed' ? `suppressed:${c.reason}` : c.status]),
  );

describe('primary suppression', () => {
  const hierarchy = new Map<string, string>();
  it('suppresses numerators below the minimum and denominators below theirs, publishes the rest with the scaled rate', () => {
    const cells = suppressForPublication(
      [
        { area: 'a', numerator: 2, denominator: 100 },
        { area: 'b', numerator: 3, denominator: 100 },
        { area: 'c', numerator: 40, denominator: 20 },
        { area: 'd', numerator: 5, denominator: 50 },
      ],
      hierarchy,
      { minNumerator: 3, minDenominator: 50, scale: 100 },
    );
    expect(cells).toEqual([
      { area: 'a', status: 'suppressed', reason: 'primary-numerator' },
      { area: 'b', status: 'reported', value: 3, numerator: 3, denominator: 100 },
      { area: 'c', status: 'suppressed', reason: 'primary-denominator' },
      { area: 'd', status: 'reported', value: 10, numerator: 5, denominator: 50 },
    ]);
  });

  it('keeps zero, missing and suppressed distinct', () => {
    const input = [
      { area: 'zero', numerator: 0, denominator: 500 },
      { area: 'no-data', numerator: null, denominator: 500 },
      { area: 'no-denominator', numerator: 4, denominator: null },
      { area: 'empty', numerator: 0, denominator: 0 },
      { area: 'small', numerator: 1, denominator: 500 },
    ];
    expect(suppressForPublication(input, hierarchy, { minNumerator: 3, publishZeros: true })).toEqual([
      { area: 'zero', status: 'zero', value: 0, numerator: 0, denominator: 500 },
      { area: 'no-data', status: 'missing', reason: 'no-data' },
      { area: 'no-denominator', status: 'missing', reason: 'no-data' },
      { area: 'empty', status: 'missing', reason: 'zero-denominator' },
      { area: 'small', status: 'suppressed', reason: 'primary-numerator' },
    ]);
    // Without publishZeros a 0 is below the minimum like any small count.
    expect(statusOf(suppressForPublication(input, hierarchy, { minNumerator: 3 }))['zero']).toBe(
      'suppressed:primary-numerator',
    );
    // With no numerator threshold a zero is published as zero, not as a reported rate.
    expect(suppressForPublication(input.slice(0, 1), hierarchy, { minNumerator: 0 })[0].status).toBe('zero');
  });

  it('rejects negative counts and duplicate areas', () => {
    expect(() =>
      suppressForPublication([{ area: 'a', numerator: -1, denominator: 5 }], hierarchy, { minNumerator: 3 }),
    ).toThrow(new IndicatorError('InvalidInput', 'area "a": counts must not be negative'));
    const a = { area: 'a', numerator: 1, denominator: 5 };
    expect(() => suppressForPublication([a, a], hierarchy, { minNumerator: 3 })).toThrow(
      'area "a" occurs more than once',
    );
  });
});

describe('secondary suppression', () => {
  const region = new Map([
    ['p1', 'R'],
    ['p2', 'R'],
    ['p3', 'R'],
    ['p4', 'R'],
  ]);

  it('suppresses the next smallest sibling when exactly one child of a published parent is suppressed', () => {
    const cells = suppressForPublication(
      [
        { area: 'R', numerator: 57, denominator: 1000 },
        { area: 'p1', numerator: 2, denominator: 100 },
        { area: 'p2', numerator: 10, denominator: 300 },
        { area: 'p3', numerator: 5, denominator: 200 },
        { area: 'p4', numerator: 40, denominator: 400 },
      ],
      region,
      { minNumerator: 3 },
    );
    // Without p3 also hidden: p1 = 57 − 10 − 5 − 40 = 2.
    expect(statusOf(cells)).toEqual({
      R: 'reported',
      p1: 'suppressed:primary-numerator',
      p2: 'reported',
      p3: 'suppressed:secondary',
      p4: 'reported',
    });
  });

  it('adds nothing when two children are already suppressed', () => {
    const cells = suppressForPublication(
      [
        { area: 'R', numerator: 53, denominator: 1000 },
        { area: 'p1', numerator: 2, denominator: 100 },
        { area: 'p2', numerator: 1, denominator: 300 },
        { area: 'p3', numerator: 10, denominator: 200 },
        { area: 'p4', numerator: 40, denominator: 400 },
      ],
      region,
      { minNumerator: 3 },
    );
    expect(statusOf(cells)).toEqual({
      R: 'reported',
      p1: 'suppressed:primary-numerator',
      p2: 'suppressed:primary-numerator',
      p3: 'reported',
      p4: 'reported',
    });
  });

  it('breaks ties by denominator, then by area id', () => {
    const cells = suppressForPublication(
      [
        { area: 'R', numerator: 22, denominator: 1000 },
        { area: 'p1', numerator: 1, denominator: 100 },
        { area: 'p4', numerator: 7, denominator: 300 },
        { area: 'p3', numerator: 7, denominator: 300 },
        { area: 'p2', numerator: 7, denominator: 500 },
      ],
      region,
      { minNumerator: 3 },
    );
    expect(statusOf(cells)).toMatchObject({ p3: 'suppressed:secondary', p4: 'reported', p2: 'reported' });
  });

  it('suppresses the parent when the suppressed child has no published sibling left', () => {
    const cells = suppressForPublication(
      [
        { area: 'R', numerator: 30, denominator: 400 },
        { area: 'p1', numerator: 2, denominator: 100 },
        { area: 'p2', numerator: null, denominator: null },
      ],
      region,
      { minNumerator: 3 },
    );
    expect(statusOf(cells)).toEqual({
      R: 'suppressed:secondary',
      p1: 'suppressed:primary-numerator',
      p2: 'missing',
    });
  });

  it('does nothing when the parent is not published at all', () => {
    const cells = suppressForPublication(
      [
        { area: 'p1', numerator: 2, denominator: 100 },
        { area: 'p2', numerator: 10, denominator: 300 },
      ],
      region,
      { minNumerator: 3 },
    );
    expect(statusOf(cells)).toEqual({ p1: 'suppressed:primary-numerator', p2: 'reported' });
  });

  it('cascades across levels: a district hidden to protect its sibling must not be recoverable from its own children', () => {
    const hierarchy = new Map([
      ['D1', 'C'],
      ['D2', 'C'],
      ['p1', 'D1'],
      ['p2', 'D1'],
      ['p3', 'D1'],
      ['q1', 'D2'],
      ['q2', 'D2'],
    ]);
    const cells = suppressForPublication(
      [
        { area: 'C', numerator: 52, denominator: 2000 },
        { area: 'D1', numerator: 50, denominator: 1500 },
        { area: 'D2', numerator: 2, denominator: 500 },
        { area: 'p1', numerator: 5, denominator: 500 },
        { area: 'p2', numerator: 20, denominator: 500 },
        { area: 'p3', numerator: 25, denominator: 500 },
        { area: 'q1', numerator: 1, denominator: 250 },
        { area: 'q2', numerator: 1, denominator: 250 },
      ],
      hierarchy,
      { minNumerator: 3 },
    );
    // D2 (2) is primary → D1 is its only sibling under the published city → D1 secondary →
    // D1 = p1 + p2 + p3 would give it away → p1 (the smallest) secondary → D1 now has one
    // suppressed child but is itself suppressed, so p2/p3 stay published.
    expect(statusOf(cells)).toEqual({
      C: 'reported',
      D1: 'suppressed:secondary',
      D2: 'suppressed:primary-numerator',
      p1: 'suppressed:secondary',
      p2: 'reported',
      p3: 'reported',
      q1: 'suppressed:primary-numerator',
      q2: 'suppressed:primary-numerator',
    });
  });
});
