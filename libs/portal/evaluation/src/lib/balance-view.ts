// Reading a balance table: the standardised mean difference (SMD) of a matching indicator
// between evaluated and comparison areas. |SMD| < 0.1 is the usual threshold for good balance
// (Stuart 2010), up to 0.25 is tolerable for regression adjustment (Rubin 2001), beyond it the
// groups differ substantially.

export type BalanceVerdict = 'good' | 'tolerable' | 'poor' | 'unknown';

export function balanceVerdict(smd: number | null): BalanceVerdict {
  if (smd === null || !Number.isFinite(smd)) return 'unknown';
  const size = Math.abs(smd);
  return size < 0.1 ? 'good' : size <= 0.25 ? 'tolerable' : 'poor';
}

export interface BalanceSummary {
  indicators: number;
  goodBefore: number;
  goodAfter: number;
  /** Indicators whose |SMD| grew through matching. */
  worse: string[];
}

export function balanceSummary(
  rows: readonly { indicator: string; before: { smd: number | null }; after: { smd: number | null } }[],
): BalanceSummary {
  const good = (smd: number | null) => balanceVerdict(smd) === 'good';
  return {
    indicators: rows.length,
    goodBefore: rows.filter((r) => good(r.before.smd)).length,
    goodAfter: rows.filter((r) => good(r.after.smd)).length,
    worse: rows
      .filter(
        (r) =>
          r.before.smd !== null && r.after.smd !== null && Math.abs(r.after.smd) > Math.abs(r.before.smd),
      )
      .map((r) => r.indicator),
  };
}
