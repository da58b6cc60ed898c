// Statistical periods in the notation the indicator service stores (`2024`, `2024H1`,
// `2024Q3`, `2024-12-31`) as the date ranges IATI result periods need.

import { daysInMonth, isIsoDate } from '../dates';

const PERIOD = /^(\d{4})(?:H([12])|Q([1-4])|-(\d{2})-(\d{2}))?$/;

export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/** First and last day of a period, or null when the text is not a period (or an impossible date). */
export function periodRange(period: string): DateRange | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[4] !== undefined) return isIsoDate(period) ? { start: period, end: period } : null;
  const months = m[2] !== undefined ? 6 : m[3] !== undefined ? 3 : 12;
  const index = Number(m[2] ?? m[3] ?? 1) - 1;
  const first = index * months + 1;
  const last = first + months - 1;
  return { start: isoDate(year, first, 1), end: isoDate(year, last, daysInMonth(year, last)) };
}

/** The day after an ISO date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
