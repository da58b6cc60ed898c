import { protectHierarchy, type HierarchyInput } from './hierarchical-suppression';

/** Every published sum minus its published members: what an attacker can compute. */
function recoverable(
  input: HierarchyInput,
  result: ReturnType<typeof protectHierarchy>,
  k: number,
): string[] {
  const leaks: string[] = [];
  const check = (
    label: string,
    aggregateN: number,
    aggregatePublished: boolean,
    members: { key: string; n: number; published: boolean }[],
  ) => {
    if (!aggregatePublished) {
      // A suppressed aggregate must not equal the sum of published members.
      if (members.length > 0 && members.every((m) => m.published))
        leaks.push(`${label} = sum of its published members`);
      return;
    }
    const hidden = members.filter((m) => !m.published);
    const hiddenN = hidden.reduce((s, m) => s + m.n, 0);
    if (hidden.length > 0 && hiddenN < k) leaks.push(`${label}: hidden members hold ${hiddenN} < ${k}`);
    void aggregateN;
  };
  const childPublished = (key: string) => !result.children.has(key);
  const parentPublished = (key: string) => !result.parents.has(key);
  check(
    'total/parents',
    input.totalN,
    result.total === null,
    input.parents.map((p) => ({ key: p.key, n: p.n, published: parentPublished(p.key) })),
  );
  check(
    'total/children',
    input.totalN,
    result.total === null,
    input.children.map((c) => ({ key: c.key, n: c.n, published: childPublished(c.key) })),
  );
  for (const p of input.parents) {
    check(
      `${p.key}/children`,
      p.n,
      parentPublished(p.key),
      input.children
        .filter((c) => c.parent === p.key)
        .map((c) => ({ key: c.key, n: c.n, published: childPublished(c.key) })),
    );
  }
  for (const c of input.children)
    if (c.n < k && childPublished(c.key)) leaks.push(`${c.key} published with n=${c.n}`);
  for (const p of input.parents)
    if (p.n < k && parentPublished(p.key)) leaks.push(`${p.key} published with n=${p.n}`);
  return leaks;
}

function hierarchy(children: [key: string, parent: string, n: number][]): HierarchyInput {
  const parents = new Map<string, number>();
  for (const [, parent, n] of children) parents.set(parent, (parents.get(parent) ?? 0) + n);
  return {
    children: children.map(([key, parent, n]) => ({ key, parent, n })),
    parents: [...parents].map(([key, n]) => ({ key, n })),
    totalN: children.reduce((s, [, , n]) => s + n, 0),
  };
}

describe('protectHierarchy', () => {
  it('publishes everything when every cell holds at least k', () => {
    const result = protectHierarchy(
      hierarchy([
        ['a1', 'A', 10],
        ['a2', 'A', 12],
        ['b1', 'B', 30],
      ]),
      10,
    );
    expect(result).toEqual({ children: new Map(), parents: new Map(), total: null });
  });

  it('protects a small child within its parent, not only within the total', () => {
    // The flat rule over the total would hide b2 (the smallest published child elsewhere) — but
    // a1 = A − a2 stays recoverable. Within A, a2 must go as well.
    const input = hierarchy([
      ['a1', 'A', 4],
      ['a2', 'A', 40],
      ['b1', 'B', 11],
      ['b2', 'B', 50],
    ]);
    const result = protectHierarchy(input, 10);
    expect(result.children).toEqual(
      new Map([
        ['a1', 'primary'],
        ['a2', 'secondary'],
      ]),
    );
    expect(result.parents).toEqual(new Map());
    expect(result.total).toBeNull();
    expect(recoverable(input, result, 10)).toEqual([]);
  });

  it('suppresses the parent when its children cannot hide each other', () => {
    const input = hierarchy([
      ['a1', 'A', 4],
      ['a2', 'A', 3],
      ['b1', 'B', 30],
      ['b2', 'B', 25],
    ]);
    const result = protectHierarchy(input, 10);
    // A (7) is primary; total − B reveals A, so B's smallest child… B itself must be hidden or A protected.
    expect(result.parents.get('A')).toBe('primary');
    expect(recoverable(input, result, 10)).toEqual([]);
    expect(result.total).toBeNull();
  });

  it('hides a child of a secondarily suppressed parent so the parent is not the sum of published children', () => {
    const input = hierarchy([
      ['a1', 'A', 5],
      ['b1', 'B', 12],
      ['b2', 'B', 11],
      ['c1', 'C', 40],
    ]);
    const result = protectHierarchy(input, 10);
    expect(result.parents.get('A')).toBe('primary');
    expect(recoverable(input, result, 10)).toEqual([]);
  });

  it('suppresses the total when even all groups hold fewer than k', () => {
    const input = hierarchy([
      ['a1', 'A', 3],
      ['b1', 'B', 4],
    ]);
    const result = protectHierarchy(input, 10);
    expect(result.total).toBe('primary');
    expect(recoverable(input, result, 10)).toEqual([]);
  });

  it('leaves nothing recoverable on random hierarchies', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 300; run++) {
      const children: [string, string, number][] = [];
      const parentCount = 1 + Math.floor(random() * 5);
      for (let p = 0; p < parentCount; p++) {
        const childCount = 1 + Math.floor(random() * 5);
        for (let c = 0; c < childCount; c++)
          children.push([`p${p}c${c}`, `p${p}`, Math.floor(random() * 30)]);
      }
      const input = hierarchy(children);
      const k = 2 + Math.floor(random() * 12);
      expect(recoverable(input, protectHierarchy(input, k), k)).toEqual([]);
    }
  });

  it('agrees with the core’s flat rule on a single level', () => {
    // One parent per child: the total/children sum is the core's suppressCells situation.
    const input = hierarchy([
      ['mitte', 'mitte', 40],
      ['nord', 'nord', 12],
      ['sued', 'sued', 7],
      ['west', 'west', 25],
    ]);
    const result = protectHierarchy(input, 10);
    expect(result.children).toEqual(
      new Map([
        ['sued', 'primary'],
        ['nord', 'secondary'],
      ]),
    );
    expect(result.total).toBeNull();
  });
});
