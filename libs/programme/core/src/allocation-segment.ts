// The search for the linear segment of the allocation sum that reaches the budget (internal to
// allocation.ts, apart for its own tests). Areas are in need-descending order; with μ the
// multiplier of the scaled needs K_i, an area leaves the floor at μ = F/K_i and reaches the cap
// at μ = C/K_i, so at any μ the areas split into a prefix on the cap, a middle that is free and
// a suffix on the floor.

export interface SegmentSearch {
  /** The allocation's areas: the search reads only their needs. */
  readonly areas: readonly { readonly need: number }[];
  /** Indices of the positive-need areas, largest need first. */
  readonly order: readonly number[];
  readonly scaled: readonly bigint[];
  readonly floor: bigint;
  readonly cap: bigint | null;
  /** The budget left for the positive-need areas. */
  readonly target: bigint;
}

/** "The first `capped` areas (by need) on the cap, the next up to `freed` free, the rest on the floor", with μ = num/den. */
export interface Segment {
  readonly capped: number;
  readonly freed: number;
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * The breakpoint walk in doubles: fast, and almost always right. Its answer is only a guess
 * until `verifySegment` has confirmed it exactly.
 */
export function guessSegment({ areas, order, floor, cap, target }: SegmentSearch): {
  capped: number;
  freed: number;
} {
  const f = Number(floor);
  const c = cap === null ? Infinity : Number(cap);
  const t = Number(target);
  const m = order.length;
  let fixed = m * f;
  let free = 0;
  let freed = 0;
  let capped = 0;
  while (freed < m || (cap !== null && capped < m)) {
    const freeFirst =
      cap === null ||
      capped >= m ||
      (freed < m && f * areas[order[capped]].need <= c * areas[order[freed]].need);
    const need = areas[order[freeFirst ? freed : capped]].need;
    if (fixed * need + (freeFirst ? f : c) * free >= t * need) break;
    if (freeFirst) {
      fixed -= f;
      free += need;
      freed += 1;
    } else {
      fixed += c;
      free -= need;
      capped += 1;
    }
  }
  return { capped, freed };
}

/**
 * Accepts a segment when, with its exact μ = num/den, every free area lies within [floor, cap],
 * every area on the floor at or below it and every capped one at or above the cap. Areas are
 * sorted by need, so the four areas at the borders of the three groups decide. Any segment that
 * passes gives the exact amounts (where several λ solve the sum, they give the same amounts).
 */
export function verifySegment(
  { order, scaled, floor, cap, target }: SegmentSearch,
  { capped, freed }: { capped: number; freed: number },
): Segment | null {
  if (freed <= capped) return null;
  let den = 0n;
  for (let rank = capped; rank < freed; rank++) den += scaled[order[rank]];
  const num = target - BigInt(capped) * (cap ?? 0n) - BigInt(order.length - freed) * floor;
  const k = (rank: number) => scaled[order[rank]];
  if (num < 0n) return null;
  if (cap !== null && num * k(capped) > cap * den) return null;
  if (num * k(freed - 1) < floor * den) return null;
  if (freed < order.length && num * k(freed) > floor * den) return null;
  if (capped > 0 && num * k(capped - 1) < (cap as bigint) * den) return null;
  return { capped, freed, num, den };
}

/**
 * The exact breakpoint walk: in need-descending order an area leaves the floor at μ = F/K_i and
 * reaches the cap at μ = C/K_i, so both event lists are already sorted and only need merging;
 * S at each event is compared with the budget in integers.
 */
export function walkSegment({ order, scaled, floor, cap, target }: SegmentSearch): Segment {
  const m = order.length;
  let fixed = BigInt(m) * floor;
  let free = 0n;
  let freed = 0;
  let capped = 0;
  while (freed < m || (cap !== null && capped < m)) {
    const freeFirst =
      cap === null ||
      capped >= m ||
      (freed < m && floor * scaled[order[capped]] <= cap * scaled[order[freed]]);
    const k = scaled[order[freeFirst ? freed : capped]];
    if (fixed * k + (freeFirst ? floor : (cap as bigint)) * free >= target * k) break;
    if (freeFirst) {
      fixed -= floor;
      free += k;
      freed += 1;
    } else {
      fixed += cap as bigint;
      free -= k;
      capped += 1;
    }
  }
  // Past the last event only an unlimited cap leaves a segment; a finite cap always stops
  // earlier because the budget is at most n·cap, so `free` is positive here.
  return { capped, freed, num: target - fixed, den: free };
}
