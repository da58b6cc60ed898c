// Statistical periods as the platform stores them: one grammar for every service, so a period is
// read alike where values are imported (indicator service), where waves are dated (evaluation
// snapshots) and where events carry it. Canonical forms (one period = one key in the database,
// whatever file it came from):
//   year `2024` · half-year `2024H1` · quarter `2024Q3` · month `2024-03` · ISO week `2024-W05`
//   · reference date `2024-12-31` · any other span as an ISO 8601 interval from its first day,
//   `2024-04-01/P1Y` (financial year from April), `2024-01-01/P2M` (bi-month), `2024-01-03/P1W`
//   (week from Wednesday).
// The exchange dialects (SDMX, DHIS2, JSON-stat) are read into these forms by the indicator core.
import { isoWeeksInYear, weekStart } from './week-calendar';

export type PeriodKind = 'year' | 'half-year' | 'quarter' | 'month' | 'week' | 'date' | 'interval';

export interface PeriodParts {
  kind: PeriodKind;
  year: number;
  /** Half-year 1–2, quarter 1–4, month 1–12, ISO week 1–53; absent for years, dates, intervals. */
  part?: number;
  /** First day (ISO date) for reference dates and intervals. */
  date?: string;
  /** ISO 8601 duration of an interval (`P1Y`, `P6M`, `P2W`, …). */
  duration?: string;
}

const CANONICAL =
  /^(\d{4})(?:(H)([12])|(Q)([1-4])|-(\d{2})-(\d{2})(?:\/(P[1-9]\d?[DWMY]))?|-(\d{2})|-W(\d{2}))?$/;

const DAY_MS = 86_400_000;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Parts of a canonical period, or null when the text is not one (including impossible dates). */
export function parsePeriod(text: string): PeriodParts | null {
  const m = CANONICAL.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'half-year', year, part: Number(m[3]) };
  if (m[4]) return { kind: 'quarter', year, part: Number(m[5]) };
  if (m[6]) {
    const month = Number(m[6]);
    const day = Number(m[7]);
    if (!validDate(year, month, day)) return null;
    const date = `${m[1]}-${m[6]}-${m[7]}`;
    return m[8] ? { kind: 'interval', year, date, duration: m[8] } : { kind: 'date', year, date };
  }
  if (m[9]) {
    const month = Number(m[9]);
    return month >= 1 && month <= 12 ? { kind: 'month', year, part: month } : null;
  }
  if (m[10]) {
    const week = Number(m[10]);
    return week >= 1 && week <= isoWeeksInYear(year) ? { kind: 'week', year, part: week } : null;
  }
  return { kind: 'year', year };
}

const pad = (n: number) => String(n).padStart(2, '0');

function addDuration(date: string, duration: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const n = Number(duration.slice(1, -1));
  switch (duration.slice(-1)) {
    case 'Y':
      return new Date(Date.UTC(y + n, m - 1, d));
    case 'M':
      return new Date(Date.UTC(y, m - 1 + n, d));
    case 'W':
      return new Date(Date.UTC(y, m - 1, d + 7 * n));
    default:
      return new Date(Date.UTC(y, m - 1, d + n));
  }
}

function partsOf(period: string): PeriodParts {
  const parts = parsePeriod(period);
  if (!parts) throw new RangeError(`not a period: "${period}"`);
  return parts;
}

/** First day of the period (ISO date): what a time axis sorts and plots by. */
export function periodStart(period: string): string {
  const parts = partsOf(period);
  switch (parts.kind) {
    case 'date':
    case 'interval':
      return parts.date!;
    case 'week':
      return weekStart(parts.year, parts.part!);
    case 'month':
      return `${parts.year}-${pad(parts.part!)}-01`;
    case 'half-year':
      return `${parts.year}-${pad((parts.part! - 1) * 6 + 1)}-01`;
    case 'quarter':
      return `${parts.year}-${pad((parts.part! - 1) * 3 + 1)}-01`;
    case 'year':
      return `${parts.year}-01-01`;
  }
}

/** Length of the period in days (a reference date counts 1). */
export function periodDays(period: string): number {
  const parts = partsOf(period);
  const start = Date.parse(periodStart(period));
  const end = (() => {
    switch (parts.kind) {
      case 'date':
        return start + DAY_MS;
      case 'interval':
        return addDuration(parts.date!, parts.duration!).getTime();
      case 'week':
        return start + 7 * DAY_MS;
      case 'month':
        return Date.UTC(parts.year, parts.part!, 1);
      case 'half-year':
        return Date.UTC(parts.year, parts.part! * 6, 1);
      case 'quarter':
        return Date.UTC(parts.year, parts.part! * 3, 1);
      case 'year':
        return Date.UTC(parts.year + 1, 0, 1);
    }
  })();
  return Math.round((end - start) / DAY_MS);
}

/**
 * Last day of the period (ISO date; a reference date is its own last day): what dates a survey or
 * network wave observed during the period. Weeks may end in the next year (`2020-W53` ends on
 * 3 January 2021).
 */
export function periodEnd(period: string): string {
  const last = Date.parse(periodStart(period)) + (periodDays(period) - 1) * DAY_MS;
  return new Date(last).toISOString().slice(0, 10);
}

/**
 * Chronological order: by start, then longer periods first (2024 before 2024H1 before 2024Q1),
 * so a mixed series reads top-down from the general to the particular.
 */
export function comparePeriods(a: string, b: string): number {
  const sa = periodStart(a);
  const sb = periodStart(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const span = periodDays(b) - periodDays(a);
  return span !== 0 ? span : a < b ? -1 : a > b ? 1 : 0;
}
