import type { AreaHierarchy } from './aggregation';

/** One published identity of the hierarchy: `aggregate` = Σ `members`. */
export interface HierarchySum {
  readonly aggregate: string;
  readonly members: readonly string[];
}

/**
 * Every sum an intruder can form from a hierarchy: each area equals the sum of its children,
 * and also of every deeper cut of its subtree (its grandchildren, with childless children
 * standing for themselves, and so on). Publishing a region and its planning areas while the
 * districts between them are hidden still publishes region = Σ planning areas, so protecting
 * the direct children alone is not enough. Innermost sums come first: protecting a cell
 * within its parent usually protects it in the wider sums too, with fewer suppressions.
 */
export function hierarchySums(areas: Iterable<string>, hierarchy: AreaHierarchy): HierarchySum[] {
  const present = new Set(areas);
  const children = new Map<string, string[]>();
  for (const [child, parent] of hierarchy) {
    if (!present.has(child) || !present.has(parent) || child === parent) continue;
    const list = children.get(parent) ?? [];
    list.push(child);
    children.set(parent, list);
  }
  const byDepth: HierarchySum[][] = [];
  for (const aggregate of children.keys()) {
    let cut = [aggregate];
    // A cycle in a malformed hierarchy would cut forever: an area is expanded at most once.
    const expanded = new Set<string>();
    for (let depth = 0; cut.some((area) => children.has(area) && !expanded.has(area)); depth++) {
      cut = cut.flatMap((area) => {
        if (!children.has(area) || expanded.has(area)) return [area];
        expanded.add(area);
        return children.get(area) as string[];
      });
      if (!cut.includes(aggregate)) (byDepth[depth] ??= []).push({ aggregate, members: cut });
    }
  }
  return byDepth.flat();
}
