// Periods of an evaluation design: "before" is every period before the start period, "after"
// the start period and later — the rule the evaluation service applies (period strings sort
// chronologically: YYYY, YYYYQn, YYYY-MM, …).

export interface PeriodSplit {
  pre: string[];
  post: string[];
}

/** Sorted, distinct periods split at the start period. */
export function splitPeriods(periods: Iterable<string>, start: string): PeriodSplit {
  const sorted = [...new Set(periods)].sort();
  return { pre: sorted.filter((p) => p < start), post: sorted.filter((p) => p >= start) };
}

/** Every period in which at least one of the chosen indicators has values, sorted. */
export function periodsOf(
  indicators: readonly { code: string; periods: readonly string[] }[],
  codes: readonly string[],
): string[] {
  const chosen = new Set(codes);
  return [...new Set(indicators.filter((i) => chosen.has(i.code)).flatMap((i) => i.periods))].sort();
}

/** The matching baseline the service takes when none is chosen: the last period before the start. */
export function defaultBaseline(periods: Iterable<string>, start: string): string | null {
  const { pre } = splitPeriods(periods, start);
  return pre.length > 0 ? pre[pre.length - 1] : null;
}

/** A design needs at least one period before and one from the start on. */
export function periodProblem(split: PeriodSplit): 'no-pre' | 'no-post' | null {
  if (split.pre.length === 0) return 'no-pre';
  if (split.post.length === 0) return 'no-post';
  return null;
}
