// The exchange dialects of statistical periods and which periods a series admits. The canonical
// grammar itself (`2024`, `2024H1`, `2024Q3`, `2024-03`, `2024-W05`, `2024-12-31`,
// `2024-04-01/P1Y`) and its chronological order (comparePeriods) are the platform's, in the
// contracts, so other services read and order periods alike.
// Dialects: SDMX (`2024-S1`, `2024-Q3`, `2024-A1`, `2024-M03`, `2024-W05`), DHIS2 (every period
// type: `2024`, `2024S1`, `2024Q3`, `202403`, `202401B`, `2024W5`, `2024WedW5`, `2024BiW1`,
// `2024April`, `2024AprilS1`, `20241231`, …) and statistics offices' JSON-stat (SDMX forms and
// PxWeb's `2024M03`, `2024K3`).
import { parsePeriod, type PeriodKind } from '@quartier/contracts';
import { dhis2Period, formatDhis2Period } from './dhis2-period';

export type PeriodDialect = 'quartier' | 'sdmx' | 'dhis2' | 'jsonstat';

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
