import { guessSegment, verifySegment, walkSegment, type SegmentSearch } from './allocation-segment';
import { ProgrammeError } from './programme-error';

// Need-based allocation of a budget line across programme areas (issue 11's contract):
//   amount = min(cap, max(floor, λ·need)) with the one λ ≥ 0 that makes the amounts sum to the
//   budget; then each amount is rounded down to a multiple of the unit and the units left over
//   go one by one to the largest remainders (ties: larger need, then area code ascending).
// Everything is exact. Money is an integer count of a minor unit (EUR cents in the service);
// every need, being a binary double, is an exact dyadic rational m·2^e, so scaled to a common
// exponent the needs are BigInt integers K_i and λ is the rational Num/Den of one linear
// segment of the piecewise-linear, non-decreasing sum. Remainders are compared as integers
// over one common denominator, so two areas with equal needs tie exactly and the tie rule —
// not floating-point noise — decides who gets the last cent.

export interface AreaNeed {
  /** Area code (unique within one allocation). */
  readonly area: string;
  /** Need, e.g. a status index value or a population count: finite and ≥ 0. */
  readonly need: number;
}

export interface AllocationInput {
  /** Areas in the order the result keeps. */
  readonly areas: readonly AreaNeed[];
  /** Budget in minor units (EUR cents in the service): a safe integer ≥ 0. */
  readonly budget: number;
  /** Minimum amount per area in minor units (default 0): a multiple of `unit`. */
  readonly floor?: number;
  /** Maximum amount per area in minor units (default unlimited): a multiple of `unit`. */
  readonly cap?: number | null;
  /** Rounding granularity in minor units (default 1: whole cents; 100: whole euros). */
  readonly unit?: number;
}

/** Which limit decided an area's amount: the floor lifted it, the cap lowered it, or neither. */
export type AllocationBound = 'floor' | 'cap' | null;

/** One area's amount with everything the allocation table explains it by. */
export interface AreaAllocation {
  readonly area: string;
  readonly need: number;
  /** need / total need (0 when every need is 0). */
  readonly needShare: number;
  /** The exact amount min(cap, max(floor, λ·need)) before rounding, as a number (minor units). */
  readonly unrounded: number;
  readonly bound: AllocationBound;
  /** The unrounded amount rounded down to a multiple of the unit. */
  readonly roundedDown: number;
  /** What rounding down cut off, as a fraction of one unit in [0, 1). */
  readonly remainder: number;
  /** Whether one of the left-over units went to this area. */
  readonly receivedRemainderUnit: boolean;
  /** The final amount in minor units: `roundedDown` (+ `unit` when it received a remainder unit). */
  readonly amount: number;
}

export interface Allocation {
  readonly budget: number;
  readonly floor: number;
  readonly cap: number | null;
  readonly unit: number;
  readonly totalNeed: number;
  /** λ: minor units per unit of need (0 when every area sits on the floor). */
  readonly lambda: number;
  /** Sum of the amounts: equals `budget` when the budget is a multiple of the unit. */
  readonly allocated: number;
  /** How many left-over units were handed out by largest remainder. */
  readonly remainderUnits: number;
  /** One entry per input area, in input order. */
  readonly areas: readonly AreaAllocation[];
}

/**
 * Splits a budget across areas by need with floor, cap and rounding unit.
 * @throws ProgrammeError `InvalidAllocationInput` (bad need, duplicate area, amount not a safe
 *   integer, floor/cap not a multiple of the unit) or `InfeasibleAllocation` (floor·n > budget,
 *   cap·n < budget, every need 0 and budget > floor·n).
 */
export function allocateByNeed(input: AllocationInput): Allocation {
  const { unit, floor, cap, budget } = validateAmounts(input);
  validateAreas(input.areas);
  const n = BigInt(input.areas.length);
  const totalNeed = input.areas.reduce((sum, a) => sum + a.need, 0);
  checkFeasible(input, { unit, floor, cap, budget }, n);

  const exact = solveExact(input.areas, BigInt(floor), cap === null ? null : BigInt(cap), BigInt(budget));
  const rounded = roundToUnits(input.areas, exact, BigInt(unit), BigInt(budget));
  const areas = input.areas.map((a, i) => ({
    area: a.area,
    need: a.need,
    needShare: totalNeed > 0 ? a.need / totalNeed : 0,
    unrounded: rounded.unrounded[i],
    bound: exact.bound[i],
    roundedDown: Number(rounded.roundedDown[i]),
    remainder: rounded.remainder[i],
    receivedRemainderUnit: rounded.received[i],
    amount: Number(rounded.roundedDown[i]) + (rounded.received[i] ? unit : 0),
  }));
  return {
    budget,
    floor,
    cap,
    unit,
    totalNeed,
    lambda: exact.lambda,
    allocated: areas.reduce((sum, a) => sum + a.amount, 0),
    remainderUnits: rounded.handedOut,
    areas,
  };
}

interface Amounts {
  unit: number;
  floor: number;
  cap: number | null;
  budget: number;
}

function validateAmounts(input: AllocationInput): Amounts {
  const unit = input.unit ?? 1;
  const floor = input.floor ?? 0;
  const cap = input.cap ?? null;
  const amount = (field: string, value: number, min: number) => {
    if (!Number.isSafeInteger(value) || value < min)
      throw new ProgrammeError(
        'InvalidAllocationInput',
        `${field} must be a whole number of minor units ≥ ${min} (got ${value})`,
        { field, value: String(value) },
      );
  };
  amount('unit', unit, 1);
  amount('budget', input.budget, 0);
  amount('floor', floor, 0);
  if (cap !== null) amount('cap', cap, 0);
  for (const [field, value] of [
    ['floor', floor],
    ['cap', cap],
  ] as const) {
    if (value !== null && value % unit !== 0)
      throw new ProgrammeError(
        'InvalidAllocationInput',
        `${field} ${value} is not a multiple of the unit ${unit}`,
        { field, value, unit },
      );
  }
  return { unit, floor, cap, budget: input.budget };
}

function validateAreas(areas: readonly AreaNeed[]): void {
  if (areas.length === 0)
    throw new ProgrammeError('InvalidAllocationInput', 'there are no areas to allocate to', {
      field: 'areas',
    });
  const seen = new Map<string, number>();
  areas.forEach((a, i) => {
    if (typeof a.area !== 'string' || a.area.trim() === '')
      throw new ProgrammeError('InvalidAllocationInput', `areas[${i}]: the area code is empty`, {
        field: 'area',
        index: i,
      });
    if (typeof a.need !== 'number' || !Number.isFinite(a.need) || a.need < 0)
      throw new ProgrammeError(
        'InvalidAllocationInput',
        `areas[${i}] (${a.area}): need must be a finite number ≥ 0 (got ${a.need})`,
        { field: 'need', index: i, area: a.area, value: String(a.need) },
      );
    const earlier = seen.get(a.area);
    if (earlier !== undefined)
      throw new ProgrammeError(
        'InvalidAllocationInput',
        `areas[${i}]: area ${a.area} occurs twice (first at areas[${earlier}])`,
        { field: 'area', index: i, area: a.area, firstIndex: earlier },
      );
    seen.set(a.area, i);
  });
}

function checkFeasible(input: AllocationInput, { floor, cap, budget }: Amounts, n: bigint): void {
  const count = input.areas.length;
  if (BigInt(floor) * n > BigInt(budget))
    throw new ProgrammeError(
      'InfeasibleAllocation',
      `the floors alone exceed the budget: ${count} areas × floor ${floor} = ${BigInt(floor) * n} > budget ${budget}`,
      { reason: 'floorsExceedBudget', areas: count, floor, budget },
    );
  if (cap !== null && BigInt(cap) * n < BigInt(budget))
    throw new ProgrammeError(
      'InfeasibleAllocation',
      `the caps cannot absorb the budget: ${count} areas × cap ${cap} = ${BigInt(cap) * n} < budget ${budget}`,
      { reason: 'capsBelowBudget', areas: count, cap, budget },
    );
  if (input.areas.every((a) => a.need === 0) && BigInt(budget) > BigInt(floor) * n)
    throw new ProgrammeError(
      'InfeasibleAllocation',
      `every need is 0, so nothing beyond the floors (${BigInt(floor) * n}) can be distributed; budget ${budget}`,
      { reason: 'allNeedsZero', areas: count, floor, budget },
    );
}

/** The exact continuous solution: amount_i = floor, cap, or num·K_i/den. */
interface ExactSolution {
  /** Per input area: its scaled need K_i (0n for need 0). */
  readonly scaled: readonly bigint[];
  /** Per input area: 'floor' | 'cap' | 'free' — which piece of min(C, max(F, ·)) it is on. */
  readonly piece: readonly ('floor' | 'cap' | 'free')[];
  readonly bound: readonly AllocationBound[];
  readonly num: bigint;
  readonly den: bigint;
  readonly floor: bigint;
  readonly cap: bigint | null;
  readonly lambda: number;
}

const view = new DataView(new ArrayBuffer(8));

/** A finite double x ≥ 0 as mantissa·2^exponent with an odd mantissa (exact). */
function dyadic(x: number): { mantissa: number; exponent: number } {
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (high & 0xfffff) * 2 ** 32 + view.getUint32(4);
  let exponent = -1074;
  if (biased !== 0) {
    mantissa += 2 ** 52;
    exponent = biased - 1075;
  }
  // Odd mantissas keep the common-exponent integers (and the BigInt work) small.
  while (mantissa !== 0 && mantissa % 2 === 0) {
    mantissa /= 2;
    exponent += 1;
  }
  return { mantissa, exponent };
}

/** The needs as integers K_i with need_i = K_i · 2^e for one common exponent e. */
function scaleNeeds(areas: readonly AreaNeed[]): bigint[] {
  const parts = areas.map((a) => (a.need > 0 ? dyadic(a.need) : null));
  const minExponent = parts.reduce((min, p) => (p ? Math.min(min, p.exponent) : min), Infinity);
  return parts.map((p) => (p ? BigInt(p.mantissa) << BigInt(p.exponent - minExponent) : 0n));
}

/**
 * Finds μ = Num/Den (λ in units of the scaled needs) on the linear segment of
 * S(μ) = Σ min(C, max(F, μ·K_i)) that reaches the budget, and classifies every area.
 */
function solveExact(
  areas: readonly AreaNeed[],
  floor: bigint,
  cap: bigint | null,
  budget: bigint,
): ExactSolution {
  const scaled = scaleNeeds(areas);
  const order = areas
    .map((_, i) => i)
    .filter((i) => scaled[i] > 0n)
    .sort((a, b) => areas[b].need - areas[a].need || compareCodes(areas[a].area, areas[b].area));
  const m = order.length;
  // Zero-need areas sit on the floor whatever λ is.
  const target = budget - BigInt(areas.length - m) * floor;
  const context: SegmentSearch = { areas, order, scaled, floor, cap, target };
  const { capped, freed, num, den } =
    target > BigInt(m) * floor
      ? (verifySegment(context, guessSegment(context)) ?? walkSegment(context))
      : { capped: 0, freed: 0, num: 0n, den: 1n };

  const piece: ('floor' | 'cap' | 'free')[] = areas.map(() => 'floor');
  order.forEach((areaIndex, rank) => {
    piece[areaIndex] = rank < capped ? 'cap' : rank < freed ? 'free' : 'floor';
  });
  const bound = areas.map((_, i): AllocationBound => {
    const raw = num * scaled[i]; // λ·need, times den
    if (piece[i] === 'floor') return raw < floor * den ? 'floor' : null;
    if (piece[i] === 'cap') return raw > (cap as bigint) * den ? 'cap' : null;
    return null;
  });
  const top = order.find((i) => piece[i] === 'free');
  const lambda = top === undefined ? 0 : ratio(num * scaled[top], den) / areas[top].need;
  return { scaled, piece, bound, num, den, floor, cap, lambda };
}

interface Rounded {
  roundedDown: bigint[];
  remainder: number[];
  unrounded: number[];
  received: boolean[];
  handedOut: number;
}

/**
 * Rounds every exact amount down to a multiple of the unit and hands out the left-over units
 * by largest remainder. A unit never lifts an area above the cap: only areas with a positive
 * remainder are strictly below a multiple of the unit ≤ cap, and the left-over count is
 * smaller than the number of such areas (it is the sum of their remainders, each < 1).
 */
function roundToUnits(
  areas: readonly AreaNeed[],
  exact: ExactSolution,
  unit: bigint,
  budget: bigint,
): Rounded {
  const denominator = exact.den * unit;
  const roundedDown: bigint[] = [];
  const remainderNum: bigint[] = [];
  for (let i = 0; i < areas.length; i++) {
    if (exact.piece[i] === 'free') {
      const value = exact.num * exact.scaled[i];
      remainderNum.push(value % denominator);
      roundedDown.push((value / denominator) * unit);
    } else {
      remainderNum.push(0n);
      roundedDown.push(exact.piece[i] === 'cap' ? (exact.cap as bigint) : exact.floor);
    }
  }
  const leftover = budget - roundedDown.reduce((sum, v) => sum + v, 0n);
  const handedOut = Number(leftover / unit);
  const remainder = remainderNum.map((r) => ratio(r, denominator));
  // Doubles order remainders that differ clearly; close ones are compared exactly.
  const candidates = areas
    .map((_, i) => i)
    .filter((i) => remainderNum[i] > 0n)
    .sort((a, b) => {
      const approximate = remainder[b] - remainder[a];
      if (Math.abs(approximate) > 1e-9) return approximate;
      const exact = remainderNum[b] - remainderNum[a];
      if (exact !== 0n) return exact > 0n ? 1 : -1;
      return areas[b].need - areas[a].need || compareCodes(areas[a].area, areas[b].area);
    });
  const received = areas.map(() => false);
  for (const i of candidates.slice(0, handedOut)) received[i] = true;
  const unitNumber = Number(unit);
  const unrounded = roundedDown.map((v, i) => Number(v) + remainder[i] * unitNumber);
  return { roundedDown, remainder, unrounded, received, handedOut };
}

/** Ordinal (code-unit) order, the same on every machine and locale. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DOUBLE_SAFE = 1n << 1000n;

/** num/den as a double without overflowing when both are huge BigInts (extreme need ranges). */
function ratio(num: bigint, den: bigint): number {
  if (num < DOUBLE_SAFE && den < DOUBLE_SAFE) return Number(num) / Number(den);
  const shift = BigInt(Math.max(num.toString(2).length, den.toString(2).length) - 1000);
  return Number(num >> shift) / Number(den >> shift);
}
