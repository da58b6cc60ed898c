import { EvaluationError } from './evaluation-error';
import { baselineTable, type MatchedPair } from './matching';
import type { LongValue } from './values';

// Balance table: how similar treated and comparison areas are on the matching indicators,
// before matching (treated vs every candidate) and after (treated vs the matched comparison
// areas, each weighted by how often it was matched).
//
// Standardised mean difference SMD = (mean_treated − mean_comparison) / pooled SD, with
//   pooled SD = √((s²_treated + s²_candidates) / 2),
// sample variances (divisor n − 1) of the treated areas and of all candidates *before*
// matching, and the same denominator before and after, so a change of the SMD shows a change of
// means only (Stuart 2010, "Matching methods for causal inference", Statistical Science 25(1);
// cobalt's `s.d.denom = "pooled"`). A group with fewer than 2 areas has no variance; the pooled
// SD then rests on the other group alone. |SMD| < 0.1 is the usual threshold for good balance.

export interface GroupSummary {
  /** Areas with a value (after: distinct matched areas). */
  n: number;
  mean: number | null;
  /** Sample SD; for the matched group with frequency weights Σw(x − m)² / (Σw − 1). */
  sd: number | null;
}

export interface BalanceSide extends GroupSummary {
  /** (treated mean − this mean) / pooled SD; null when the pooled SD is 0 and the means differ, or a mean is missing. */
  smd: number | null;
  /** s²_treated / s²_this; null when either variance is missing or this one is 0. */
  varianceRatio: number | null;
}

export interface BalanceRow {
  indicator: string;
  treated: GroupSummary;
  pooledSd: number | null;
  before: BalanceSide;
  after: BalanceSide & { weight: number };
  /** Areas of any group without a value for this indicator (left out of its row). */
  missing: string[];
}

export interface BalanceInput {
  values: Iterable<LongValue>;
  period: string;
  on: readonly string[];
  treated: readonly string[];
  /** Every candidate area (the comparison pool before matching). */
  candidates: readonly string[];
  /** Matched comparison areas → weight (match multiplicity, see `matchMultiplicity`). */
  matched: ReadonlyMap<string, number>;
}

/** How often each comparison area was matched: its weight in the matched comparison group. */
export function matchMultiplicity(pairs: readonly MatchedPair[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const { comparison } of pairs) weights.set(comparison, (weights.get(comparison) ?? 0) + 1);
  return weights;
}

export function balanceTable(input: BalanceInput): BalanceRow[] {
  for (const [area, weight] of input.matched)
    if (!(weight > 0) || !Number.isFinite(weight))
      throw new EvaluationError(
        'InvalidInput',
        `comparison area "${area}": weight ${weight} must be positive`,
        {
          area,
        },
      );
  const table = baselineTable(input.values, input.period, input.on);
  return input.on.map((indicator, j) => {
    const missing: string[] = [];
    const pick = (areas: Iterable<string>) => {
      const picked: { area: string; value: number }[] = [];
      for (const area of areas) {
        const value = table.get(area)?.[j] ?? Number.NaN;
        if (Number.isNaN(value)) missing.push(area);
        else picked.push({ area, value });
      }
      return picked;
    };
    const treated = summarise(pick(input.treated).map(({ value }) => ({ value, weight: 1 })));
    const pool = summarise(pick(input.candidates).map(({ value }) => ({ value, weight: 1 })));
    const matched = pick(input.matched.keys()).map(({ area, value }) => ({
      value,
      weight: input.matched.get(area)!,
    }));
    const after = summarise(matched);
    const variances = [treated, pool].filter((g) => g.sd !== null).map((g) => g.sd! * g.sd!);
    const pooledSd =
      variances.length > 0 ? Math.sqrt(variances.reduce((a, b) => a + b, 0) / variances.length) : null;
    return {
      indicator,
      treated,
      pooledSd,
      before: { ...pool, ...contrast(treated, pool, pooledSd) },
      after: {
        ...after,
        weight: matched.reduce((s, m) => s + m.weight, 0),
        ...contrast(treated, after, pooledSd),
      },
      missing: [...new Set(missing)].sort(),
    };
  });
}

function summarise(values: { value: number; weight: number }[]): GroupSummary {
  const total = values.reduce((s, v) => s + v.weight, 0);
  if (values.length === 0) return { n: 0, mean: null, sd: null };
  const mean = values.reduce((s, v) => s + v.weight * v.value, 0) / total;
  const sd =
    total > 1
      ? Math.sqrt(values.reduce((s, v) => s + v.weight * (v.value - mean) ** 2, 0) / (total - 1))
      : null;
  return { n: values.length, mean, sd };
}

function contrast(
  treated: GroupSummary,
  other: GroupSummary,
  pooledSd: number | null,
): { smd: number | null; varianceRatio: number | null } {
  let smd: number | null = null;
  if (treated.mean !== null && other.mean !== null && pooledSd !== null) {
    const difference = treated.mean - other.mean;
    smd = pooledSd > 0 ? difference / pooledSd : difference === 0 ? 0 : null;
  }
  const varianceRatio =
    treated.sd !== null && other.sd !== null && other.sd > 0
      ? (treated.sd * treated.sd) / (other.sd * other.sd)
      : null;
  return { smd, varianceRatio };
}
