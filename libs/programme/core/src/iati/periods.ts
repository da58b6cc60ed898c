// Statistical periods in the notation the indicator service stores (`2024`, `2024H1`,
// `2024Q3`, `2024-12-31`) as the date ranges IATI result periods need.

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
  return { start: isoDate(year, first, 1), end: isoDate(year, last, daysIn(year, last)) };
}

/** Whether the text is a real calendar date YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** The day after an ISO date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
