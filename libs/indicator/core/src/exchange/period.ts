// Statistical periods as Quartier stores them and as the exchange formats write them. Canonical
// forms (one period = one key in the database, whatever file it came from):
//   year `2024` · half-year `2024H1` · quarter `2024Q3` · month `2024-03` · ISO week `2024-W05`
//   · reference date `2024-12-31` · any other span as an ISO 8601 interval from its first day,
//   `2024-04-01/P1Y` (financial year from April), `2024-01-01/P2M` (bi-month), `2024-01-03/P1W`
//   (week from Wednesday).
// Dialects: SDMX (`2024-S1`, `2024-Q3`, `2024-A1`, `2024-M03`, `2024-W05`), DHIS2 (every period
// type: `2024`, `2024S1`, `2024Q3`, `202403`, `202401B`, `2024W5`, `2024WedW5`, `2024BiW1`,
// `2024April`, `2024AprilS1`, `20241231`, …) and statistics offices' JSON-stat (SDMX forms and
// PxWeb's `2024M03`, `2024K3`).
import { isoWeeksInYear, weekStart } from './calendar';
import { dhis2Period, formatDhis2Period } from './dhis2-period';

export type PeriodDialect = 'quartier' | 'sdmx' | 'dhis2' | 'jsonstat';

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

function sdmxPeriod(text: string): string | null {
  const m = /^(\d{4})-(A1|S[12]|Q[1-4]|M(\d{2})|W(\d{2})|D(\d{3}))$/.exec(text);
  if (!m) return null;
  if (m[2] === 'A1') return m[1];
  if (m[3]) return `${m[1]}-${m[3]}`;
  if (m[4]) return `${m[1]}-W${m[4]}`;
  if (m[5]) {
    const day = new Date(Date.UTC(Number(m[1]), 0, Number(m[5])));
    return day.getUTCFullYear() === Number(m[1]) ? day.toISOString().slice(0, 10) : null;
  }
  return `${m[1]}${m[2].replace('S', 'H')}`;
}

function pxwebPeriod(text: string): string | null {
  const month = /^(\d{4})M(\d{2})$/.exec(text);
  if (month) return `${month[1]}-${month[2]}`;
  const quarter = /^(\d{4})[KQ]([1-4])$/.exec(text);
  if (quarter) return `${quarter[1]}Q${quarter[2]}`;
  const half = /^(\d{4})[HS]([12])$/.exec(text);
  if (half) return `${half[1]}H${half[2]}`;
  return sdmxPeriod(text);
}

/**
 * The canonical period for a text in the given dialect; the canonical form is accepted in every
 * dialect (files written by Quartier itself). Null when it is not a supported period.
 */
export function normalisePeriod(raw: string, dialect: PeriodDialect = 'quartier'): string | null {
  const text = raw.trim();
  if (parsePeriod(text)) return text;
  let candidate: string | null = null;
  if (dialect === 'sdmx') candidate = sdmxPeriod(text);
  else if (dialect === 'dhis2') candidate = dhis2Period(text);
  else if (dialect === 'jsonstat') candidate = pxwebPeriod(text);
  return candidate !== null && parsePeriod(candidate) ? candidate : null;
}

/** Writes a canonical period in an exchange dialect (SDMX and JSON-stat share the SDMX forms). */
export function formatPeriod(period: string, dialect: PeriodDialect): string {
  const parts = parsePeriod(period);
  if (!parts) throw new RangeError(`not a period: "${period}"`);
  if (dialect === 'quartier') return period;
  if (dialect === 'dhis2') return formatDhis2Period(parts, period);
  switch (parts.kind) {
    case 'half-year':
      return `${parts.year}-S${parts.part}`;
    case 'quarter':
      return `${parts.year}-Q${parts.part}`;
    case 'month':
      return `${parts.year}-${pad(parts.part!)}`;
    default:
      return period;
  }
}

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

/** First day of the period (ISO date): what a time axis sorts and plots by. */
export function periodStart(period: string): string {
  const parts = parsePeriod(period);
  if (!parts) throw new RangeError(`not a period: "${period}"`);
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
  const parts = parsePeriod(period)!;
  const start = Date.parse(periodStart(period));
  const end = (() => {
    switch (parts.kind) {
      case 'date':
        return start + 86_400_000;
      case 'interval':
        return addDuration(parts.date!, parts.duration!).getTime();
      case 'week':
        return start + 7 * 86_400_000;
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
  return Math.round((end - start) / 86_400_000);
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

/** An indicator's periodicity, as the catalogue declares it. */
export type Periodicity =
  'year' | 'half-year' | 'quarter' | 'month' | 'week' | 'reference-date' | 'irregular';

/**
 * The kinds a yearly, half-yearly, quarterly or reference-date indicator takes: Quartier's series
 * mix years with their halves, quarters and reference dates (ordered from the general to the
 * particular), as they always did.
 */
const PERIODIC_KINDS: ReadonlySet<PeriodKind> = new Set(['year', 'half-year', 'quarter', 'date']);

/**
 * Whether a canonical period fits an indicator's periodicity. A monthly indicator takes months, a
 * weekly one weeks — ISO weeks and the weeks DHIS2 starts on another weekday (`2024WedW5`, a
 * seven-day span) — and neither takes years, so DHIS2's monthly values never land in a yearly
 * indicator unnoticed, nor yearly totals in a monthly series. Other spans (financial years,
 * bi-months, bi-weeks) belong to indicators declared `irregular`.
 */
export function periodFits(periodicity: Periodicity, period: string): boolean {
  const parts = parsePeriod(period);
  if (!parts) return false;
  switch (periodicity) {
    case 'irregular':
      return true;
    case 'month':
      return parts.kind === 'month';
    case 'week':
      return parts.kind === 'week' || (parts.kind === 'interval' && parts.duration === 'P1W');
    default:
      return PERIODIC_KINDS.has(parts.kind);
  }
}

const KIND_WORDS: Record<PeriodKind, string> = {
  year: 'a year',
  'half-year': 'a half-year',
  quarter: 'a quarter',
  month: 'a month',
  week: 'a week',
  date: 'a reference date',
  interval: 'a span',
};

/** "a month" for `2024-03`: how error messages name what a period is. */
export function describePeriodKind(period: string): string {
  const parts = parsePeriod(period);
  return parts ? KIND_WORDS[parts.kind] : 'not a period';
}
