import { resolveHierarchyValues, type HierarchyArea, type StoredCell } from './hierarchy-values';

// City → 2 districts → planning areas (A: a1, a2; B: b1, b2).
const areas: HierarchyArea[] = [
  { id: 'city', parentId: null, population: null },
  { id: 'A', parentId: 'city', population: 3000 },
  { id: 'B', parentId: 'city', population: 1000 },
  { id: 'a1', parentId: 'A', population: 2000 },
  { id: 'a2', parentId: 'A', population: 1000 },
  { id: 'b1', parentId: 'B', population: 500 },
  { id: 'b2', parentId: 'B', population: 500 },
];
const counted = (numerator: number, denominator: number): StoredCell => ({
  status: 'value',
  value: (numerator / denominator) * 100,
  numerator,
  denominator,
});

describe('resolveHierarchyValues', () => {
  it('aggregates upper levels as the ratio of summed counts, never the mean of rates', () => {
    const stored = new Map([
      ['a1', counted(100, 2000)],
      ['a2', counted(300, 1000)],
      ['b1', counted(50, 500)],
      ['b2', counted(25, 500)],
    ]);
    const cells = new Map(resolveHierarchyValues(areas, stored, { scale: 100 }).map((c) => [c.area, c]));
    expect(cells.get('A')).toEqual({
      area: 'A',
      status: 'value',
      value: (400 / 3000) * 100,
      numerator: 400,
      denominator: 3000,
      source: 'ratio-of-sums',
      approximate: false,
    });
    expect(cells.get('city')).toMatchObject({
      status: 'value',
      value: (475 / 4000) * 100,
      source: 'ratio-of-sums',
    });
    expect(cells.get('a1')).toMatchObject({ status: 'value', source: 'stored', value: 5 });
  });

  it('falls back to a population-weighted mean, flagged approximate, when counts are lacking', () => {
    const stored = new Map<string, StoredCell>([
      ['a1', { status: 'value', value: 10, numerator: null, denominator: null }],
      ['a2', { status: 'value', value: 40, numerator: null, denominator: null }],
    ]);
    const cells = new Map(resolveHierarchyValues(areas, stored, { scale: 100 }).map((c) => [c.area, c]));
    expect(cells.get('A')).toEqual({
      area: 'A',
      status: 'value',
      value: 20,
      numerator: null,
      denominator: null,
      source: 'population-weighted-mean',
      approximate: true,
    });
    expect(cells.get('B')).toEqual({ area: 'B', status: 'missing', reason: 'incomplete' });
    expect(cells.get('city')).toEqual({ area: 'city', status: 'missing', reason: 'incomplete' });
  });

  it('keeps a stored upper-level value over the aggregate and a source-suppressed cell as suppressed', () => {
    const stored = new Map<string, StoredCell>([
      ['A', { status: 'value', value: 99, numerator: null, denominator: null }],
      ['b1', { status: 'suppressed', value: null, numerator: null, denominator: null }],
      ['b2', counted(25, 500)],
    ]);
    const cells = new Map(resolveHierarchyValues(areas, stored, { scale: 100 }).map((c) => [c.area, c]));
    expect(cells.get('A')).toMatchObject({ status: 'value', value: 99, source: 'stored' });
    expect(cells.get('b1')).toEqual({ area: 'b1', status: 'suppressed', reason: 'source' });
    expect(cells.get('B')).toEqual({ area: 'B', status: 'missing', reason: 'incomplete' });
    expect(cells.get('a1')).toEqual({ area: 'a1', status: 'missing', reason: 'no-data' });
  });

  it('suppresses small numerators and a sibling so the cell cannot be recovered from the parent', () => {
    const stored = new Map([
      ['a1', counted(2, 2000)],
      ['a2', counted(300, 1000)],
      ['b1', counted(50, 500)],
      ['b2', counted(25, 500)],
    ]);
    const cells = new Map(
      resolveHierarchyValues(areas, stored, { scale: 100, suppression: { minNumerator: 3 } }).map((c) => [
        c.area,
        c,
      ]),
    );
    expect(cells.get('a1')).toEqual({ area: 'a1', status: 'suppressed', reason: 'primary-numerator' });
    expect(cells.get('a2')).toEqual({ area: 'a2', status: 'suppressed', reason: 'secondary' });
    expect(cells.get('A')).toMatchObject({ status: 'value', numerator: 302 });
    // A is published, so the A/B pair under the city stays consistent without more suppression.
    expect(cells.get('b2')).toMatchObject({ status: 'value' });
  });
});

describe('resolveHierarchyValues agrees with the generic aggregation', () => {
  it('gives the same ratio-of-sums as aggregateCounts, with a prepared hierarchy reused', async () => {
    const { aggregateCounts } = await import('./aggregation');
    const { prepareHierarchy } = await import('./hierarchy-values');
    const prepared = prepareHierarchy(areas);
    const stored = new Map([
      ['a1', counted(7, 1900)],
      ['a2', counted(13, 1100)],
      ['b1', counted(0, 500)],
      ['b2', counted(41, 700)],
    ]);
    const cells = new Map(resolveHierarchyValues(prepared, stored, { scale: 100 }).map((c) => [c.area, c]));
    const expected = aggregateCounts(
      [...stored].map(([area, c]) => ({ area, numerator: c.numerator, denominator: c.denominator })),
      new Map([
        ['a1', 'A'],
        ['a2', 'A'],
        ['b1', 'B'],
        ['b2', 'B'],
      ]),
      { scale: 100 },
    );
    for (const e of expected)
      expect(cells.get(e.area)).toMatchObject({
        value: e.value,
        numerator: e.numerator,
        denominator: e.denominator,
      });
    expect(
      resolveHierarchyValues(
        prepared,
        new Map([
          ['a1', counted(0, 0)],
          ['a2', counted(0, 0)],
        ]),
        { scale: 100 },
      )[1],
    ).toEqual({ area: 'A', status: 'missing', reason: 'zero-denominator' });
  });

  it('does not loop on a cyclic parent chain', async () => {
    const { prepareHierarchy } = await import('./hierarchy-values');
    const prepared = prepareHierarchy([
      { id: 'p', parentId: 'q', population: 1 },
      { id: 'q', parentId: 'p', population: 1 },
    ]);
    expect(prepared.bottomUp.length).toBe(2);
  });
});
