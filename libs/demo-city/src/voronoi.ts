import { delaunay } from './delaunay';

/**
 * Voronoi cells of chosen sites, as one planar subdivision: every vertex is stored once, so two
 * neighbouring cells share their common edge exactly (same two vertex ids in opposite order).
 * That is what lets unions of cells be computed exactly (see `union.ts`).
 */
export interface PlanarCells {
  /** x, y per vertex. */
  readonly vertices: readonly number[];
  /** Per cell, its ring as vertex ids, counter-clockwise, first vertex not repeated. */
  readonly rings: readonly (readonly number[])[];
  /** Per cell, the cells it shares an edge with. */
  readonly neighbours: readonly (readonly number[])[];
}

/**
 * Cells of `sites` (indices into xs/ys). Every other point only shapes its neighbours' cells; a
 * site on the outside of the point set has an unbounded cell and is refused.
 */
export function voronoiCells(
  xs: readonly number[],
  ys: readonly number[],
  sites: readonly number[],
): PlanarCells {
  const { pointCount, triangles, centres } = delaunay(xs, ys);
  const cellOf = new Map(sites.map((site, cell) => [site, cell]));
  const around: number[][] = sites.map(() => []);
  const vertexOf: number[] = [];
  const vertexIds = new Map<string, number>();
  const vertices: number[] = [];
  for (let t = 0; t < triangles.length / 3; t++) {
    const key = `${centres[2 * t]} ${centres[2 * t + 1]}`;
    let id = vertexIds.get(key);
    if (id === undefined) {
      id = vertices.length / 2;
      vertexIds.set(key, id);
      vertices.push(centres[2 * t], centres[2 * t + 1]);
    }
    vertexOf.push(id);
    for (let k = 0; k < 3; k++) {
      const cell = cellOf.get(triangles[3 * t + k]);
      if (cell !== undefined) around[cell].push(t);
    }
  }
  const rings = around.map((ts, cell) => {
    const site = sites[cell];
    if (ts.some((t) => [0, 1, 2].some((k) => triangles[3 * t + k] >= pointCount)))
      throw new Error(`voronoi: site ${site} lies on the outside of the points, its cell is unbounded`);
    const angle = (t: number) => Math.atan2(centres[2 * t + 1] - ys[site], centres[2 * t] - xs[site]);
    const ids = [...ts].sort((a, b) => angle(a) - angle(b)).map((t) => vertexOf[t]);
    return ids.filter((id, i) => id !== ids[(i + ids.length - 1) % ids.length]);
  });
  return { vertices, rings, neighbours: edgeNeighbours(rings) };
}

function edgeNeighbours(rings: readonly (readonly number[])[]): number[][] {
  const owner = new Map<string, number>();
  rings.forEach((ring, cell) =>
    ring.forEach((v, i) => owner.set(`${v} ${ring[(i + 1) % ring.length]}`, cell)),
  );
  return rings.map((ring, cell) => {
    const found = new Set<number>();
    ring.forEach((v, i) => {
      const other = owner.get(`${ring[(i + 1) % ring.length]} ${v}`);
      if (other !== undefined && other !== cell) found.add(other);
    });
    return [...found].sort((a, b) => a - b);
  });
}
