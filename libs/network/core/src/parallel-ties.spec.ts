import { seededRandom } from '@quartier/demo-city';
import { buildNetworkGraph } from './graph';
import { eigenvectorCentrality, pagerank } from './centrality';
import { foldParallelTies, type TieToFold } from './parallel-ties';

const tie = (source: string, target: string, weight?: number, directed = false): TieToFold => ({
  source,
  target,
  directed,
  ...(weight === undefined ? {} : { weight }),
});

describe('foldParallelTies', () => {
  const ties = [tie('a', 'b', 2), tie('b', 'a', 5), tie('a', 'a', 1), tie('a', 'b', 1), tie('a', 'c')];

  it('sums repeated pairs in either order (undirected), keeps the first row, drops self-ties', () => {
    const result = foldParallelTies(ties, { parallel: 'sum', selfTies: 'drop' });
    expect(result.ties).toEqual([
      { index: 0, weight: 8, rows: [0, 1, 3] },
      { index: 4, weight: 1, rows: [4] },
    ]);
    expect(result).toMatchObject({ parallelMerged: 2, selfTiesDropped: 1, selfTiesKept: 0, refused: [] });
  });

  it('takes the largest or the first weight when asked, and keeps self-ties', () => {
    expect(foldParallelTies(ties, { parallel: 'max', selfTies: 'keep' }).ties.map((t) => t.weight)).toEqual([
      5, 1, 1,
    ]);
    const first = foldParallelTies(ties, { parallel: 'first', selfTies: 'keep' });
    expect(first.ties.map((t) => [t.index, t.weight])).toEqual([
      [0, 2],
      [2, 1],
      [4, 1],
    ]);
    expect(first.selfTiesKept).toBe(1);
  });

  it('counts unweighted repeats as the weight', () => {
    const result = foldParallelTies([tie('x', 'y'), tie('y', 'x'), tie('x', 'y')], {
      parallel: 'sum',
      selfTies: 'drop',
    });
    expect(result.ties).toEqual([{ index: 0, weight: 3, rows: [0, 1, 2] }]);
  });

  it('keeps directions, kinds and directed/undirected apart', () => {
    const result = foldParallelTies(
      [
        tie('a', 'b', 1, true),
        tie('b', 'a', 1, true),
        tie('a', 'b', 1, false),
        { ...tie('a', 'b', 1, true), kind: 'funding' },
      ],
      { parallel: 'sum', selfTies: 'drop' },
    );
    expect(result.ties).toHaveLength(4);
  });

  it('refuses repeats and self-ties in strict mode, naming the row repeated', () => {
    const result = foldParallelTies(ties, { parallel: 'strict', selfTies: 'strict' });
    expect(result.refused).toEqual([
      { index: 1, reason: 'parallel', repeats: 0 },
      { index: 2, reason: 'self' },
      { index: 3, reason: 'parallel', repeats: 0 },
    ]);
  });
});

/** Solves A x = b by Gaussian elimination with partial pivoting (tests only, small n). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

describe('PageRank and eigenvector centrality converge to 1e-12', () => {
  it('PageRank equals the exact solution of its linear system, dangling nodes included', () => {
    const random = seededRandom(7);
    const n = 60;
    const edges: { source: string; target: string; weight: number }[] = [];
    for (let s = 0; s < n; s++)
      for (let t = 0; t < n; t++)
        if (s !== t && s % 13 !== 0 && random() < 0.05)
          edges.push({ source: `v${s}`, target: `v${t}`, weight: 1 + Math.floor(random() * 5) });
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `v${i}` }));
    const graph = buildNetworkGraph({ nodes, edges, directed: true, weighted: true });
    // x = α (W x + d·x/n) + (1−α)/n with Σx = 1  ⇔  (I − αW − α D/n) x = (1−α)/n · 1.
    const alpha = 0.85;
    const strength = new Array<number>(n).fill(0);
    for (const e of edges) strength[Number(e.source.slice(1))] += e.weight;
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    for (const e of edges) {
      const s = Number(e.source.slice(1));
      a[Number(e.target.slice(1))][s] -= (alpha * e.weight) / strength[s];
    }
    for (let s = 0; s < n; s++) if (strength[s] === 0) for (let i = 0; i < n; i++) a[i][s] -= alpha / n;
    const exact = solve(a, new Array<number>(n).fill((1 - alpha) / n));
    const { values, converged } = pagerank(graph);
    expect(converged).toBe(true);
    values.forEach((v, i) => expect(Math.abs(v - exact[i])).toBeLessThan(1e-12));
  });

  it('eigenvector centrality of a slowly mixing chain reaches the closed form', () => {
    // Path of n nodes: the Perron vector is sin(kπ/(n+1)), normalised (power iteration on A + I
    // converges here at rate cos-gap ≈ 0.999, where NetworkX's default stop is 1e-4 off).
    const n = 40;
    const edges = Array.from({ length: n - 1 }, (_, i) => ({ source: `p${i}`, target: `p${i + 1}` }));
    const graph = buildNetworkGraph({ edges });
    const exact = Array.from({ length: n }, (_, i) => Math.sin(((i + 1) * Math.PI) / (n + 1)));
    const norm = Math.hypot(...exact);
    const { values, converged } = eigenvectorCentrality(graph);
    expect(converged).toBe(true);
    values.forEach((v, i) => expect(Math.abs(v - exact[i] / norm)).toBeLessThan(1e-12));
    const stoppedEarly = eigenvectorCentrality(graph, 100_000, 1e-3);
    expect(Math.max(...stoppedEarly.values.map((v, i) => Math.abs(v - exact[i] / norm)))).toBeGreaterThan(
      1e-8,
    );
  });

  it('gives up early, unconverged, where the power iteration cannot reach 1e-12 (a long chain)', () => {
    const edges = Array.from({ length: 1999 }, (_, i) => ({ source: `c${i}`, target: `c${i + 1}` }));
    expect(eigenvectorCentrality(buildNetworkGraph({ edges })).converged).toBe(false);
  });
});
