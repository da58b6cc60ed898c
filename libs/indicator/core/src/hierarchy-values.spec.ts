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

describe('resolveHierarchyValues with partial coverage and counts', () => {
  // District D of 10,000 inhabitants: d1 and d2 have values, d3 (150 inhabitants) has none —
  // as a Berlin planning area under 300 inhabitants has no MSS values.
  const district: HierarchyArea[] = [
    { id: 'city', parentId: null, population: null },
    { id: 'D', parentId: 'city', population: 10000 },
    { id: 'E', parentId: 'city', population: 2000 },
    { id: 'd1', parentId: 'D', population: 6000 },
    { id: 'd2', parentId: 'D', population: 3850 },
    { id: 'd3', parentId: 'D', population: 150 },
    { id: 'e1', parentId: 'E', population: 1000 },
    { id: 'e2', parentId: 'E', population: 1000 },
  ];
  const plain = (value: number): StoredCell => ({
    status: 'value',
    value,
    numerator: null,
    denominator: null,
  });
  const resolve = (stored: Map<string, StoredCell>, options: Parameters<typeof resolveHierarchyValues>[2]) =>
    new Map(resolveHierarchyValues(district, stored, options).map((c) => [c.area, c]));

  it('leaves a district blank by default when one child lacks a value', () => {
    const cells = resolve(
      new Map([
        ['d1', plain(10)],
        ['d2', plain(20)],
      ]),
      { scale: 100 },
    );
    expect(cells.get('D')).toEqual({ area: 'D', status: 'missing', reason: 'incomplete' });
  });

  it('aggregates from the children with values when they hold enough of the population, saying how much', () => {
    const cells = resolve(
      new Map([
        ['d1', plain(10)],
        ['d2', plain(20)],
        ['e1', plain(30)],
        ['e2', plain(50)],
      ]),
      { scale: 100, minCoverage: 0.95 },
    );
    expect(cells.get('D')).toEqual({
      area: 'D',
      status: 'value',
      value: (10 * 6000 + 20 * 3850) / 9850,
      numerator: null,
      denominator: null,
      source: 'population-weighted-mean',
      approximate: true,
      coverage: 9850 / 10000,
    });
    // The city has no population of its own here; its children's covered parts still count.
    expect(cells.get('city')).toMatchObject({
      status: 'value',
      approximate: true,
      coverage: (9850 + 2000) / 12000,
    });
    expect(cells.get('E')).toEqual({
      area: 'E',
      status: 'value',
      value: 40,
      numerator: null,
      denominator: null,
      source: 'population-weighted-mean',
      approximate: true,
    });
  });

  it('sums the covered counts as a ratio flagged approximate, and stays blank below the coverage', () => {
    const cells = resolve(
      new Map([
        ['d1', counted(300, 6000)],
        ['d2', counted(100, 3850)],
      ]),
      { scale: 100, minCoverage: 0.95 },
    );
    expect(cells.get('D')).toEqual({
      area: 'D',
      status: 'value',
      value: (400 / 9850) * 100,
      numerator: 400,
      denominator: 9850,
      source: 'ratio-of-sums',
      approximate: true,
      coverage: 0.985,
    });
    const thin = resolve(new Map([['d1', counted(300, 6000)]]), { scale: 100, minCoverage: 0.95 });
    expect(thin.get('D')).toEqual({ area: 'D', status: 'missing', reason: 'incomplete' });
  });

  it('needs every child population to vouch for the coverage', () => {
    const unknown = district.map((a) => (a.id === 'd3' ? { ...a, population: null } : a));
    const cells = new Map(
      resolveHierarchyValues(
        unknown,
        new Map([
          ['d1', plain(10)],
          ['d2', plain(20)],
        ]),
        { scale: 100, minCoverage: 0.5 },
      ).map((c) => [c.area, c]),
    );
    expect(cells.get('D')).toEqual({ area: 'D', status: 'missing', reason: 'incomplete' });
  });

  it('adds counts up as totals (never a mean), and only when every child has one', () => {
    const stored = new Map([
      ['d1', plain(6000)],
      ['d2', plain(3850)],
      ['d3', plain(150)],
      ['e1', plain(1000)],
    ]);
    const cells = resolve(stored, { scale: 1, kind: 'sum', minCoverage: 0.5 });
    expect(cells.get('D')).toEqual({
      area: 'D',
      status: 'value',
      value: 10000,
      numerator: null,
      denominator: null,
      source: 'sum',
      approximate: false,
    });
    expect(cells.get('E')).toEqual({ area: 'E', status: 'missing', reason: 'incomplete' });
    expect(cells.get('city')).toEqual({ area: 'city', status: 'missing', reason: 'incomplete' });
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
