import { seededRandom } from '@quartier/demo-city';
import { allocateByNeed, type AllocationInput, type AreaNeed } from './allocation';
import { ProgrammeError } from './programme-error';

const areas = (...pairs: [string, number][]): AreaNeed[] => pairs.map(([area, need]) => ({ area, need }));
const amounts = (input: AllocationInput) => allocateByNeed(input).areas.map((a) => [a.area, a.amount]);

function expectError(input: AllocationInput, code: string, message: string | RegExp) {
  let caught: unknown;
  try {
    allocateByNeed(input);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProgrammeError);
  expect((caught as ProgrammeError).code).toBe(code);
  expect((caught as ProgrammeError).message).toMatch(message);
  return caught as ProgrammeError;
}

describe('allocateByNeed: the continuous split', () => {
  it('splits in proportion to need without floor or cap (1:3 of 100 → 25, 75)', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 3]), budget: 100 });
    expect(result.areas).toEqual([
      {
        area: 'A',
        need: 1,
        needShare: 0.25,
        unrounded: 25,
        bound: null,
        roundedDown: 25,
        remainder: 0,
        receivedRemainderUnit: false,
        amount: 25,
      },
      {
        area: 'B',
        need: 3,
        needShare: 0.75,
        unrounded: 75,
        bound: null,
        roundedDown: 75,
        remainder: 0,
        receivedRemainderUnit: false,
        amount: 75,
      },
    ]);
    expect(result).toMatchObject({ lambda: 25, totalNeed: 4, allocated: 100, remainderUnits: 0, cap: null });
  });

  it('lifts a small need to the floor and shares the rest by need (floor 20: 1:9 of 100 → 20, 80)', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 9]), budget: 100, floor: 20 });
    expect(result.areas.map((a) => [a.amount, a.bound])).toEqual([
      [20, 'floor'],
      [80, null],
    ]);
    expect(result.lambda).toBeCloseTo(80 / 9, 12);
  });

  it('caps a large need and gives the rest to the others (cap 60: 1:9 of 100 → 40, 60)', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 9]), budget: 100, cap: 60 });
    expect(result.areas.map((a) => [a.amount, a.bound])).toEqual([
      [40, null],
      [60, 'cap'],
    ]);
    expect(result.lambda).toBe(40);
  });

  it('solves the segment between floor and cap (needs 1,2,3,10; budget 1000; floor 120; cap 400)', () => {
    // Unbounded: λ = 62.5 → 62.5 (below floor), 625 (above cap). With A on the floor and D on
    // the cap, 480 is left for needs 2 and 3: λ = 96 → 192 and 288, both within [120, 400].
    const result = allocateByNeed({
      areas: areas(['A', 1], ['B', 2], ['C', 3], ['D', 10]),
      budget: 1000,
      floor: 120,
      cap: 400,
    });
    expect(result.areas.map((a) => [a.area, a.unrounded, a.bound, a.amount])).toEqual([
      ['A', 120, 'floor', 120],
      ['B', 192, null, 192],
      ['C', 288, null, 288],
      ['D', 400, 'cap', 400],
    ]);
    expect(result.lambda).toBe(96);
  });

  it('does not call an area floor-bound when λ·need equals the floor exactly', () => {
    // λ = 100: A's λ·need = 100 = floor — the floor changes nothing, so it is not "bound".
    const result = allocateByNeed({
      areas: areas(['A', 1], ['B', 2], ['C', 3], ['D', 10]),
      budget: 1000,
      floor: 100,
      cap: 400,
    });
    expect(result.areas.map((a) => [a.amount, a.bound])).toEqual([
      [100, null],
      [200, null],
      [300, null],
      [400, 'cap'],
    ]);
  });

  it('gives every area the floor when the budget is exactly floor × n', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 5], ['C', 0]), budget: 300, floor: 100 });
    expect(result.areas.map((a) => [a.amount, a.bound])).toEqual([
      [100, 'floor'],
      [100, 'floor'],
      [100, 'floor'],
    ]);
    expect(result.lambda).toBe(0);
  });

  it('gives every area the cap when the budget is exactly cap × n', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 5]), budget: 600, cap: 300 });
    expect(result.areas.map((a) => a.amount)).toEqual([300, 300]);
    expect(result.areas[1].bound).toBe('cap');
  });

  it('keeps zero-need areas on the floor and splits the rest by need', () => {
    // floor 10 for Z; 90 split 1:3 → 22.5 and 67.5; one cent left, remainders tie → larger need.
    expect(amounts({ areas: areas(['Z', 0], ['A', 1], ['B', 3]), budget: 100, floor: 10 })).toEqual([
      ['Z', 10],
      ['A', 22],
      ['B', 68],
    ]);
  });

  it('allocates nothing to anyone from a zero budget without a floor', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 0]), budget: 0 });
    expect(result.areas.map((a) => [a.amount, a.bound])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  it('accepts all-zero needs when the floors use up the budget exactly', () => {
    expect(amounts({ areas: areas(['A', 0], ['B', 0]), budget: 50, floor: 25 })).toEqual([
      ['A', 25],
      ['B', 25],
    ]);
  });
});

describe('allocateByNeed: rounding and remainder units', () => {
  it('hands left-over units to the largest remainders (needs 1,2,4 of 10 → 1, 3, 6)', () => {
    // 10/7 = 1.43, 2.86, 5.71 → 1, 2, 5 (8), two units left: remainders .86 and .71 win.
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 2], ['C', 4]), budget: 10 });
    expect(result.areas.map((a) => [a.roundedDown, a.receivedRemainderUnit, a.amount])).toEqual([
      [1, false, 1],
      [2, true, 3],
      [5, true, 6],
    ]);
    expect(result.areas.map((a) => a.remainder)).toEqual([3 / 7, 6 / 7, 5 / 7]);
    expect(result.remainderUnits).toBe(2);
    expect(result.allocated).toBe(10);
  });

  it('breaks equal remainders by larger need (needs 1 and 3 of 10 → 2, 8)', () => {
    expect(amounts({ areas: areas(['A', 1], ['B', 3]), budget: 10 })).toEqual([
      ['A', 2],
      ['B', 8],
    ]);
  });

  it('breaks equal remainders and needs by area code ascending, keeping input order', () => {
    expect(amounts({ areas: areas(['C', 1], ['A', 1], ['B', 1]), budget: 100 })).toEqual([
      ['C', 33],
      ['A', 34],
      ['B', 33],
    ]);
  });

  it('compares codes by code unit, not locale ("Z" before "a", "10" before "9")', () => {
    expect(amounts({ areas: areas(['a', 1], ['Z', 1], ['x', 1]), budget: 2 })).toEqual([
      ['a', 1],
      ['Z', 1],
      ['x', 0],
    ]);
    expect(amounts({ areas: areas(['9', 1], ['10', 1]), budget: 1 })).toEqual([
      ['9', 0],
      ['10', 1],
    ]);
  });

  it('rounds to whole euros with unit 100 (cents) and still sums to the budget', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 1], ['C', 1]), budget: 100_000, unit: 100 });
    expect(result.areas.map((a) => [a.roundedDown, a.amount])).toEqual([
      [33_300, 33_400],
      [33_300, 33_300],
      [33_300, 33_300],
    ]);
    expect(result.areas[0].remainder).toBeCloseTo(1 / 3, 12);
    expect(result.areas[0].unrounded).toBeCloseTo(33_333 + 1 / 3, 9);
    expect(result.allocated).toBe(100_000);
  });

  it('leaves a budget that is not a multiple of the unit short by less than one unit', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 1]), budget: 100_050, unit: 100 });
    expect(result.areas.map((a) => a.amount)).toEqual([50_000, 50_000]);
    expect(result.areas.map((a) => a.unrounded)).toEqual([50_025, 50_025]);
    expect(result.remainderUnits).toBe(0);
    expect(result.allocated).toBe(100_000);
  });

  it('never lifts a capped area above the cap', () => {
    const result = allocateByNeed({ areas: areas(['A', 1], ['B', 1], ['C', 100]), budget: 21, cap: 10 });
    expect(result.areas.map((a) => [a.amount, a.bound])).toEqual([
      [6, null],
      [5, null],
      [10, 'cap'],
    ]);
  });

  it('is exact for decimal needs: 0.1, 0.2, 0.3 of 600 → 100, 200, 300', () => {
    expect(amounts({ areas: areas(['A', 0.1], ['B', 0.2], ['C', 0.3]), budget: 600 })).toEqual([
      ['A', 100],
      ['B', 200],
      ['C', 300],
    ]);
  });

  it('handles needs 600 orders of magnitude apart without overflow', () => {
    const result = allocateByNeed({
      areas: areas(['tiny', 1e-300], ['huge', 1e300], ['sub', 5e-324]),
      budget: 1_000_000,
      floor: 7,
    });
    expect(result.areas.map((a) => [a.amount, a.bound])).toEqual([
      [7, 'floor'],
      [999_986, null],
      [7, 'floor'],
    ]);
    expect(result.lambda).toBeCloseTo(999_986 / 1e300, 300);
  });
});

describe('allocateByNeed: properties over seeded random inputs', () => {
  /** λ by float bisection — an independent check of the exact segment solution. */
  function bisectLambda(needs: number[], budget: number, floor: number, cap: number | null) {
    const sum = (l: number) =>
      needs.reduce((s, n) => s + Math.min(cap ?? Infinity, Math.max(floor, l * n)), 0);
    let low = 0;
    let high = 1;
    while (sum(high) < budget) high *= 2;
    for (let i = 0; i < 200; i++) {
      const mid = (low + high) / 2;
      if (sum(mid) < budget) low = mid;
      else high = mid;
    }
    return high;
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: sums to the budget, respects floor/cap, monotone in need',
    (seed) => {
      const rng = seededRandom(seed);
      const n = 5 + Math.floor(rng() * 300);
      const unit = [1, 5, 100][seed % 3];
      const needs = Array.from({ length: n }, () => (rng() < 0.1 ? 0 : Math.round(rng() * 1000) / 100));
      needs[0] = 1; // at least one positive need
      const floor = seed % 2 === 0 ? unit * Math.floor(rng() * 50) : 0;
      const budget = unit * (floor / unit) * n + unit * Math.floor(rng() * 100_000);
      const capUnits = Math.ceil(budget / unit / n) + Math.floor(rng() * 2000);
      const cap = seed % 4 < 2 ? unit * capUnits : null;
      const input = { areas: needs.map((need, i) => ({ area: `A${i}`, need })), budget, floor, cap, unit };
      const result = allocateByNeed(input);

      expect(result.allocated).toBe(budget);
      const lambda = bisectLambda(needs, budget, floor, cap);
      for (const a of result.areas) {
        expect(a.amount % unit).toBe(0);
        expect(a.amount).toBeGreaterThanOrEqual(floor);
        if (cap !== null) expect(a.amount).toBeLessThanOrEqual(cap);
        expect(Math.abs(a.amount - a.unrounded)).toBeLessThan(unit);
        const expected = Math.min(cap ?? Infinity, Math.max(floor, lambda * a.need));
        expect(Math.abs(a.unrounded - expected)).toBeLessThan(1e-6 * Math.max(1, expected));
      }
      const byNeed = [...result.areas].sort((a, b) => a.need - b.need);
      for (let i = 1; i < byNeed.length; i++)
        expect(byNeed[i].amount).toBeGreaterThanOrEqual(byNeed[i - 1].amount);

      // The input order only orders the output: the same area gets the same amount.
      const shuffled = [...input.areas].reverse();
      const again = new Map(
        allocateByNeed({ ...input, areas: shuffled }).areas.map((a) => [a.area, a.amount]),
      );
      for (const a of result.areas) expect(again.get(a.area)).toBe(a.amount);
    },
  );

  it('allocates 10,000 areas exactly', () => {
    const rng = seededRandom(42);
    const input = {
      areas: Array.from({ length: 10_000 }, (_, i) => ({
        area: String(i).padStart(5, '0'),
        need: rng() * 3,
      })),
      budget: 250_000_000,
      floor: 5_000,
      cap: 40_000,
    };
    const result = allocateByNeed(input);
    expect(result.allocated).toBe(250_000_000);
    expect(result.areas.filter((a) => a.bound === 'floor').length).toBeGreaterThan(0);
    expect(result.areas.filter((a) => a.bound === 'cap').length).toBeGreaterThan(0);
  });
});

describe('allocateByNeed: bad input', () => {
  const two = areas(['A', 1], ['B', 2]);

  it('refuses floors that exceed the budget (F·n > B)', () => {
    const error = expectError(
      { areas: two, budget: 100, floor: 51 },
      'InfeasibleAllocation',
      'the floors alone exceed the budget: 2 areas × floor 51 = 102 > budget 100',
    );
    expect(error.params).toEqual({ reason: 'floorsExceedBudget', areas: 2, floor: 51, budget: 100 });
  });

  it('refuses caps that cannot absorb the budget (C·n < B)', () => {
    expectError(
      { areas: two, budget: 100, cap: 49 },
      'InfeasibleAllocation',
      'the caps cannot absorb the budget: 2 areas × cap 49 = 98 < budget 100',
    );
  });

  it('refuses all-zero needs when the budget exceeds the floors', () => {
    const error = expectError(
      { areas: areas(['A', 0], ['B', 0]), budget: 100, floor: 10 },
      'InfeasibleAllocation',
      'every need is 0, so nothing beyond the floors (20) can be distributed; budget 100',
    );
    expect(error.params['reason']).toBe('allNeedsZero');
  });

  it('refuses a floor or cap that is not a multiple of the unit', () => {
    expectError(
      { areas: two, budget: 1000, floor: 150, unit: 100 },
      'InvalidAllocationInput',
      'floor 150 is not a multiple of the unit 100',
    );
    expectError(
      { areas: two, budget: 1000, cap: 550, unit: 100 },
      'InvalidAllocationInput',
      'cap 550 is not a multiple of the unit 100',
    );
  });

  it('refuses amounts that are not whole minor units', () => {
    expectError(
      { areas: two, budget: 10.5 },
      'InvalidAllocationInput',
      'budget must be a whole number of minor units ≥ 0 (got 10.5)',
    );
    expectError({ areas: two, budget: -1 }, 'InvalidAllocationInput', /^budget must be/);
    expectError({ areas: two, budget: 2 ** 53 }, 'InvalidAllocationInput', /^budget must be/);
    expectError(
      { areas: two, budget: 10, unit: 0 },
      'InvalidAllocationInput',
      'unit must be a whole number of minor units ≥ 1 (got 0)',
    );
    expectError({ areas: two, budget: 10, floor: -5 }, 'InvalidAllocationInput', /^floor must be/);
    expectError({ areas: two, budget: 10, cap: NaN }, 'InvalidAllocationInput', /^cap must be/);
  });

  it('names the area with a bad need', () => {
    for (const need of [-1, NaN, Infinity]) {
      expectError(
        { areas: areas(['A', 1], ['B', need]), budget: 10 },
        'InvalidAllocationInput',
        `areas[1] (B): need must be a finite number ≥ 0 (got ${need})`,
      );
    }
  });

  it('names a duplicate or empty area code, and refuses an empty area list', () => {
    expectError(
      { areas: areas(['A', 1], ['B', 1], ['A', 2]), budget: 10 },
      'InvalidAllocationInput',
      'areas[2]: area A occurs twice (first at areas[0])',
    );
    expectError(
      { areas: areas(['A', 1], [' ', 1]), budget: 10 },
      'InvalidAllocationInput',
      'areas[1]: the area code is empty',
    );
    expectError({ areas: [], budget: 10 }, 'InvalidAllocationInput', 'there are no areas to allocate to');
  });
});
