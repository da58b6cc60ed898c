import { comparePeriods, parsePeriod, periodEnd, periodStart } from './period';

/**
 * The periods before the start period and those from it on, each in chronological order (periods
 * of another kind than the start interleave: as text, `2024-03` sorted before `2024-W10` and
 * `2024-01` before `2024H1`). A period is "before" only when its last day precedes the start
 * period's first day: the difference-in-differences (evaluation core, `did.ts`) takes every pre
 * period as untreated, the event study measures every effect against the last one (its reference)
 * and matching takes that one as its baseline, so a period the intervention already acted in
 * (the year 2024 for a start in 2024H2, March for a start in week 10) would carry part of the
 * effect into the baseline. It counts as after instead — the start period is the first in which
 * the intervention acts — where it can only dilute the estimated change. Texts that are no period
 * have no place on the time axis and are left out.
 *
 * One function for the evaluation service (which computes with the split) and the portal (whose
 * design form says which periods are before and after, and refuses a choice without both): a copy
 * that compared the codes as text offered 2024 as "before" a start in 2024H2.
 * @throws RangeError when the start is no period.
 */
export function splitAtStart(periods: readonly string[], start: string): { pre: string[]; post: string[] } {
  const begins = periodStart(start);
  const sorted = [...new Set(periods)].filter((p) => parsePeriod(p) !== null).sort(comparePeriods);
  return {
    pre: sorted.filter((p) => periodEnd(p) < begins),
    post: sorted.filter((p) => periodEnd(p) >= begins),
  };
}
