import { splitAtStart } from '@quartier/contracts';
import { differenceInDifferences } from './did';
import { EvaluationError } from './evaluation-error';
import { eventStudy, outcomePeriods } from './event-study';
import type { Group, LongValue } from './values';

const PERIODS = ['2018', '2019', '2020', '2021'];
const FOUR = new Map<string, Group>([
  ['T1', 'treated'],
  ['T2', 'treated'],
  ['C1', 'comparison'],
  ['C2', 'comparison'],
]);

function values(table: Record<string, (number | null)[]>, periods = PERIODS): LongValue[] {
  return Object.entries(table).flatMap(([area, row]) =>
    row.map((value, i) => ({ area, indicator: 'X', period: periods[i], value })),
  );
}

const PANEL = {
  T1: [9, 10, 13, 15],
  T2: [12, 12, 17, 18],
  C1: [7, 8, 9, 9],
  C2: [10, 11, 13, 14],
};

function errorOf(run: () => unknown): EvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error('expected an EvaluationError');
}

describe('eventStudy', () => {
  it('estimates every period against the last pre period, as computed by hand', () => {
    // δ_p = (T̄_p − C̄_p) − (T̄_2019 − C̄_2019). Influence of an area: ±(change − group mean change)/2;
    // c = G/(G−1)·(N−1)/(N−K) = 4/3 · 15/8 = 2.5.
    // 2018: T changes −1, 0; C −1, −1 → δ = 0.5, Σ influence² = 0.125 → V = 0.3125.
    // 2020: T +3, +5; C +1, +2 → δ = 2.5, Σ = 0.625 → V = 1.5625. 2021: T +5, +6; C +1, +3 → δ = 3.5, V = 1.5625.
    // statsmodels 0.13.5 (cluster, use_t) gives the same SEs and p = 0.4370, 0.1393, 0.0679.
    const result = eventStudy({
      indicator: 'X',
      values: values(PANEL),
      groups: FOUR,
      pre: ['2018', '2019'],
      post: ['2020', '2021'],
    });
    expect(result.reference).toBe('2019');
    expect(result.points.map((p) => [p.period, p.relative, p.reference])).toEqual([
      ['2018', -2, false],
      ['2019', -1, true],
      ['2020', 0, false],
      ['2021', 1, false],
    ]);
    const [p2018, ref, p2020, p2021] = result.points;
    expect(p2018.estimate).toBeCloseTo(0.5, 12);
    expect(p2018.se).toBeCloseTo(Math.sqrt(0.3125), 12);
    expect(p2018.p).toBeCloseTo(0.436997620888415, 10);
    expect(ref).toMatchObject({ estimate: 0, se: 0, t: null, p: null, ci95: [0, 0] });
    expect(p2020.estimate).toBeCloseTo(2.5, 12);
    expect(p2020.se).toBeCloseTo(1.25, 12);
    expect(p2020.p).toBeCloseTo(0.13932596855884144, 10);
    expect(p2021.estimate).toBeCloseTo(3.5, 12);
    expect(p2021.p).toBeCloseTo(0.06785290048414024, 10);
    expect(p2021.ci95[0]).toBeCloseTo(3.5 - 3.182446305283708 * 1.25, 10);
    expect(p2020.observations).toEqual({ treated: 2, comparison: 2 });
    expect(result).toMatchObject({
      observations: 16,
      clusters: { treated: 2, comparison: 2 },
      degreesOfFreedom: 3,
      omitted: [],
    });
  });

  it('equals the difference-in-differences when there is one pre and one post period', () => {
    const table = { T1: [10, 13], T2: [12, 17], C1: [8, 9], C2: [11, 13] };
    const input = {
      indicator: 'X',
      values: values(table, ['2019', '2020']),
      groups: FOUR,
      pre: ['2019'],
      post: ['2020'],
    };
    const study = eventStudy(input);
    const did = differenceInDifferences(input);
    expect(study.points[1].estimate).toBeCloseTo(did.estimate, 12);
    expect(study.points[1].se).toBeCloseTo(did.se, 12);
    expect(study.points[1].p).toBeCloseTo(did.p!, 12);
  });

  it('leaves out a period in which one group has no value and says why', () => {
    const result = eventStudy({
      indicator: 'X',
      values: values({ ...PANEL, C1: [7, 8, 9, null], C2: [10, 11, 13, null] }),
      groups: FOUR,
      pre: ['2018', '2019'],
      post: ['2020', '2021'],
    });
    expect(result.omitted).toEqual([{ period: '2021', relative: 1, reason: 'no-comparison-observation' }]);
    expect(result.points.map((p) => p.period)).toEqual(['2018', '2019', '2020']);
    // The remaining point is still the cell-mean contrast.
    expect(result.points[2].estimate).toBeCloseTo(2.5, 12);
    // The treated values of 2021 cannot be used either: 16 − 4 observations.
    expect(result.observations).toBe(12);
  });

  it('keeps an unbalanced panel: the estimate compares the areas observed in each period', () => {
    const result = eventStudy({
      indicator: 'X',
      values: values({ ...PANEL, T2: [null, 12, 17, 18] }),
      groups: FOUR,
      pre: ['2018', '2019'],
      post: ['2020', '2021'],
    });
    // 2018: treated mean 9 (T1 only) vs 11 in 2019 → (9 − 11) − (8.5 − 9.5) = −1.
    expect(result.points[0].estimate).toBeCloseTo(-1, 12);
    expect(result.points[0].observations).toEqual({ treated: 1, comparison: 2 });
  });

  it('fails when a group has no value in the reference period', () => {
    const error = errorOf(() =>
      eventStudy({
        indicator: 'X',
        values: values({ ...PANEL, T1: [9, null, 13, 15], T2: [12, null, 17, 18] }),
        groups: FOUR,
        pre: ['2018', '2019'],
        post: ['2020', '2021'],
      }),
    );
    expect(error.code).toBe('MissingObservations');
    expect(error.details).toMatchObject({ group: 'treated', period: '2019' });
  });

  it('fails when pre and post periods interleave, or a group loses its second area to omitted periods', () => {
    expect(
      errorOf(() =>
        eventStudy({
          indicator: 'X',
          values: values(PANEL),
          groups: FOUR,
          pre: ['2018', '2020'],
          post: ['2019', '2021'],
        }),
      ).code,
    ).toBe('InvalidPeriods');
    // C2 has values only in 2021, where the treated group has none: it cannot contribute.
    const error = errorOf(() =>
      eventStudy({
        indicator: 'X',
        values: values({
          T1: [9, 10, 13, null],
          T2: [12, 12, 17, null],
          C1: [7, 8, 9, 9],
          C2: [null, null, null, 14],
        }),
        groups: FOUR,
        pre: ['2018', '2019'],
        post: ['2020', '2021'],
      }),
    );
    expect(error.code).toBe('TooFewAreas');
    expect(error.details).toMatchObject({ group: 'comparison', areas: 1 });
  });

  it('orders a series of mixed period kinds by date, not as text', () => {
    // As text "2023-12-31" sorted before "2023H1" and became the earliest point, 2023H1 the reference.
    const result = eventStudy({
      indicator: 'X',
      values: values(PANEL, ['2023H1', '2023-12-31', '2024H1', '2024-12-31']),
      groups: FOUR,
      pre: ['2023-12-31', '2023H1'],
      post: ['2024-12-31', '2024H1'],
    });
    expect(result.reference).toBe('2023-12-31');
    expect(result.points.map((p) => [p.period, p.relative])).toEqual([
      ['2023H1', -2],
      ['2023-12-31', -1],
      ['2024H1', 0],
      ['2024-12-31', 1],
    ]);
    expect(result.points[2].estimate).toBeCloseTo(2.5, 12);
  });

  it("accepts the service's split at a start period when a post period begins before a pre one ends", () => {
    // A start in 2024H2: 2024H1 is before, the year 2024 (which the start falls into) after.
    const periods = ['2023', '2024H1', '2024', '2025'];
    const split = splitAtStart(periods, '2024H2');
    expect(split).toEqual({ pre: ['2023', '2024H1'], post: ['2024', '2025'] });
    const result = eventStudy({ indicator: 'X', values: values(PANEL, periods), groups: FOUR, ...split });
    expect(result.reference).toBe('2024H1');
    expect(result.points.map((p) => [p.period, p.relative])).toEqual([
      ['2023', -2],
      ['2024H1', -1],
      ['2024', 0],
      ['2025', 1],
    ]);
    // "2024H1" sorted after "2024-12-31" as text: a reference date at the end of the year was refused.
    const dates = ['2023H2', '2024H1', '2024-12-31', '2025-06-30'];
    const byDate = eventStudy({
      indicator: 'X',
      values: values(PANEL, dates),
      groups: FOUR,
      pre: ['2023H2', '2024H1'],
      post: ['2024-12-31', '2025-06-30'],
    });
    expect(byDate.points.map((p) => p.relative)).toEqual([-2, -1, 0, 1]);
  });

  it('refuses a pre period that ends as late as a post period, and a text that is no period', () => {
    const refused = (pre: string[], post: string[]) =>
      errorOf(() => eventStudy({ indicator: 'X', values: values(PANEL), groups: FOUR, pre, post }));
    const late = refused(['2023', '2024H2'], ['2024', '2025']);
    expect(late.code).toBe('InvalidPeriods');
    expect(late.message).toContain('"2024H2" ends on 2024-12-31, "2024" on 2024-12-31');
    expect(refused(['2024-03'], ['2024-W10']).code).toBe('InvalidPeriods');
    const garbage = refused(['2019', 'Vorher'], ['2020']);
    expect(garbage.code).toBe('InvalidPeriods');
    expect(garbage.details).toMatchObject({ field: 'pre', period: 'Vorher' });
    expect(refused(['2019'], ['2025-W53']).details).toMatchObject({ field: 'post', period: '2025-W53' });
  });
});

describe('outcomePeriods', () => {
  const fact = (indicator: string, period: string, value: number | null = 1) => ({
    area: 'T1',
    indicator,
    period,
    value,
  });
  const pre = ['2023', '2023Q3', '2023Q4', '2023-04-01/P1Y'];
  const post = ['2024', '2024Q1', '2024-04-01/P1Y', '2024-01-01/P2M'];

  it("keeps the outcome's own kinds, an interval by its duration, a withheld fact counting", () => {
    const values = [
      fact('Y', '2023'),
      fact('Q', '2023Q3', null),
      fact('Q', '2024Q1'),
      fact('F', '2024-04-01/P1Y'),
    ];
    expect(outcomePeriods('Y', values, pre, post)).toEqual({ pre: ['2023'], post: ['2024'] });
    expect(outcomePeriods('Q', values, pre, post)).toEqual({ pre: ['2023Q3', '2023Q4'], post: ['2024Q1'] });
    expect(outcomePeriods('F', values, pre, post)).toEqual({
      pre: ['2023-04-01/P1Y'],
      post: ['2024-04-01/P1Y'],
    });
  });

  it('keeps every kind of an outcome reported in several, and the design periods without facts', () => {
    const values = [fact('M', '2023'), fact('M', '2024Q1'), fact('Y', '2022')];
    expect(outcomePeriods('M', values, pre, post)).toEqual({
      pre: ['2023', '2023Q3', '2023Q4'],
      post: ['2024', '2024Q1'],
    });
    // 2022 is no design period: Y has no fact in the design and keeps its periods (and fails as before).
    expect(outcomePeriods('Y', values, pre, post)).toEqual({ pre, post });
  });
});
