// k-anonymity for published survey cells (one question in one group).
//
// Primary suppression: a cell with fewer than k respondents is not published.
// Secondary suppression: when the total over all groups is published, the suppressed groups
// together are recoverable by subtraction (total − published groups). So where the suppressed
// groups of a question hold together fewer than k respondents (and at least one is suppressed),
// further groups are suppressed — smallest n first, ties by group name — until the suppressed
// together hold at least k. If even that is impossible (the groups do not cover the total), the
// total is suppressed as well.

export type Suppression = 'primary' | 'secondary';

export interface SuppressionResult {
  /** Suppression per group name; groups absent here are published. */
  readonly groups: ReadonlyMap<string, Suppression>;
  readonly total: Suppression | null;
}

export function suppressCells(
  groups: readonly { readonly group: string; readonly n: number }[],
  totalN: number,
  k: number,
): SuppressionResult {
  const result = new Map<string, Suppression>();
  let suppressedN = 0;
  for (const { group, n } of groups) {
    if (n < k) {
      result.set(group, 'primary');
      suppressedN += n;
    }
  }
  let total: Suppression | null = totalN < k ? 'primary' : null;
  if (total === null && result.size > 0 && suppressedN < k) {
    const candidates = smallestFirst(
      groups.filter((g) => !result.has(g.group)),
      (g) => g.group,
    );
    for (const candidate of candidates) {
      if (suppressedN >= k) break;
      result.set(candidate.group, 'secondary');
      suppressedN += candidate.n;
    }
    if (suppressedN < k) total = 'secondary';
  }
  return { groups: result, total };
}

/**
 * The order in which further cells are suppressed: smallest n first, ties by name, so the same
 * counts always hide the same cells.
 */
export function smallestFirst<T extends { readonly n: number }>(
  cells: readonly T[],
  nameOf: (cell: T) => string,
): T[] {
  return [...cells].sort((a, b) => a.n - b.n || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}
