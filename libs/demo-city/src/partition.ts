/** Site coordinates of the cells and who borders whom: all that grouping needs. */
export interface CellGraph {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly neighbours: readonly (readonly number[])[];
}

/**
 * Splits contiguous `members` into `k` contiguous groups of similar extent, ordered clockwise
 * from north around their common centre (a central group first). Seeds are spread by
 * farthest-point sampling and moved to their group's centre a few times (Lloyd); each group
 * grows from its seed across shared edges, the cell nearest to a seed first — so every group is
 * connected by construction.
 */
export function contiguousGroups(graph: CellGraph, members: readonly number[], k: number): number[][] {
  if (k < 1 || k > members.length)
    throw new Error(`partition: cannot make ${k} groups of ${members.length} cells`);
  let seeds = farthestPoints(graph, members, k);
  let groups = grow(graph, members, seeds);
  for (let round = 0; round < 4; round++) {
    seeds = groups.map((group) => nearestTo(graph, group, centre(graph, group)));
    groups = grow(graph, members, seeds);
  }
  return orderClockwise(graph, members, groups);
}

function centre(graph: CellGraph, cells: readonly number[]): [number, number] {
  let [sx, sy] = [0, 0];
  for (const c of cells) [sx, sy] = [sx + graph.x[c], sy + graph.y[c]];
  return [sx / cells.length, sy / cells.length];
}

function nearestTo(graph: CellGraph, cells: readonly number[], [x, y]: [number, number]): number {
  let best = cells[0];
  let bestD = Infinity;
  for (const c of cells) {
    const d = (graph.x[c] - x) ** 2 + (graph.y[c] - y) ** 2;
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function farthestPoints(graph: CellGraph, members: readonly number[], k: number): number[] {
  const [cx, cy] = centre(graph, members);
  const seeds = [nearestTo(graph, members, [cx, cy])];
  const distance = members.map(
    (c) => (graph.x[c] - graph.x[seeds[0]]) ** 2 + (graph.y[c] - graph.y[seeds[0]]) ** 2,
  );
  while (seeds.length < k) {
    let pick = 0;
    for (let i = 1; i < members.length; i++) if (distance[i] > distance[pick]) pick = i;
    const seed = members[pick];
    seeds.push(seed);
    members.forEach((c, i) => {
      distance[i] = Math.min(
        distance[i],
        (graph.x[c] - graph.x[seed]) ** 2 + (graph.y[c] - graph.y[seed]) ** 2,
      );
    });
  }
  return seeds;
}

function grow(graph: CellGraph, members: readonly number[], seeds: readonly number[]): number[][] {
  const inside = new Set(members);
  const groupOf = new Map<number, number>();
  const heap = new MinHeap();
  seeds.forEach((seed, group) => heap.push(0, seed, group));
  while (heap.size > 0) {
    const { cell, group } = heap.pop();
    if (groupOf.has(cell)) continue;
    groupOf.set(cell, group);
    const seed = seeds[group];
    for (const next of graph.neighbours[cell])
      if (inside.has(next) && !groupOf.has(next))
        heap.push(Math.hypot(graph.x[next] - graph.x[seed], graph.y[next] - graph.y[seed]), next, group);
  }
  if (groupOf.size !== members.length) throw new Error('partition: the cells are not contiguous');
  const groups: number[][] = seeds.map(() => []);
  for (const c of members) groups[groupOf.get(c) as number].push(c);
  return groups;
}

function orderClockwise(graph: CellGraph, members: readonly number[], groups: number[][]): number[][] {
  const [cx, cy] = centre(graph, members);
  const placed = groups.map((group) => {
    const [x, y] = centre(graph, group);
    const bearing = (Math.atan2(x - cx, y - cy) + 2 * Math.PI) % (2 * Math.PI);
    return { group, bearing, distance: Math.hypot(x - cx, y - cy) };
  });
  const mean = placed.reduce((s, p) => s + p.distance, 0) / placed.length;
  const central = (p: { distance: number }) => (groups.length > 2 && p.distance < 0.3 * mean ? 0 : 1);
  return placed
    .sort((a, b) => central(a) - central(b) || a.bearing - b.bearing)
    .map((p) => p.group.sort((a, b) => a - b));
}

/** A binary heap of (priority, cell, group); ties go to the earlier push, so growth is stable. */
class MinHeap {
  private readonly items: { priority: number; order: number; cell: number; group: number }[] = [];
  private pushed = 0;

  get size(): number {
    return this.items.length;
  }

  push(priority: number, cell: number, group: number): void {
    const items = this.items;
    items.push({ priority, order: this.pushed++, cell, group });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): { cell: number; group: number } {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as (typeof items)[number];
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const [x, y] = [this.items[a], this.items[b]];
    return x.priority < y.priority || (x.priority === y.priority && x.order < y.order);
  }
}
