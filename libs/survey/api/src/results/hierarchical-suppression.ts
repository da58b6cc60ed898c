// k-anonymity across two area levels. The core suppresses one table (groups + total). Results
// per planning area *and* per the level above publish more sums: each parent is the sum of its
// children, and the total is the sum of the parents as well as of the children. A suppressed
// child could then be recovered as parent − published siblings, although the flat rule found
// nothing to recover from the total. Here the same rule is applied to every published sum, and
// a suppressed sum that its published members would reveal gets a member suppressed too:
//
//   for every published aggregate A with members M (total/parents, total/children, parent/children):
//     if the suppressed members of A hold fewer than k respondents together (and at least one is
//     suppressed), suppress further members of A — smallest n first, ties by key — until they hold
//     ≥ k; if the members run out, suppress A itself (secondary);
//   for every suppressed aggregate whose members are all published (it equals their sum):
//     suppress its smallest member;
//   repeat until nothing changes (only suppressions are added, so this ends).
import { smallestFirst, type Suppression } from '@quartier/survey-core';

export interface HierarchyInput {
  readonly children: readonly { readonly key: string; readonly parent: string; readonly n: number }[];
  readonly parents: readonly { readonly key: string; readonly n: number }[];
  readonly totalN: number;
}

export interface HierarchySuppression {
  readonly children: ReadonlyMap<string, Suppression>;
  readonly parents: ReadonlyMap<string, Suppression>;
  readonly total: Suppression | null;
}

interface Cell {
  readonly key: string;
  readonly n: number;
  suppressed: Suppression | null;
}

/**
 * The suppression of every cell. It includes the core's flat rule (the total/children sum), so
 * it is at least as protective as `suppressCells` on each level alone.
 */
export function protectHierarchy(input: HierarchyInput, k: number): HierarchySuppression {
  const primary = (n: number): Suppression | null => (n < k ? 'primary' : null);
  const children = input.children.map((c) => ({
    key: c.key,
    n: c.n,
    suppressed: primary(c.n),
    parent: c.parent,
  }));
  const parents = input.parents.map((p) => ({ key: p.key, n: p.n, suppressed: primary(p.n) }));
  const total: Cell = { key: '*', n: input.totalN, suppressed: primary(input.totalN) };
  const membersOf = new Map(parents.map((p) => [p.key, children.filter((c) => c.parent === p.key)]));
  // Innermost sums first: protecting a child within its parent usually protects it in the total too.
  const sums: { aggregate: Cell; members: Cell[] }[] = [
    ...parents.map((p) => ({ aggregate: p as Cell, members: membersOf.get(p.key) ?? [] })),
    { aggregate: total, members: parents },
    { aggregate: total, members: children },
  ];

  let changed = true;
  while (changed) {
    changed = false;
    for (const { aggregate, members } of sums) {
      if (members.length === 0) continue;
      if (aggregate.suppressed === null) {
        const hidden = members.filter((m) => m.suppressed !== null);
        let hiddenN = hidden.reduce((sum, m) => sum + m.n, 0);
        if (hidden.length === 0 || hiddenN >= k) continue;
        for (const candidate of smallestFirst(
          members.filter((m) => m.suppressed === null),
          (m) => m.key,
        )) {
          candidate.suppressed = 'secondary';
          hiddenN += candidate.n;
          changed = true;
          if (hiddenN >= k) break;
        }
        if (hiddenN < k) {
          aggregate.suppressed = 'secondary';
          changed = true;
        }
      } else if (members.every((m) => m.suppressed === null)) {
        // A suppressed sum of published members is no secret: hide one member as well.
        const [smallest] = smallestFirst(members, (m) => m.key);
        smallest.suppressed = 'secondary';
        changed = true;
      }
    }
  }
  return {
    children: new Map(
      children.filter((c) => c.suppressed !== null).map((c) => [c.key, c.suppressed as Suppression]),
    ),
    parents: new Map(
      parents.filter((p) => p.suppressed !== null).map((p) => [p.key, p.suppressed as Suppression]),
    ),
    total: total.suppressed,
  };
}
