import { parsePeriod, periodEnd } from '@quartier/contracts';

/**
 * The last day of a statistical period (any the platform stores: `2024`, `2024H1`, `2024Q3`,
 * `2024-05`, `2024-W10`, `2024-12-31`, `2024-04-01/P1Y`), as the date that orders survey and
 * network waves in a snapshot. Null for a text that is no period (or an impossible one, such as
 * `2025-W53`): inventing a date for it would put the wave in the wrong place.
 */
export function periodEndDate(period: string): string | null {
  return parsePeriod(period) ? periodEnd(period) : null;
}
