// Statistical periods (the platform's one grammar, in the contracts: `2024`, `2024H1`, `2024Q3`,
// `2024-05`, `2024-W10`, `2024-12-31`, `2024-04-01/P1Y`) as the date ranges IATI result periods
// and baselines need. Impact-model baselines name a period and actuals come from indicator
// values, monthly and weekly ones too.
import { parsePeriod, periodEnd, periodStart } from '@quartier/contracts';

export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/**
 * First and last day of a period (an ISO week may end in the next year), or null when the text
 * is not a period (or an impossible one, such as `2025-W53` or `2023-02-29`).
 */
export function periodRange(period: string): DateRange | null {
  return parsePeriod(period) ? { start: periodStart(period), end: periodEnd(period) } : null;
}

/** The day after an ISO date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
