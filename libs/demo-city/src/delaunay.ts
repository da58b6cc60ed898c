/**
 * Delaunay triangulation by incremental insertion (Bowyer–Watson). The generated city needs
 * only a few thousand well-spread points, so the textbook algorithm with a walking point
 * location is fast enough; what matters is that neighbouring Voronoi cells get their shared
 * vertices from the same triangle, so the cells fit together exactly.
 */
export interface Triangulation {
  /** Number of input points; vertex indices from here on are the enclosing super-triangle. */
  readonly pointCount: number;
  /** Vertex indices, three per triangle, counter-clockwise. */
  readonly triangles: readonly number[];
  /** Circumcentres, x and y per triangle. */
  readonly centres: readonly number[];
}

export function delaunay(xs: readonly number[], ys: readonly number[]): Triangulation {
  const n = xs.length;
  if (n < 3 || ys.length !== n) throw new Error('delaunay: need at least three points with x and y');
  const mesh = new Mesh(xs, ys);
  for (let i = 0; i < n; i++) mesh.insert(i);
  return mesh.result();
}

class Mesh {
  private readonly px: number[];
  private readonly py: number[];
  private readonly m: number;
  private readonly tv: number[] = [];
  private readonly alive: boolean[] = [];
  private readonly cx: number[] = [];
  private readonly cy: number[] = [];
  private readonly r2: number[] = [];
  /** Directed edge a→b (counter-clockwise in its triangle) → that triangle. */
  private readonly edges = new Map<number, number>();
  private last = 0;

  constructor(xs: readonly number[], ys: readonly number[]) {
    const n = xs.length;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, xs[i]);
      maxX = Math.max(maxX, xs[i]);
      minY = Math.min(minY, ys[i]);
      maxY = Math.max(maxY, ys[i]);
    }
    const d = Math.max(maxX - minX, maxY - minY, 1);
    const [mx, my] = [(minX + maxX) / 2, (minY + maxY) / 2];
    this.px = [...xs, mx - 20 * d, mx + 20 * d, mx];
    this.py = [...ys, my - 10 * d, my - 10 * d, my + 20 * d];
    this.m = n + 3;
    this.add(n, n + 1, n + 2);
  }

  insert(p: number): void {
    const start = this.locate(p);
    const bad = new Set<number>([start]);
    const stack = [start];
    while (stack.length > 0) {
      const t = stack.pop() as number;
      for (let e = 0; e < 3; e++) {
        const [a, b] = this.edge(t, e);
        const other = this.edges.get(this.key(b, a));
        if (other !== undefined && !bad.has(other) && this.inCircle(other, p)) {
          bad.add(other);
          stack.push(other);
        }
      }
    }
    const boundary: [number, number][] = [];
    for (const t of bad)
      for (let e = 0; e < 3; e++) {
        const [a, b] = this.edge(t, e);
        const other = this.edges.get(this.key(b, a));
        if (other === undefined || !bad.has(other)) boundary.push([a, b]);
      }
    for (const t of bad) this.remove(t);
    for (const [a, b] of boundary) {
      if (this.orient(a, b, p) <= 0) throw new Error(`delaunay: degenerate cavity at point ${p}`);
      this.last = this.add(a, b, p);
    }
  }

  result(): Triangulation {
    const triangles: number[] = [];
    const centres: number[] = [];
    for (let t = 0; t < this.alive.length; t++) {
      if (!this.alive[t]) continue;
      triangles.push(this.tv[3 * t], this.tv[3 * t + 1], this.tv[3 * t + 2]);
      centres.push(this.cx[t], this.cy[t]);
    }
    return { pointCount: this.m - 3, triangles, centres };
  }

  /** Walks from the last new triangle towards p; falls back to a scan if the walk loops. */
  private locate(p: number): number {
    let t = this.alive[this.last] ? this.last : this.alive.indexOf(true);
    for (let steps = 0; steps < 4 * this.alive.length + 10; steps++) {
      let moved = false;
      for (let k = 0; k < 3; k++) {
        const e = (k + steps) % 3;
        const [a, b] = this.edge(t, e);
        if (this.orient(a, b, p) < 0) {
          const other = this.edges.get(this.key(b, a));
          if (other === undefined) break;
          t = other;
          moved = true;
          break;
        }
      }
      if (!moved) return t;
    }
    for (let s = 0; s < this.alive.length; s++) {
      if (!this.alive[s]) continue;
      if ([0, 1, 2].every((e) => this.orient(...this.edge(s, e), p) >= 0)) return s;
    }
    throw new Error(`delaunay: point ${p} lies outside the triangulation`);
  }

  private add(a: number, b: number, c: number): number {
    const t = this.alive.length;
    this.tv.push(a, b, c);
    this.alive.push(true);
    const [ax, ay] = [this.px[a], this.py[a]];
    const [bx, by] = [this.px[b] - ax, this.py[b] - ay];
    const [qx, qy] = [this.px[c] - ax, this.py[c] - ay];
    const d = 2 * (bx * qy - by * qx);
    const b2 = bx * bx + by * by;
    const q2 = qx * qx + qy * qy;
    const ux = (qy * b2 - by * q2) / d;
    const uy = (bx * q2 - qx * b2) / d;
    this.cx.push(ax + ux);
    this.cy.push(ay + uy);
    this.r2.push(ux * ux + uy * uy);
    this.edges.set(this.key(a, b), t);
    this.edges.set(this.key(b, c), t);
    this.edges.set(this.key(c, a), t);
    return t;
  }

  private remove(t: number): void {
    this.alive[t] = false;
    for (let e = 0; e < 3; e++) {
      const key = this.key(...this.edge(t, e));
      if (this.edges.get(key) === t) this.edges.delete(key);
    }
  }

  private edge(t: number, e: number): [number, number] {
    return [this.tv[3 * t + e], this.tv[3 * t + ((e + 1) % 3)]];
  }

  private key(a: number, b: number): number {
    return a * this.m + b;
  }

  private orient(a: number, b: number, p: number): number {
    const { px, py } = this;
    return (px[b] - px[a]) * (py[p] - py[a]) - (py[b] - py[a]) * (px[p] - px[a]);
  }

  private inCircle(t: number, p: number): boolean {
    const dx = this.px[p] - this.cx[t];
    const dy = this.py[p] - this.cy[t];
    return dx * dx + dy * dy < this.r2[t];
  }
}
