import { delaunay } from './delaunay';
import { contiguousGroups } from './partition';
import { seededRandom } from './random';
import { ringArea, unionOfCells } from './union';
import { voronoiCells } from './voronoi';

function scatter(n: number, seed: number) {
  const random = seededRandom(seed);
  return {
    xs: Array.from({ length: n }, () => random() * 1000),
    ys: Array.from({ length: n }, () => random() * 1000),
  };
}

/** A 9×9 grid with a little jitter: the 7×7 inner sites have bounded cells. */
function grid() {
  const random = seededRandom(3);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let j = 0; j < 9; j++)
    for (let i = 0; i < 9; i++) {
      xs.push(i * 100 + random() * 20);
      ys.push(j * 100 + random() * 20);
    }
  const inner = xs.map((_, k) => k).filter((k) => k % 9 > 0 && k % 9 < 8 && k > 8 && k < 72);
  return { xs, ys, inner };
}

describe('delaunay', () => {
  it('leaves every circumcircle empty and orients every triangle counter-clockwise', () => {
    const { xs, ys } = scatter(300, 1);
    const { triangles, centres, pointCount } = delaunay(xs, ys);
    const real = [];
    const inside: [number, number][] = [];
    for (let t = 0; t < triangles.length / 3; t++) {
      const [a, b, c] = [triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]];
      if (a >= pointCount || b >= pointCount || c >= pointCount) continue;
      real.push(t);
      expect((xs[b] - xs[a]) * (ys[c] - ys[a]) - (ys[b] - ys[a]) * (xs[c] - xs[a])).toBeGreaterThan(0);
      const r2 = (xs[a] - centres[2 * t]) ** 2 + (ys[a] - centres[2 * t + 1]) ** 2;
      for (let p = 0; p < pointCount; p++)
        if ((xs[p] - centres[2 * t]) ** 2 + (ys[p] - centres[2 * t + 1]) ** 2 < r2 * (1 - 1e-9))
          inside.push([t, p]);
    }
    expect(inside).toEqual([]);
    // Euler: a triangulation of n points with h on the hull has 2n − 2 − h triangles.
    expect(real.length).toBeGreaterThan(2 * 300 - 2 - 60);
    expect(real.length).toBeLessThanOrEqual(2 * 300 - 5);
  });

  it('refuses fewer than three points', () => {
    expect(() => delaunay([0, 1], [0, 1])).toThrow(/at least three/);
  });
});

describe('voronoi cells and their unions', () => {
  const { xs, ys, inner } = grid();
  const cells = voronoiCells(xs, ys, inner);

  it('gives each site a counter-clockwise cell around it, sharing each edge with exactly one neighbour', () => {
    cells.rings.forEach((ring) => expect(ringArea(cells.vertices, ring)).toBeGreaterThan(0));
    const centre = inner.indexOf(40);
    expect(cells.neighbours[centre].length).toBeGreaterThanOrEqual(4);
    for (const other of cells.neighbours[centre]) expect(cells.neighbours[other]).toContain(centre);
  });

  it('unites cells exactly: the union has the summed area, a ring of cells has a hole', () => {
    const all = inner.map((_, i) => i);
    const whole = unionOfCells(cells, all);
    const sum = cells.rings.reduce((s, ring) => s + ringArea(cells.vertices, ring), 0);
    expect(ringArea(cells.vertices, whole.outer)).toBeCloseTo(sum, 6);
    expect(whole.holes).toEqual([]);
    const centre = inner.indexOf(40);
    const ring = all.filter(
      (c) => c !== centre && Math.abs((inner[c] % 9) - 4) <= 1 && Math.abs(Math.floor(inner[c] / 9) - 4) <= 1,
    );
    const donut = unionOfCells(cells, ring);
    expect(donut.holes).toHaveLength(1);
    expect(ringArea(cells.vertices, donut.holes[0])).toBeCloseTo(
      -ringArea(cells.vertices, cells.rings[centre]),
      6,
    );
  });

  it('refuses cells that are not one piece, and sites whose cell is unbounded', () => {
    expect(() => unionOfCells(cells, [inner.indexOf(10), inner.indexOf(70)])).toThrow(
      /not one contiguous piece/,
    );
    expect(() => voronoiCells(xs, ys, [0])).toThrow(/unbounded/);
  });

  it('groups cells into contiguous groups that cover them once', () => {
    const graph = { x: inner.map((s) => xs[s]), y: inner.map((s) => ys[s]), neighbours: cells.neighbours };
    const members = inner.map((_, i) => i);
    const groups = contiguousGroups(graph, members, 5);
    expect(groups).toHaveLength(5);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(members);
    for (const group of groups) expect(() => unionOfCells(cells, group)).not.toThrow();
    expect(Math.max(...groups.map((g) => g.length))).toBeLessThan(
      3 * Math.min(...groups.map((g) => g.length)),
    );
    expect(() => contiguousGroups(graph, members, 50)).toThrow(/cannot make 50 groups of 49/);
  });
});
