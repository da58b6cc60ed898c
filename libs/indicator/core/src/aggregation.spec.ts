import {
  aggregateCounts,
  aggregateWeightedMean,
  crosswalkCounts,
  crosswalkWeightedMean,
  hierarchyFromIdPrefix,
  type CountValue,
  type CrosswalkEntry,
} from './aggregation';
import { IndicatorError } from './indicator-error';

// Planning areas (8 digits) under two district regions (first 6 digits).
const hierarchy = hierarchyFromIdPrefix(['01011101', '01011102', '01011103', '01011201', '01011202'], 6);
const counts: CountValue[] = [
  { area: '01011101', numerator: 10, denominator: 100 },
  { area: '01011102', numerator: 1, denominator: 50 },
  { area: '01011103', numerator: 30, denominator: 300 },
  { area: '01011201', numerator: 5, denominator: 1000 },
  { area: '01011202', numerator: 0, denominator: 0 },
];

describe('hierarchyFromIdPrefix', () => {
  it('maps BBPPRRLL ids to their district region and rejects ids that are too short', () => {
    expect([...hierarchy]).toEqual([
      ['01011101', '010111'],
      ['01011102', '010111'],
      ['01011103', '010111'],
      ['01011201', '010112'],
      ['01011202', '010112'],
    ]);
    expect(() => hierarchyFromIdPrefix(['0101'], 6)).toThrow(
      'area id "0101" is not longer than the parent prefix length 6',
    );
  });
});

describe('aggregateCounts', () => {
  it('divides summed numerators by summed denominators, never averages the rates', () => {
    const [region] = aggregateCounts(counts, hierarchy, { scale: 100 });
    // (10 + 1 + 30) / (100 + 50 + 300) = 41 / 450 = 9.11 %; the mean of the rates would be 7.33 %
    expect(region).toEqual({
      area: '010111',
      value: (41 / 450) * 100,
      method: 'ratio-of-sums',
      approximate: false,
      numerator: 41,
      denominator: 450,
      contributing: ['01011101', '01011102', '01011103'],
      missing: [],
    });
  });

  it('keeps a parent whose children have no denominator missing, with the reason', () => {
    const second = aggregateCounts(counts, hierarchy)[1];
    expect(second.value).toBe(5 / 1000);
    const empty = aggregateCounts(
      [
        { area: 'a1', numerator: 0, denominator: 0 },
        { area: 'a2', numerator: 0, denominator: 0 },
      ],
      new Map([
        ['a1', 'A'],
        ['a2', 'A'],
      ]),
    );
    expect(empty[0]).toMatchObject({
      area: 'A',
      value: null,
      numerator: 0,
      denominator: 0,
      reason: 'zero-denominator',
    });
  });

  it('makes a parent missing when a child lacks counts, or partial when asked (flagged incomplete)', () => {
    const withGap = counts
      .map((c) => (c.area === '01011102' ? { ...c, numerator: null } : c))
      .filter((c) => c.area !== '01011103');
    expect(aggregateCounts(withGap, hierarchy)[0]).toEqual({
      area: '010111',
      value: null,
      method: 'ratio-of-sums',
      approximate: false,
      contributing: ['01011101'],
      missing: ['01011102', '01011103'],
      reason: 'incomplete',
    });
    expect(aggregateCounts(withGap, hierarchy, { onMissing: 'partial' })[0]).toMatchObject({
      value: 0.1,
      numerator: 10,
      denominator: 100,
      reason: 'incomplete',
    });
  });

  it('chains levels: the summed counts feed the next level', () => {
    const regions = aggregateCounts(counts, hierarchy);
    const districts = aggregateCounts(
      regions.map((r) => ({
        area: r.area,
        numerator: r.numerator ?? null,
        denominator: r.denominator ?? null,
      })),
      hierarchyFromIdPrefix(['010111', '010112'], 2),
    );
    expect(districts).toEqual([
      expect.objectContaining({ area: '01', numerator: 46, denominator: 1450, value: 46 / 1450 }),
    ]);
  });

  it('rejects areas outside the hierarchy, duplicates and negative counts', () => {
    expect(() => aggregateCounts([{ area: 'x', numerator: 1, denominator: 2 }], hierarchy)).toThrow(
      new IndicatorError('InvalidHierarchy', 'area "x" is not in the hierarchy'),
    );
    expect(() => aggregateCounts([counts[0], counts[0]], hierarchy)).toThrow(
      'area "01011101" occurs more than once',
    );
    expect(() => aggregateCounts([{ area: '01011101', numerator: -1, denominator: 2 }], hierarchy)).toThrow(
      'area "01011101": numerator -1 is negative',
    );
    expect(() => aggregateCounts([], new Map([['a', 'a']]))).toThrow('area "a" is its own parent');
  });
});

describe('aggregateWeightedMean', () => {
  it('weights each child by its population and flags the result as approximate', () => {
    const [region] = aggregateWeightedMean(
      [
        { area: '01011101', value: 10, weight: 100 },
        { area: '01011102', value: 2, weight: 50 },
        { area: '01011103', value: 10, weight: 300 },
      ],
      hierarchy,
    );
    // (10·100 + 2·50 + 10·300) / 450 = 4100 / 450
    expect(region).toEqual({
      area: '010111',
      value: 4100 / 450,
      method: 'population-weighted-mean',
      approximate: true,
      weight: 450,
      contributing: ['01011101', '01011102', '01011103'],
      missing: [],
    });
  });

  it('treats a missing weight like a missing value', () => {
    const result = aggregateWeightedMean(
      [
        { area: '01011201', value: 3, weight: null },
        { area: '01011202', value: 4, weight: 10 },
      ],
      hierarchy,
      { onMissing: 'partial' },
    );
    expect(result[1]).toMatchObject({
      area: '010112',
      value: 4,
      missing: ['01011201'],
      reason: 'incomplete',
    });
    expect(result[0]).toMatchObject({ area: '010111', value: null, weight: 0, reason: 'zero-weight' });
  });
});

describe('crosswalks between area versions', () => {
  // Old A is renamed to X; old B is split 70/30 between Y and Z; old C merges into Z.
  const crosswalk: CrosswalkEntry[] = [
    { from: 'A', to: 'X', weight: 1 },
    { from: 'B', to: 'Y', weight: 0.7 },
    { from: 'B', to: 'Z', weight: 0.3 },
    { from: 'C', to: 'Z', weight: 1 },
  ];
  const old: CountValue[] = [
    { area: 'A', numerator: 12, denominator: 200 },
    { area: 'B', numerator: 50, denominator: 1000 },
    { area: 'C', numerator: 5, denominator: 500 },
  ];

  it('distributes counts by weight and flags split-based results as approximate', () => {
    const result = crosswalkCounts(old, crosswalk, { scale: 100 });
    expect(result.map((r) => [r.area, r.numerator, r.denominator, r.approximate])).toEqual([
      ['X', 12, 200, false],
      ['Y', 35, 700, true],
      ['Z', 15 + 5, 300 + 500, true],
    ]);
    expect(result[2].value).toBeCloseTo(2.5, 12);
    expect(result[0].value).toBe(6);
  });

  it('moves values without counts as means weighted by crosswalk weight × population', () => {
    const result = crosswalkWeightedMean(
      [
        { area: 'A', value: 6, weight: 200 },
        { area: 'B', value: 5, weight: 1000 },
        { area: 'C', value: 1, weight: 500 },
      ],
      crosswalk,
    );
    // Z: (5·300 + 1·500) / 800 = 2.5
    expect(result.map((r) => [r.area, r.value, r.weight])).toEqual([
      ['X', 6, 200],
      ['Y', 5, 700],
      ['Z', 2.5, 800],
    ]);
    expect(result.every((r) => r.approximate)).toBe(true);
  });

  it('rejects weights that do not sum to 1 per old area, out-of-range weights, duplicates and unmapped areas', () => {
    expect(() => crosswalkCounts(old, crosswalk.slice(0, 2).concat(crosswalk[3]))).toThrow(
      new IndicatorError(
        'InvalidCrosswalk',
        'the weights of each old area must sum to 1; they do not for B (0.7)',
      ),
    );
    expect(() => crosswalkCounts(old, [{ from: 'A', to: 'X', weight: 1.5 }])).toThrow(
      'crosswalk A → X: weight 1.5 is not in (0, 1]',
    );
    expect(() => crosswalkCounts(old, [{ from: 'A', to: 'X', weight: 0 }])).toThrow(
      'weight 0 is not in (0, 1]',
    );
    expect(() => crosswalkCounts(old, [...crosswalk, crosswalk[0]])).toThrow(
      'crosswalk A → X is listed twice',
    );
    expect(() => crosswalkCounts([...old, { area: 'D', numerator: 1, denominator: 1 }], crosswalk)).toThrow(
      'area "D" is not in the crosswalk',
    );
  });
});
