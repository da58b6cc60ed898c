import { IndicatorError } from './indicator-error';
import { suppressForPublication, type PublishedCell } from './suppression';
import { hierarchySums } from './suppression-sums';

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

describe('secondary suppression: the suppressed cells of every published sum reach the threshold', () => {
  it('does not publish 102 and 100 over children 1 and 1 (which would disclose 1 + 1 = 2)', () => {
    const cells = suppressForPublication(
      [
        { area: 'R', numerator: 102, denominator: 3000 },
        { area: 'p1', numerator: 1, denominator: 1000 },
        { area: 'p2', numerator: 1, denominator: 1000 },
        { area: 'p3', numerator: 100, denominator: 1000 },
      ],
      new Map([
        ['p1', 'R'],
        ['p2', 'R'],
        ['p3', 'R'],
      ]),
      { minNumerator: 3 },
    );
    // p3 is the only sibling left to hide the pair; with it 1 + 1 + 100 is hidden, R stays.
    expect(statusOf(cells)).toEqual({
      R: 'reported',
      p1: 'suppressed:primary-numerator',
      p2: 'suppressed:primary-numerator',
      p3: 'suppressed:secondary',
    });
  });

  it('adds siblings until the hidden numerators together reach the minimum', () => {
    const cells = suppressForPublication(
      [
        { area: 'R', numerator: 57, denominator: 1000 },
        { area: 'p1', numerator: 0, denominator: 100 },
        { area: 'p2', numerator: 1, denominator: 300 },
        { area: 'p3', numerator: 5, denominator: 200 },
        { area: 'p4', numerator: 51, denominator: 400 },
      ],
      new Map([
        ['p1', 'R'],
        ['p2', 'R'],
        ['p3', 'R'],
        ['p4', 'R'],
      ]),
      { minNumerator: 3 },
    );
    expect(statusOf(cells)).toEqual({
      R: 'reported',
      p1: 'suppressed:primary-numerator',
      p2: 'suppressed:primary-numerator',
      p3: 'suppressed:secondary',
      p4: 'reported',
    });
  });

  it('applies the denominator threshold to the hidden cells together as well', () => {
    const cells = suppressForPublication(
      [
        { area: 'R', numerator: 90, denominator: 1030 },
        { area: 'p1', numerator: 5, denominator: 10 },
        { area: 'p2', numerator: 5, denominator: 20 },
        { area: 'p3', numerator: 40, denominator: 500 },
        { area: 'p4', numerator: 40, denominator: 500 },
      ],
      new Map([
        ['p1', 'R'],
        ['p2', 'R'],
        ['p3', 'R'],
        ['p4', 'R'],
      ]),
      { minNumerator: 3, minDenominator: 50 },
    );
    // 10 of 30 residents would still be a rate over fewer than 50: p3 joins them.
    expect(statusOf(cells)).toEqual({
      R: 'reported',
      p1: 'suppressed:primary-denominator',
      p2: 'suppressed:primary-denominator',
      p3: 'suppressed:secondary',
      p4: 'reported',
    });
  });

  it('protects planning areas within the city although the districts between them are hidden', () => {
    // Both districts end up hidden and each district sum is safe on its own, but the city is
    // also Σ planning areas: city − p2 = p1 + q1 + q2 = 2 unless p2 is hidden too.
    const hierarchy = new Map([
      ['D1', 'C'],
      ['D2', 'C'],
      ['p1', 'D1'],
      ['p2', 'D1'],
      ['q1', 'D2'],
      ['q2', 'D2'],
    ]);
    const input = [
      { area: 'C', numerator: 52, denominator: 4000 },
      { area: 'D1', numerator: 51, denominator: 2000 },
      { area: 'D2', numerator: 1, denominator: 2000 },
      { area: 'p1', numerator: 1, denominator: 1000 },
      { area: 'p2', numerator: 50, denominator: 1000 },
      { area: 'q1', numerator: 1, denominator: 1000 },
      { area: 'q2', numerator: 0, denominator: 1000 },
    ];
    const cells = suppressForPublication(input, hierarchy, { minNumerator: 3 });
    expect(statusOf(cells)).toEqual({
      C: 'reported',
      D1: 'suppressed:secondary',
      D2: 'suppressed:primary-numerator',
      p1: 'suppressed:primary-numerator',
      p2: 'suppressed:secondary',
      q1: 'suppressed:primary-numerator',
      q2: 'suppressed:primary-numerator',
    });
    expect(recoverable(input, hierarchy, cells, { minNumerator: 3 })).toEqual([]);
  });

  it('leaves nothing recoverable on random hierarchies of up to four levels', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 300; run++) {
      const hierarchy = new Map<string, string>();
      const leaves: string[] = [];
      const grow = (area: string, depth: number) => {
        const childCount = depth >= 3 || random() < 0.15 ? 0 : 1 + Math.floor(random() * 4);
        if (childCount === 0) leaves.push(area);
        for (let c = 0; c < childCount; c++) {
          hierarchy.set(`${area}.${c}`, area);
          grow(`${area}.${c}`, depth + 1);
        }
      };
      grow('C', 0);
      const counts = new Map<string, { numerator: number; denominator: number }>();
      for (const leaf of leaves)
        counts.set(leaf, {
          numerator: Math.floor(random() * 12),
          denominator: 20 + Math.floor(random() * 200),
        });
      const total = (area: string): { numerator: number; denominator: number } => {
        const own = counts.get(area);
        if (own) return own;
        const sum = { numerator: 0, denominator: 0 };
        for (const [child, parent] of hierarchy) {
          if (parent !== area) continue;
          const c = total(child);
          sum.numerator += c.numerator;
          sum.denominator += c.denominator;
        }
        counts.set(area, sum);
        return sum;
      };
      total('C');
      const input = [...counts].map(([area, c]) => ({ area, ...c }));
      const rules = { minNumerator: 1 + Math.floor(random() * 6), minDenominator: Math.floor(random() * 60) };
      const cells = suppressForPublication(input, hierarchy, rules);
      expect(recoverable(input, hierarchy, cells, rules)).toEqual([]);
    }
  });
});

/**
 * What an intruder learns: for every sum the hierarchy publishes (an area = Σ children =
 * Σ grandchildren …), the hidden members' total (aggregate − published members) must not be
 * small, and a hidden aggregate must not be the sum of published members.
 */
function recoverable(
  input: readonly { area: string; numerator: number; denominator: number }[],
  hierarchy: ReadonlyMap<string, string>,
  cells: readonly PublishedCell[],
  rules: { minNumerator: number; minDenominator?: number },
): string[] {
  const published = new Set(cells.filter((c) => c.status !== 'suppressed').map((c) => c.area));
  const byArea = new Map(input.map((c) => [c.area, c]));
  const childrenOf = (area: string) => [...hierarchy].filter(([, p]) => p === area).map(([c]) => c);
  const leaks: string[] = [];
  for (const c of input)
    if (
      published.has(c.area) &&
      (c.numerator < rules.minNumerator || c.denominator < (rules.minDenominator ?? 0))
    )
      leaks.push(`${c.area} published`);
  for (const aggregate of byArea.keys()) {
    let cut = [aggregate];
    while (cut.some((a) => childrenOf(a).length > 0)) {
      cut = cut.flatMap((a) => (childrenOf(a).length > 0 ? childrenOf(a) : [a]));
      const hidden = cut.filter((a) => !published.has(a));
      if (!published.has(aggregate)) {
        if (hidden.length === 0) leaks.push(`${aggregate} = Σ published ${cut.join('+')}`);
        continue;
      }
      if (hidden.length === 0) continue;
      const numerator = hidden.reduce((s, a) => s + byArea.get(a)!.numerator, 0);
      const denominator = hidden.reduce((s, a) => s + byArea.get(a)!.denominator, 0);
      if (numerator < rules.minNumerator || denominator < (rules.minDenominator ?? 0))
        leaks.push(`${aggregate} − published = ${hidden.join('+')} = ${numerator}/${denominator}`);
    }
  }
  return leaks;
}

describe('hierarchySums', () => {
  it('lists each area as the sum of its children and of every deeper cut, innermost first', () => {
    const hierarchy = new Map([
      ['D1', 'C'],
      ['D2', 'C'],
      ['p1', 'D1'],
      ['p2', 'D1'],
    ]);
    expect(hierarchySums(['C', 'D1', 'D2', 'p1', 'p2'], hierarchy)).toEqual([
      { aggregate: 'C', members: ['D1', 'D2'] },
      { aggregate: 'D1', members: ['p1', 'p2'] },
      { aggregate: 'C', members: ['p1', 'p2', 'D2'] },
    ]);
  });

  it('ignores areas without a cell and ends on a cyclic hierarchy', () => {
    const cyclic = new Map([
      ['A', 'B'],
      ['B', 'A'],
      ['x', 'gone'],
    ]);
    expect(hierarchySums(['A', 'B', 'x'], cyclic)).toEqual([
      { aggregate: 'B', members: ['A'] },
      { aggregate: 'A', members: ['B'] },
    ]);
  });
});
