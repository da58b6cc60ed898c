import type { PlanarCells } from './voronoi';

/** A polygon of the subdivision: its outer ring counter-clockwise, holes clockwise (RFC 7946). */
export interface CellPolygon {
  readonly outer: readonly number[];
  readonly holes: readonly (readonly number[])[];
}

/**
 * The union of contiguous cells, exactly: an edge shared by two member cells appears once in
 * each direction and cancels, what remains is the boundary. Fails when the members are not one
 * connected piece, or touch themselves in a single vertex (which a valid polygon cannot).
 */
export function unionOfCells(cells: PlanarCells, members: readonly number[]): CellPolygon {
  const directed = new Set<string>();
  for (const cell of members) {
    const ring = cells.rings[cell];
    ring.forEach((v, i) => directed.add(`${v} ${ring[(i + 1) % ring.length]}`));
  }
  const next = new Map<number, number>();
  for (const edge of directed) {
    const [u, v] = edge.split(' ').map(Number);
    if (directed.has(`${v} ${u}`)) continue;
    if (next.has(u)) throw new Error(`union: the boundary touches itself at vertex ${u}`);
    next.set(u, v);
  }
  const rings: number[][] = [];
  const seen = new Set<number>();
  for (const start of [...next.keys()].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const ring: number[] = [];
    for (let v = start; !seen.has(v); v = next.get(v) as number) {
      seen.add(v);
      ring.push(v);
    }
    rings.push(ring);
  }
  const outer = rings.filter((ring) => ringArea(cells.vertices, ring) > 0);
  if (outer.length !== 1)
    throw new Error(`union: ${outer.length} outer rings — the cells are not one contiguous piece`);
  return { outer: outer[0], holes: rings.filter((ring) => ringArea(cells.vertices, ring) < 0) };
}

/** Signed area (shoelace): positive for counter-clockwise rings. */
export function ringArea(vertices: readonly number[], ring: readonly number[]): number {
  let sum = 0;
  ring.forEach((v, i) => {
    const w = ring[(i + 1) % ring.length];
    sum += vertices[2 * v] * vertices[2 * w + 1] - vertices[2 * w] * vertices[2 * v + 1];
  });
  return sum / 2;
}
