import { balanceTable, matchMultiplicity } from './balance';
import { EvaluationError } from './evaluation-error';
import type { LongValue } from './values';

function values(table: Record<string, (number | null)[]>): LongValue[] {
  return Object.entries(table).flatMap(([area, row]) =>
    row.map((value, j) => ({ area, indicator: `I${j + 1}`, period: '2015', value })),
  );
}

const TABLE = { T1: [10, 1], T2: [14, 1], A: [4, 1], B: [8, 1], C: [12, 1], D: [16, 2] };

describe('balanceTable', () => {
  it('computes SMDs before and after matching with the pre-matching pooled SD (hand computation)', () => {
    // Treated 10, 14: mean 12, s² 8. Candidates 4, 8, 12, 16: mean 10, s² 80/3.
    // Pooled SD √((8 + 80/3)/2) = √(52/3). Matched C twice, B once: mean 32/3, weighted s² 16/3.
    const [row] = balanceTable({
      values: values(TABLE),
      period: '2015',
      on: ['I1'],
      treated: ['T1', 'T2'],
      candidates: ['A', 'B', 'C', 'D'],
      matched: new Map([
        ['C', 2],
        ['B', 1],
      ]),
    });
    const pooled = Math.sqrt(52 / 3);
    expect(row.indicator).toBe('I1');
    expect(row.treated).toEqual({ n: 2, mean: 12, sd: expect.closeTo(Math.sqrt(8), 14) });
    expect(row.pooledSd).toBeCloseTo(pooled, 14);
    expect(row.before.mean).toBe(10);
    expect(row.before.smd).toBeCloseTo(2 / pooled, 14);
    expect(row.before.varianceRatio).toBeCloseTo(0.3, 14);
    expect(row.after.n).toBe(2);
    expect(row.after.weight).toBe(3);
    expect(row.after.mean).toBeCloseTo(32 / 3, 14);
    expect(row.after.sd).toBeCloseTo(Math.sqrt(16 / 3), 14);
    expect(row.after.smd).toBeCloseTo(4 / 3 / pooled, 14);
    expect(row.after.varianceRatio).toBeCloseTo(1.5, 14);
    expect(row.missing).toEqual([]);
  });

  it('rests the pooled SD on the candidates alone when there is one treated area', () => {
    const [row] = balanceTable({
      values: values(TABLE),
      period: '2015',
      on: ['I1'],
      treated: ['T1'],
      candidates: ['A', 'B', 'C', 'D'],
      matched: new Map([['B', 1]]),
    });
    expect(row.treated.sd).toBeNull();
    expect(row.pooledSd).toBeCloseTo(Math.sqrt(80 / 3), 14);
    expect(row.after.sd).toBeNull();
    expect(row.after.varianceRatio).toBeNull();
    expect(row.after.smd).toBeCloseTo(2 / Math.sqrt(80 / 3), 14);
  });

  it('gives SMD 0 for identical constants and none for different constants', () => {
    const rows = balanceTable({
      values: values({ T1: [5, 1], T2: [5, 1], A: [5, 2], B: [5, 2] }),
      period: '2015',
      on: ['I1', 'I2'],
      treated: ['T1', 'T2'],
      candidates: ['A', 'B'],
      matched: new Map([['A', 2]]),
    });
    expect(rows[0].before.smd).toBe(0);
    expect(rows[1].pooledSd).toBe(0);
    expect(rows[1].before.smd).toBeNull();
    expect(rows[1].before.varianceRatio).toBeNull();
  });

  it('leaves out and lists areas without a value (e.g. a comparison area added by hand)', () => {
    const [row] = balanceTable({
      values: values({ ...TABLE, X: [null, 1] }),
      period: '2015',
      on: ['I1'],
      treated: ['T1', 'T2'],
      candidates: ['A', 'B', 'C', 'D'],
      matched: new Map([
        ['C', 1],
        ['X', 1],
        ['Y', 1],
      ]),
    });
    expect(row.missing).toEqual(['X', 'Y']);
    expect(row.after).toMatchObject({ n: 1, weight: 1, mean: 12, sd: null });
  });

  it('rejects a non-positive weight', () => {
    expect(() =>
      balanceTable({
        values: [],
        period: '2015',
        on: ['I1'],
        treated: [],
        candidates: [],
        matched: new Map([['A', 0]]),
      }),
    ).toThrow(EvaluationError);
  });
});

describe('matchMultiplicity', () => {
  it('counts how often each comparison area was matched', () => {
    const pairs = [
      { treated: 'T1', rank: 1, comparison: 'A', distance: 1 },
      { treated: 'T1', rank: 2, comparison: 'B', distance: 2 },
      { treated: 'T2', rank: 1, comparison: 'A', distance: 1 },
    ];
    expect([...matchMultiplicity(pairs)]).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
  });
});
