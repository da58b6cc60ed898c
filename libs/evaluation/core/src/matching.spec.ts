import { EvaluationError } from './evaluation-error';
import { choleskyOfCovariance, matchNearestNeighbours, sampleCovariance, type MatchInput } from './matching';
import type { LongValue } from './values';

/** Baseline values in period 2015: area → values of I1, I2, … in order. */
function values(table: Record<string, (number | null)[]>, period = '2015'): LongValue[] {
  return Object.entries(table).flatMap(([area, row]) =>
    row.map((value, j) => ({ area, indicator: `I${j + 1}`, period, value })),
  );
}

function match(table: Record<string, (number | null)[]>, options: Partial<MatchInput> = {}) {
  const width = Object.values(table)[0].length;
  return matchNearestNeighbours({
    values: values(table),
    period: '2015',
    treated: ['T1'],
    on: Array.from({ length: width }, (_, j) => `I${j + 1}`),
    ...options,
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

describe('matchNearestNeighbours', () => {
  it('divides by the sample SD with one indicator (hand computation)', () => {
    // Values 10, 8, 13, 11, 20: mean 12.4, Σ(x − x̄)² = 85.2, variance 85.2 / 4 = 21.3.
    const result = match({ T1: [10], A: [8], B: [13], C: [11], D: [20] }, { k: 2 });
    const sd = Math.sqrt(21.3);
    expect(result.covariance[0][0]).toBeCloseTo(21.3, 12);
    expect(result.pairs).toEqual([
      { treated: 'T1', rank: 1, comparison: 'C', distance: expect.closeTo(1 / sd, 14) },
      { treated: 'T1', rank: 2, comparison: 'A', distance: expect.closeTo(2 / sd, 14) },
    ]);
    expect(result.candidates).toEqual(['A', 'B', 'C', 'D']);
  });

  it('uses the full inverse covariance with correlated indicators (closed-form 2 × 2 inverse)', () => {
    const table = { T1: [3, 4], T2: [6, 1], A: [1, 1], B: [4, 4], C: [2, 5], D: [7, 3], E: [5, 0] };
    const result = match(table, { treated: ['T2', 'T1'], k: 5 });
    // Covariance by hand formulas over all 7 areas, then d² = δ' S⁻¹ δ with S⁻¹ = adj(S)/det(S).
    const rows = Object.values(table);
    const mean = [0, 1].map((j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
    const cov = (a: number, b: number) =>
      rows.reduce((s, r) => s + (r[a] - mean[a]) * (r[b] - mean[b]), 0) / (rows.length - 1);
    const [sxx, syy, sxy] = [cov(0, 0), cov(1, 1), cov(0, 1)];
    expect(result.covariance).toEqual([
      [expect.closeTo(sxx, 12), expect.closeTo(sxy, 12)],
      [expect.closeTo(sxy, 12), expect.closeTo(syy, 12)],
    ]);
    const det = sxx * syy - sxy * sxy;
    const distance = (t: number[], c: number[]) => {
      const [dx, dy] = [c[0] - t[0], c[1] - t[1]];
      return Math.sqrt((syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy) / det);
    };
    for (const treated of ['T2', 'T1'] as const) {
      const expected = ['A', 'B', 'C', 'D', 'E']
        .map((c) => ({ c, d: distance(table[treated], table[c as keyof typeof table]) }))
        .sort((x, y) => x.d - y.d);
      const mine = result.pairs.filter((p) => p.treated === treated);
      expect(mine.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5]);
      expect(mine.map((p) => p.comparison)).toEqual(expected.map((e) => e.c));
      mine.forEach((p, i) => expect(p.distance).toBeCloseTo(expected[i].d, 12));
    }
    // Treated areas in input order.
    expect(result.pairs[0].treated).toBe('T2');
    expect(result.pairs[5].treated).toBe('T1');
  });

  it('breaks ties of equal distance by candidate code', () => {
    // B and A lie at −1 and +1 around T1: identical distances.
    const one = match({ T1: [0], B: [-1], A: [1], C: [5] });
    expect(one.pairs.map((p) => p.comparison)).toEqual(['A']);
    const two = match({ T1: [0], B: [-1], A: [1], C: [5] }, { k: 2 });
    expect(two.pairs.map((p) => p.comparison)).toEqual(['A', 'B']);
    expect(two.pairs[0].distance).toBe(two.pairs[1].distance);
    // Four mirrored candidates in two dimensions with a diagonal covariance.
    const cross = match({ T1: [0, 0], D: [0, -2], B: [0, 2], C: [-2, 0], A: [2, 0] }, { k: 3 });
    expect(cross.pairs.map((p) => p.comparison)).toEqual(['A', 'B', 'C']);
  });

  it('matches with replacement: two treated areas may share a neighbour', () => {
    const result = match({ T1: [10], T2: [10.5], A: [10.2], B: [30], C: [-5] }, { treated: ['T1', 'T2'] });
    expect(result.pairs.map((p) => `${p.treated}→${p.comparison}`)).toEqual(['T1→A', 'T2→A']);
  });

  it('takes as candidates every untreated area with all values, optionally within a pool', () => {
    const table = { T1: [1, 2], A: [2, 1], B: [null, 3], C: [4, 4], D: [0, 5], E: [3, 3] };
    expect(match(table).candidates).toEqual(['A', 'C', 'D', 'E']);
    expect(match(table, { candidatePool: ['C', 'D', 'B', 'E'] }).candidates).toEqual(['C', 'D', 'E']);
  });

  it('names the treated areas lacking a value and the indicators they lack', () => {
    const error = errorOf(() =>
      match({ T1: [1, null], T2: [2, 2], A: [1, 1], B: [2, 3], C: [3, 2] }, { treated: ['T1', 'T2', 'T3'] }),
    );
    expect(error.code).toBe('MissingBaseline');
    expect(error.message).toBe('treated areas "T1" (I2), "T3" (I1, I2) lack a value in period "2015"');
    expect(error.details).toMatchObject({ areas: ['T1', 'T3'] });
  });

  it('fails with fewer candidates than k', () => {
    const error = errorOf(() => match({ T1: [1], A: [2], B: [3] }, { k: 3 }));
    expect(error.code).toBe('NotEnoughCandidates');
    expect(error.message).toBe(
      '2 candidate areas have a value for every matching indicator in period "2015"; 3 neighbours are asked for',
    );
  });

  it('says when a candidate pool leaves fewer candidates than k', () => {
    const error = errorOf(() => match({ T1: [1], A: [2], B: [3], C: [4] }, { k: 2, candidatePool: ['A'] }));
    expect(error.code).toBe('NotEnoughCandidatesInPool');
    expect(error.message).toBe(
      '1 candidate area has a value for every matching indicator in period "2015" within the candidate pool; 2 neighbours are asked for',
    );
  });

  it('names the indicators of a singular covariance: a linear combination, a constant, too few areas', () => {
    // I3 = I1 + I2 exactly; I4 is independent noise.
    const combination = errorOf(() =>
      match({
        T1: [1, 2, 3, 5],
        A: [2, 1, 3, 1],
        B: [4, 4, 8, 2],
        C: [0, 3, 3, 7],
        D: [5, 2, 7, 4],
        E: [1, 1, 2, 9],
      }),
    );
    expect(combination.code).toBe('SingularCovariance');
    expect(combination.message).toBe(
      'the covariance of the matching indicators I1, I2, I3, I4 in period "2015" is singular: "I3" is a linear combination of "I1", "I2"; leave one of "I1", "I2", "I3" out',
    );
    expect(combination.details).toMatchObject({ involved: ['I1', 'I2', 'I3'] });
    const constant = errorOf(() => match({ T1: [1, 7], A: [2, 7], B: [4, 7], C: [3, 7] }));
    expect(constant.message).toContain('"I2" has the same value in every area');
    const tooFew = errorOf(() => match({ T1: [1, 2, 3], A: [2, 1, 5], B: [4, 4, 1] }));
    expect(tooFew.message).toContain('3 areas cannot estimate the covariance of 3 indicators');
  });

  it('rejects k < 1, a fractional k, an indicator listed twice and two values for one cell', () => {
    expect(errorOf(() => match({ T1: [1], A: [2] }, { k: 0 })).details).toEqual({ field: 'k' });
    expect(errorOf(() => match({ T1: [1], A: [2] }, { k: 1.5 })).code).toBe('InvalidInput');
    expect(errorOf(() => match({ T1: [1], A: [2] }, { on: ['I1', 'I1'] })).message).toBe(
      'on: "I1" listed twice',
    );
    const duplicate = errorOf(() =>
      matchNearestNeighbours({
        values: [
          ...values({ T1: [1], A: [2], B: [3] }),
          { area: 'A', indicator: 'I1', period: '2015', value: 4 },
        ],
        period: '2015',
        treated: ['T1'],
        on: ['I1'],
      }),
    );
    expect(duplicate.details).toEqual({ area: 'A', indicator: 'I1', period: '2015' });
  });

  it('uses only the baseline period', () => {
    const result = matchNearestNeighbours({
      values: [...values({ T1: [0], A: [1], B: [3] }), ...values({ T1: [100], A: [-50], B: [100] }, '2016')],
      period: '2015',
      treated: ['T1'],
      on: ['I1'],
    });
    expect(result.pairs[0].comparison).toBe('A');
  });

  it('screens candidates without changing the result of measuring every pair exactly', () => {
    // 400 candidates on 4 correlated indicators, with duplicated candidates (exact ties), k = 7.
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const table: Record<string, number[]> = {};
    for (let i = 0; i < 420; i++) {
      const f = random() * 10;
      table[`C${String(i).padStart(3, '0')}`] = [f, f * 0.8 + random(), random() * 3, f - random() * 2];
    }
    for (let i = 0; i < 20; i++) table[`D${i}`] = [...table[`C${String(i * 7).padStart(3, '0')}`]];
    const treated = Object.keys(table).slice(0, 20);
    const result = match(table, { treated, k: 7 });
    const candidates = Object.keys(table)
      .filter((a) => !treated.includes(a))
      .sort();
    const rows = [...treated, ...candidates].map((a) => Float64Array.from(table[a]));
    const factor = choleskyOfCovariance(sampleCovariance(rows, 4), ['I1', 'I2', 'I3', 'I4'], '2015');
    const expected = treated.flatMap((t) =>
      candidates
        .map((c, index) => {
          const diff = Float64Array.from(table[c].map((v, j) => v - table[t][j]));
          return { c, index, distance: Math.sqrt(factor.squaredNorm(diff)) };
        })
        .sort((a, b) => a.distance - b.distance || a.index - b.index)
        .slice(0, 7)
        .map((e, rank) => ({ treated: t, rank: rank + 1, comparison: e.c, distance: e.distance })),
    );
    expect(result.pairs).toEqual(expected);
  });
});
