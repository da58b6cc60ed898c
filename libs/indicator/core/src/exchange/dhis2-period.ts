// DHIS2's period identifiers (Web API "Date and period format": every period type DHIS2 has)
// and their canonical Quartier periods. Spans that are neither calendar years, halves, quarters,
// months nor ISO weeks become ISO 8601 intervals from their first day.
import { weekStart, type PeriodParts } from '@quartier/contracts';

const pad = (n: number) => String(n).padStart(2, '0');

const FINANCIAL_MONTHS: Readonly<Record<string, number>> = {
  Feb: 2,
  April: 4,
  July: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
};
const WEEK_DAYS: Readonly<Record<string, number>> = { Wed: 3, Thu: 4, Sat: 6, Sun: 0 };

function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The canonical period of a DHIS2 period identifier, or null when it is none. */
export function dhis2Period(text: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) return `${m[1]}-${m[2]}-${m[3]}`;
  if ((m = /^(\d{4})(\d{2})$/.exec(text))) return `${m[1]}-${m[2]}`;
  if ((m = /^(\d{4})(\d{2})B$/.exec(text))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 6 ? `${isoDate(Number(m[1]), month * 2 - 1, 1)}/P2M` : null;
  }
  if ((m = /^(\d{4})S([12])$/.exec(text))) return `${m[1]}H${m[2]}`;
  if ((m = /^(\d{4})W([1-9]\d?)$/.exec(text))) return `${m[1]}-W${pad(Number(m[2]))}`;
  if ((m = /^(\d{4})(Wed|Thu|Sat|Sun)W([1-9]\d?)$/.exec(text))) {
    const week = Number(m[3]);
    return week <= 53 ? `${weekStart(Number(m[1]), week, WEEK_DAYS[m[2]])}/P1W` : null;
  }
  if ((m = /^(\d{4})BiW([1-9]\d?)$/.exec(text))) {
    const biweek = Number(m[2]);
    return biweek <= 27 ? `${weekStart(Number(m[1]), biweek * 2 - 1, 1)}/P2W` : null;
  }
  if ((m = /^(\d{4})AprilS([12])$/.exec(text)))
    return `${isoDate(Number(m[1]), m[2] === '1' ? 4 : 10, 1)}/P6M`;
  // November-based halves and quarters start in the November before the named year.
  if ((m = /^(\d{4})NovS([12])$/.exec(text)))
    return `${isoDate(Number(m[1]) - 1, 11 + (Number(m[2]) - 1) * 6, 1)}/P6M`;
  if ((m = /^(\d{4})NovQ([1-4])$/.exec(text)))
    return `${isoDate(Number(m[1]) - 1, 11 + (Number(m[2]) - 1) * 3, 1)}/P3M`;
  if ((m = /^(\d{4})(Feb|April|July|Aug|Sep|Oct|Nov)$/.exec(text)))
    return `${isoDate(Number(m[1]), FINANCIAL_MONTHS[m[2]], 1)}/P1Y`;
  return null;
}

const MONTH_WORD = Object.fromEntries(Object.entries(FINANCIAL_MONTHS).map(([word, month]) => [month, word]));

function intervalAsDhis2(date: string, duration: string): string | null {
  const [year, month, day] = date.split('-').map(Number);
  if (duration === 'P1Y' && day === 1 && MONTH_WORD[month]) return `${year}${MONTH_WORD[month]}`;
  if (duration === 'P6M' && day === 1 && (month === 4 || month === 10))
    return `${year}AprilS${month === 4 ? 1 : 2}`;
  if (duration === 'P2M' && day === 1 && month % 2 === 1) return `${year}${pad((month + 1) / 2)}B`;
  if (duration === 'P6M' && day === 1 && (month === 11 || month === 5))
    return month === 11 ? `${year + 1}NovS1` : `${year}NovS2`;
  return null;
}

/** A canonical period as DHIS2 writes it; spans DHIS2 has no type for stay ISO intervals. */
export function formatDhis2Period(parts: PeriodParts, period: string): string {
  switch (parts.kind) {
    case 'half-year':
      return `${parts.year}S${parts.part}`;
    case 'quarter':
      return `${parts.year}Q${parts.part}`;
    case 'month':
      return `${parts.year}${pad(parts.part!)}`;
    case 'week':
      return `${parts.year}W${parts.part}`;
    case 'date':
      return period.replaceAll('-', '');
    case 'interval':
      return intervalAsDhis2(parts.date!, parts.duration!) ?? period;
    case 'year':
      return period;
  }
}
