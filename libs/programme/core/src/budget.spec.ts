import {
  assertCommitment,
  findOverCommitments,
  summariseBudget,
  type BudgetAmount,
  type MeasureBudget,
} from './budget';
import { ProgrammeError } from './programme-error';

const P = 'Projektfonds';
const A = 'Aktionsfonds';
const programmeBudget: BudgetAmount[] = [
  { year: 2026, line: P, amount: 10_000_000 },
  { year: 2026, line: A, amount: 1_000_000 },
  { year: 2027, line: P, amount: 8_000_000 },
];
const measures: MeasureBudget[] = [
  {
    measureId: 'm1',
    status: 'approved',
    budget: [{ year: 2026, line: P, amount: 4_000_000 }],
    expenditures: [{ year: 2026, amount: 1_500_000 }],
  },
  {
    measureId: 'm2',
    status: 'running',
    budget: [
      { year: 2026, line: P, amount: 3_000_000 },
      { year: 2027, line: P, amount: 2_000_000 },
    ],
    expenditures: [{ year: 2026, line: P, amount: 1_000_000 }],
  },
  { measureId: 'm3', status: 'proposed', budget: [{ year: 2026, line: P, amount: 5_000_000 }] },
  { measureId: 'm4', status: 'rejected', budget: [{ year: 2026, line: A, amount: 500_000 }] },
  {
    measureId: 'm5',
    status: 'cancelled',
    budget: [{ year: 2026, line: A, amount: 800_000 }],
    expenditures: [{ year: 2026, line: A, amount: 120_000 }],
  },
  {
    measureId: 'm6',
    status: 'completed',
    budget: [
      { year: 2026, line: A, amount: 300_000 },
      { year: 2026, line: 'Baufonds', amount: 200_000 },
    ],
    expenditures: [{ year: 2026, amount: 400_000 }],
  },
];

describe('summariseBudget', () => {
  it('computes planned, committed, proposed, spent and remaining per year × line', () => {
    const summary = summariseBudget(programmeBudget, measures);
    expect(summary.cells).toEqual([
      // m6 committed 300,000; cancelled m5 had spent 120,000, which stays committed; m4 rejected.
      {
        year: 2026,
        line: A,
        planned: 1_000_000,
        committed: 420_000,
        proposed: 0,
        spent: 120_000,
        remaining: 580_000,
      },
      // Not in the programme budget at all: over-committed by m6.
      {
        year: 2026,
        line: 'Baufonds',
        planned: 0,
        committed: 200_000,
        proposed: 0,
        spent: 0,
        remaining: -200_000,
      },
      {
        year: 2026,
        line: P,
        planned: 10_000_000,
        committed: 7_000_000,
        proposed: 5_000_000,
        spent: 2_500_000, // m1's line-less expenditure goes to its only 2026 line
        remaining: 3_000_000,
      },
      {
        year: 2027,
        line: P,
        planned: 8_000_000,
        committed: 2_000_000,
        proposed: 0,
        spent: 0,
        remaining: 6_000_000,
      },
    ]);
    // m6 has two lines in 2026: its line-less expenditure is not guessed.
    expect(summary.unassigned).toEqual([{ measureId: 'm6', year: 2026, amount: 400_000 }]);
  });

  it('returns no cells for an empty programme', () => {
    expect(summariseBudget([], [])).toEqual({ cells: [], unassigned: [] });
  });

  it('names every bad amount, year, line and duplicate cell', () => {
    let caught: unknown;
    try {
      summariseBudget(
        [
          { year: 2026, line: P, amount: 100 },
          { year: 2026, line: P, amount: 200 },
          { year: 26, line: ' ', amount: 1.5 },
        ],
        [
          {
            measureId: 'x',
            status: 'approved',
            budget: [{ year: 2026, line: P, amount: -1 }],
            expenditures: [{ year: 2026, amount: NaN }],
          },
        ],
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProgrammeError);
    expect((caught as ProgrammeError).code).toBe('InvalidBudget');
    expect((caught as ProgrammeError).issues).toEqual([
      { path: 'programmeBudget[1]', reason: 'Projektfonds 2026 occurs twice' },
      { path: 'programmeBudget[2].year', reason: 'must be a calendar year (got 26)' },
      { path: 'programmeBudget[2].amount', reason: 'must be a whole number of cents ≥ 0 (got 1.5)' },
      { path: 'programmeBudget[2].line', reason: 'is empty' },
      { path: 'measures[0].budget[0].amount', reason: 'must be a whole number of cents ≥ 0 (got -1)' },
      { path: 'measures[0].expenditures[0].amount', reason: 'must be a whole number of cents ≥ 0 (got NaN)' },
    ]);
  });
});

describe('over-commitment', () => {
  it('refuses approving a measure that pushes a line over its budget, naming line, year, budget and commitment', () => {
    const change = { measureId: 'm3', status: 'approved' as const, budget: measures[2].budget };
    expect(findOverCommitments(programmeBudget, measures, change)).toEqual([
      {
        year: 2026,
        line: P,
        budget: 10_000_000,
        committed: 12_000_000,
        committedBefore: 7_000_000,
        excess: 2_000_000,
      },
    ]);
    let caught: unknown;
    try {
      assertCommitment(programmeBudget, measures, change);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProgrammeError);
    const error = caught as ProgrammeError;
    expect(error.code).toBe('OverCommitment');
    expect(error.message).toBe(
      'measure m3 would over-commit Projektfonds 2026: budget 100000.00 EUR, commitment would be 120000.00 EUR (20000.00 EUR over)',
    );
    expect(error.params).toEqual({
      measureId: 'm3',
      lines: [P],
      years: [2026],
      budgets: [10_000_000],
      commitments: [12_000_000],
      excesses: [2_000_000],
    });
    expect(error.issues[0].path).toBe('budget.2026.Projektfonds');
  });

  it('lets the manager over-commit deliberately and reports what was over-committed', () => {
    const change = { measureId: 'm3', status: 'approved' as const, budget: measures[2].budget };
    const result = assertCommitment(programmeBudget, measures, change, { deliberate: true });
    expect(result.deliberate).toBe(true);
    expect(result.overCommitments.map((o) => o.excess)).toEqual([2_000_000]);
  });

  it('accepts a change that fits, and reports deliberate = false when nothing is over', () => {
    const change = {
      measureId: 'm3',
      status: 'approved' as const,
      budget: [{ year: 2026, line: P, amount: 3_000_000 }],
    };
    expect(assertCommitment(programmeBudget, measures, change, { deliberate: true })).toEqual({
      overCommitments: [],
      deliberate: false,
    });
  });

  it('checks a budget change of a running measure, including new cells without a programme budget', () => {
    const change = {
      measureId: 'm2',
      status: 'running' as const,
      budget: [
        { year: 2026, line: P, amount: 3_000_000 },
        { year: 2027, line: P, amount: 8_500_000 },
        { year: 2028, line: P, amount: 100 },
      ],
    };
    expect(
      findOverCommitments(programmeBudget, measures, change).map((o) => [
        o.year,
        o.budget,
        o.committed,
        o.excess,
      ]),
    ).toEqual([
      [2027, 8_000_000, 8_500_000, 500_000],
      [2028, 0, 100, 100],
    ]);
  });

  it('does not blame a change for a cell it leaves alone or relieves', () => {
    // Baufonds 2026 is over-committed by m6 already.
    const relieve = {
      measureId: 'm6',
      status: 'completed' as const,
      budget: [
        { year: 2026, line: A, amount: 300_000 },
        { year: 2026, line: 'Baufonds', amount: 100_000 },
      ],
    };
    expect(findOverCommitments(programmeBudget, measures, relieve)).toEqual([]);
    const worsen = { ...relieve, budget: [{ year: 2026, line: 'Baufonds', amount: 250_000 }] };
    expect(
      findOverCommitments(programmeBudget, measures, worsen).map((o) => [
        o.line,
        o.committedBefore,
        o.committed,
      ]),
    ).toEqual([['Baufonds', 200_000, 250_000]]);
  });

  it('ignores changes that commit nothing (proposed or rejected measures)', () => {
    const big = [{ year: 2026, line: P, amount: 99_000_000 }];
    expect(
      findOverCommitments(programmeBudget, measures, { measureId: 'm3', status: 'proposed', budget: big }),
    ).toEqual([]);
    expect(
      findOverCommitments(programmeBudget, measures, { measureId: 'new', status: 'rejected', budget: big }),
    ).toEqual([]);
    expect(
      findOverCommitments(programmeBudget, measures, {
        measureId: 'new',
        status: 'approved',
        budget: big,
      }).map((o) => o.committed),
    ).toEqual([106_000_000]);
  });
});
