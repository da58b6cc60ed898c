// Statistical periods as Quartier stores them (`2024`, `2024H1`, `2024Q3`, `2024-12-31`) and as
// the exchange formats write them: SDMX (`2024-S1`, `2024-Q3`, `2024-A1`) and DHIS2 (`2024S1`,
// `2024Q3`, `20241231`). Every import normalises to the canonical form, so one period is one
// key in the database whatever file it came from.

export type PeriodDialect = 'quartier' | 'sdmx' | 'dhis2';

export type PeriodKind = 'year' | 'half-year' | 'quarter' | 'date';

export interface PeriodParts {
  kind: PeriodKind;
  year: number;
  /** Half-year 1–2, quarter 1–4; absent for years and dates. */
  part?: number;
  /** ISO date for reference dates. */
  date?: string;
}

const CANONICAL = /^(\d{4})(?:(H)([12])|(Q)([1-4])|-(\d{2})-(\d{2}))?$/;

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
    return validDate(year, month, day) ? { kind: 'date', year, date: text } : null;
  }
  return { kind: 'year', year };
}

/**
 * The canonical period for a text in the given dialect; the canonical form is accepted in every
 * dialect (files written by Quartier itself). Null when it is not a supported period.
 */
export function normalisePeriod(raw: string, dialect: PeriodDialect = 'quartier'): string | null {
  const text = raw.trim();
  if (parsePeriod(text)) return text;
  let candidate: string | null = null;
  if (dialect === 'sdmx') {
    const m = /^(\d{4})-(A1|S[12]|Q[1-4])$/.exec(text);
    if (m) candidate = m[2] === 'A1' ? m[1] : `${m[1]}${m[2].replace('S', 'H')}`;
  } else if (dialect === 'dhis2') {
    const half = /^(\d{4})S([12])$/.exec(text);
    const day = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    if (half) candidate = `${half[1]}H${half[2]}`;
    else if (day) candidate = `${day[1]}-${day[2]}-${day[3]}`;
  }
  return candidate !== null && parsePeriod(candidate) ? candidate : null;
}

/** Writes a canonical period in an exchange dialect. */
export function formatPeriod(period: string, dialect: PeriodDialect): string {
  const parts = parsePeriod(period);
  if (!parts) throw new RangeError(`not a period: "${period}"`);
  if (dialect === 'quartier') return period;
  switch (parts.kind) {
    case 'year':
      return period;
    case 'half-year':
      return dialect === 'sdmx' ? `${parts.year}-S${parts.part}` : `${parts.year}S${parts.part}`;
    case 'quarter':
      return dialect === 'sdmx' ? `${parts.year}-Q${parts.part}` : `${parts.year}Q${parts.part}`;
    case 'date':
      return dialect === 'sdmx' ? period : period.replaceAll('-', '');
  }
}

/** First day of the period (ISO date): what a time axis sorts and plots by. */
export function periodStart(period: string): string {
  const parts = parsePeriod(period);
  if (!parts) throw new RangeError(`not a period: "${period}"`);
  const month =
    parts.kind === 'half-year'
      ? (parts.part! - 1) * 6 + 1
      : parts.kind === 'quarter'
        ? (parts.part! - 1) * 3 + 1
        : 1;
  return parts.kind === 'date' ? parts.date! : `${parts.year}-${String(month).padStart(2, '0')}-01`;
}

const SPAN: Record<PeriodKind, number> = { year: 4, 'half-year': 3, quarter: 2, date: 1 };

/**
 * Chronological order: by start, then longer periods first (2024 before 2024H1 before 2024Q1),
 * so a mixed series reads top-down from the general to the particular.
 */
export function comparePeriods(a: string, b: string): number {
  const sa = periodStart(a);
  const sb = periodStart(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return SPAN[parsePeriod(b)!.kind] - SPAN[parsePeriod(a)!.kind];
}
