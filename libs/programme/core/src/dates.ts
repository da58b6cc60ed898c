// Dates and instants in the programme's plain data. A day is a real calendar day wherever it
// enters (the measure form's ISO date, a table import, an impact model, an IATI export), since
// PostgreSQL's date type refuses 30 February too.

/** Whether the text is a real calendar date YYYY-MM-DD (no 30 February). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether the text is an ISO 8601 instant with a time zone (`Z` or an offset) on a real calendar
 * day: Date.parse alone rolls 30 February over into March.
 */
export function isIsoInstant(text: string): boolean {
  return INSTANT.test(text) && isIsoDate(text.slice(0, 10)) && !Number.isNaN(Date.parse(text));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
