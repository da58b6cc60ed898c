// Periods of an evaluation design: "before" is every period that ends before the start period
// begins, "after" the rest — by their dates under the platform's period grammar, with the
// evaluation service's own function (`splitAtStart` of the contracts), so the form labels,
// offers as baseline and refuses exactly what the service computes with.
import { comparePeriods, parsePeriod, splitAtStart } from '@quartier/contracts/browser';

export interface PeriodSplit {
  pre: string[];
  post: string[];
}

/**
 * Distinct periods split at the start period, each side in chronological order; texts that are no
 * period are left out. A start that is no period (stored before the service checked it) splits
 * nothing: the service refuses to compute with it.
 */
export function splitPeriods(periods: Iterable<string>, start: string): PeriodSplit {
  return parsePeriod(start) ? splitAtStart([...periods], start) : { pre: [], post: [] };
}

/** Every period in which at least one of the chosen indicators has values, in chronological order. */
export function periodsOf(
  indicators: readonly { code: string; periods: readonly string[] }[],
  codes: readonly string[],
): string[] {
  const chosen = new Set(codes);
  const periods = new Set(indicators.filter((i) => chosen.has(i.code)).flatMap((i) => i.periods));
  return [...periods].filter((p) => parsePeriod(p) !== null).sort(comparePeriods);
}

/** The matching baseline the service takes when none is chosen: the last period before the start. */
export function defaultBaseline(periods: Iterable<string>, start: string): string | null {
  const { pre } = splitPeriods(periods, start);
  return pre.length > 0 ? pre[pre.length - 1] : null;
}

/**
 * Whether a typed start period is one the evaluation service takes (its `periodSchema`: the
 * platform's period grammar, impossible days and ISO weeks refused). Empty is valid only where
 * the service then takes a default (a new evaluation of a programme or measure).
 */
export function startPeriodValid(typed: string, emptyAllowed: boolean): boolean {
  const text = typed.trim();
  return text === '' ? emptyAllowed : parsePeriod(text) !== null;
}

/** A design needs at least one period before and one from the start on. */
export function periodProblem(split: PeriodSplit): 'no-pre' | 'no-post' | null {
  if (split.pre.length === 0) return 'no-pre';
  if (split.post.length === 0) return 'no-post';
  return null;
}
