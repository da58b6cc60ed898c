import { differenceInDifferences, type DidInput } from './did';
import { EvaluationError } from './evaluation-error';
import type { Group, LongValue } from './values';

const T975_DF3 = 3.182446305283708; // Student's t, 97.5 % quantile, 3 degrees of freedom

/** Long values of indicator X from a compact table: area → { period: value }. */
function values(table: Record<string, Record<string, number | null>>, indicator = 'X'): LongValue[] {
  return Object.entries(table).flatMap(([area, byPeriod]) =>
    Object.entries(byPeriod).map(([period, value]) => ({ area, indicator, period, value })),
  );
}

const groups = (entries: Record<string, Group>) => new Map(Object.entries(entries));
const FOUR = groups({ T1: 'treated', T2: 'treated', C1: 'comparison', C2: 'comparison' });

function did(table: Record<string, Record<string, number | null>>, overrides: Partial<DidInput> = {}) {
  return differenceInDifferences({
    indicator: 'X',
    values: values(table),
    groups: FOUR,
    pre: ['2019'],
    post: ['2020'],
    ...overrides,
  });
}

function errorOf(run: () => unknown): EvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error('expected an EvaluationError');
}

describe('differenceInDifferences', () => {
  it('matches the hand computation for a balanced 2 × 2 panel', () => {
    // Changes: T1 +3, T2 +5 (mean 4); C1 +1, C2 +2 (mean 1.5) → estimate 2.5.
    // In the saturated model a cluster's influence on the estimate is (d_i − d̄_group) / n_group:
    // ±0.5 for the treated, ±0.25 for the comparison areas → Σ = 0.625;
    // c = G/(G−1)·(N−1)/(N−K) = 4/3 · 7/4 = 7/3 → V = 35/24.
    const result = did({
      T1: { '2019': 10, '2020': 13 },
      T2: { '2019': 12, '2020': 17 },
      C1: { '2019': 8, '2020': 9 },
      C2: { '2019': 11, '2020': 13 },
    });
    const se = Math.sqrt(35 / 24);
    expect(result.estimate).toBeCloseTo(2.5, 12);
    expect(result.se).toBeCloseTo(se, 12);
    expect(result.t).toBeCloseTo(2.5 / se, 12);
    // Cross-checked with statsmodels 0.13.5: OLS(...).fit(cov_type='cluster', use_t=True).
    expect(result.p).toBeCloseTo(0.13021764878319658, 12);
    expect(result.ci95[0]).toBeCloseTo(2.5 - T975_DF3 * se, 12);
    expect(result.ci95[1]).toBeCloseTo(2.5 + T975_DF3 * se, 12);
    expect(result.observations).toBe(8);
    expect(result.clusters).toEqual({ treated: 2, comparison: 2 });
    expect(result.means).toEqual({ treated: { pre: 11, post: 15 }, comparison: { pre: 9.5, post: 11 } });
    expect(result.degreesOfFreedom).toBe(3);
    // Intercept = comparison pre mean, treated = gap before, post = comparison change.
    expect(result.coefficients[0]).toBeCloseTo(9.5, 12);
    expect(result.coefficients[1]).toBeCloseTo(1.5, 12);
    expect(result.coefficients[2]).toBeCloseTo(1.5, 12);
  });

  it('matches the hand computation for an unbalanced panel with a missing value', () => {
    // Cells: treated pre {10,12,14} → 12, post {15,20} → 17.5; comparison pre {5,6,7,9} → 6.75,
    // post {6,12} → 9. Estimate (17.5 − 12) − (9 − 6.75) = 3.25.
    // Cluster influences Σ w·û with w = ±1/n_cell: T1 −7/12, T2 +7/12, C1 +7/8, C2 −7/8;
    // Σ² = 637/288; c = 4/3 · 10/7 = 40/21 → V = 455/108.
    const result = did(
      {
        T1: { '2018': 10, '2019': 12, '2020': 15 },
        T2: { '2018': 14, '2019': null, '2020': 20 },
        C1: { '2018': 5, '2019': 6, '2020': 6 },
        C2: { '2018': 7, '2019': 9, '2020': 12 },
      },
      { pre: ['2018', '2019'], post: ['2020'] },
    );
    expect(result.estimate).toBeCloseTo(3.25, 12);
    expect(result.se).toBeCloseTo(Math.sqrt(455 / 108), 12);
    expect(result.p).toBeCloseTo(0.2114924219332558, 12); // statsmodels, as above
    expect(result.ci95[0]).toBeCloseTo(-3.2821313, 6);
    expect(result.observations).toBe(11);
    expect(result.means).toEqual({
      treated: { pre: 12, post: 17.5 },
      comparison: { pre: 6.75, post: 9 },
    });
  });

  it('agrees with an independent dense sandwich computation on a larger random panel', () => {
    // 7 treated and 9 comparison areas, 3 pre and 2 post periods, ~15 % missing: the sparse
    // accumulation must equal the textbook matrix formula evaluated element by element.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const table: Record<string, Record<string, number | null>> = {};
    const membership: Record<string, Group> = {};
    const periods = ['2015', '2016', '2017', '2018', '2019'];
    for (let i = 0; i < 16; i++) {
      const area = `A${i}`;
      membership[area] = i < 7 ? 'treated' : 'comparison';
      table[area] = Object.fromEntries(
        periods.map((p, j) => [p, random() < 0.15 ? null : 20 + i + j * (i < 7 ? 1.5 : 1) + random() * 4]),
      );
    }
    const result = differenceInDifferences({
      indicator: 'X',
      values: values(table),
      groups: groups(membership),
      pre: ['2015', '2016', '2017'],
      post: ['2018', '2019'],
    });
    const rows: { x: number[]; y: number; g: number }[] = [];
    Object.entries(table).forEach(([area, byPeriod], g) => {
      for (const [period, y] of Object.entries(byPeriod)) {
        if (y === null) continue;
        const t = membership[area] === 'treated' ? 1 : 0;
        const p = period >= '2018' ? 1 : 0;
        rows.push({ x: [1, t, p, t * p], y, g });
      }
    });
    const { estimate, variance } = denseClusteredOls(rows, 16);
    expect(result.observations).toBe(rows.length);
    expect(result.estimate).toBeCloseTo(estimate, 10);
    expect(result.se).toBeCloseTo(Math.sqrt(variance), 10);
  });

  it('gives an SE of (numerically) 0 when the data fit the model exactly', () => {
    const result = did({
      T1: { '2019': 10, '2020': 14 },
      T2: { '2019': 10, '2020': 14 },
      C1: { '2019': 10, '2020': 11 },
      C2: { '2019': 10, '2020': 11 },
    });
    expect(result.estimate).toBeCloseTo(3, 12);
    expect(result.se).toBeCloseTo(0, 12);
  });

  it('ignores areas without a group, other indicators and periods outside pre ∪ post', () => {
    const base = {
      T1: { '2019': 10, '2020': 13 },
      T2: { '2019': 12, '2020': 17 },
      C1: { '2019': 8, '2020': 9 },
      C2: { '2019': 11, '2020': 13 },
    };
    const extra: LongValue[] = [
      { area: 'Z9', indicator: 'X', period: '2019', value: 1000 },
      { area: 'T1', indicator: 'Y', period: '2019', value: 1000 },
      { area: 'T1', indicator: 'X', period: '2021', value: 1000 },
    ];
    const result = differenceInDifferences({
      indicator: 'X',
      values: [...values(base), ...extra],
      groups: FOUR,
      pre: ['2019'],
      post: ['2020'],
    });
    expect(result.estimate).toBeCloseTo(2.5, 12);
    expect(result.observations).toBe(8);
  });

  it('rejects a group with fewer than 2 areas, counting only areas with observations', () => {
    const error = errorOf(() =>
      did({
        T1: { '2019': 10, '2020': 13 },
        T2: { '2019': null, '2020': null },
        C1: { '2019': 8, '2020': 9 },
        C2: { '2019': 11, '2020': 13 },
      }),
    );
    expect(error.code).toBe('TooFewAreas');
    expect(error.message).toContain('treated group has 1 area');
    expect(error.details).toMatchObject({ group: 'treated', areas: 1 });
  });

  it('rejects a group without observations after the start', () => {
    const error = errorOf(() =>
      did({
        T1: { '2019': 10, '2020': 13 },
        T2: { '2019': 12, '2020': 17 },
        C1: { '2019': 8 },
        C2: { '2019': 11 },
      }),
    );
    expect(error.code).toBe('MissingObservations');
    expect(error.details).toMatchObject({ group: 'comparison', phase: 'post' });
    expect(error.message).toContain('comparison group has no value of "X" in the post periods (2020)');
  });

  it('rejects a period in both lists, duplicates and empty lists', () => {
    const table = { T1: { '2019': 1 } };
    const both = errorOf(() => did(table, { pre: ['2018', '2019'], post: ['2019', '2020'] }));
    expect(both.code).toBe('InvalidPeriods');
    expect(both.message).toBe('period "2019" is both pre and post');
    expect(errorOf(() => did(table, { pre: ['2019', '2019'] })).code).toBe('InvalidInput');
    expect(errorOf(() => did(table, { post: [] })).code).toBe('InvalidPeriods');
  });

  it('rejects two values for one area and period, a non-finite value and an unknown group', () => {
    const duplicate = errorOf(() =>
      differenceInDifferences({
        indicator: 'X',
        values: [
          { area: 'T1', indicator: 'X', period: '2019', value: 1 },
          { area: 'T1', indicator: 'X', period: '2019', value: 2 },
        ],
        groups: FOUR,
        pre: ['2019'],
        post: ['2020'],
      }),
    );
    expect(duplicate.code).toBe('InvalidInput');
    expect(duplicate.details).toEqual({ area: 'T1', indicator: 'X', period: '2019' });
    expect(errorOf(() => did({ T1: { '2019': Number.NaN } })).code).toBe('InvalidInput');
    const unknown = errorOf(() => did({}, { groups: new Map([['T1', 'control' as Group]]) }));
    expect(unknown.message).toBe('area "T1": group "control" is neither "treated" nor "comparison"');
  });

  it('rejects a design with no residual degrees of freedom (N = K)', () => {
    const error = errorOf(() =>
      did({ T1: { '2019': 1 }, T2: { '2020': 2 }, C1: { '2019': 3 }, C2: { '2020': 5 } }),
    );
    expect(error.code).toBe('TooFewObservations');
  });
});

/** Textbook CR1 sandwich with explicit matrices (Gauss–Jordan inverse), for cross-checking. */
function denseClusteredOls(rows: { x: number[]; y: number; g: number }[], clusters: number) {
  const k = rows[0].x.length;
  const xtx = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => rows.reduce((s, r) => s + r.x[a] * r.x[b], 0)),
  );
  const inv = gaussJordanInverse(xtx);
  const xty = Array.from({ length: k }, (_, a) => rows.reduce((s, r) => s + r.x[a] * r.y, 0));
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
  const scores = Array.from({ length: clusters }, () => new Array<number>(k).fill(0));
  for (const r of rows) {
    const u = r.y - r.x.reduce((s, v, j) => s + v * beta[j], 0);
    r.x.forEach((v, j) => (scores[r.g][j] += v * u));
  }
  const meat = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => scores.reduce((s, sc) => s + sc[a] * sc[b], 0)),
  );
  const n = rows.length;
  const c = (clusters / (clusters - 1)) * ((n - 1) / (n - k));
  const last = k - 1;
  let variance = 0;
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) variance += inv[last][a] * meat[a][b] * inv[b][last];
  return { estimate: beta[last], variance: c * variance };
}

function gaussJordanInverse(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    for (let j = 0; j < 2 * n; j++) a[col][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(n));
}
