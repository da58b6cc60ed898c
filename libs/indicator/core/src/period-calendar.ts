import { comparePeriods } from './exchange/period';

const KINDS: { pattern: RegExp; perYear: number; label: (year: number, i: number) => string }[] = [
  { pattern: /^(\d{4})$/, perYear: 1, label: (y) => String(y) },
  { pattern: /^(\d{4})H([12])$/, perYear: 2, label: (y, i) => `${y}H${i}` },
  { pattern: /^(\d{4})Q([1-4])$/, perYear: 4, label: (y, i) => `${y}Q${i}` },
];

/**
 * The expected periods between the first and last observed one: for years, half-years and
 * quarters every period of the range (so a year no area delivered is a gap too); reference
 * dates and mixed kinds have no regular step, so only the observed periods, in time order.
 */
export function periodCalendar(observed: readonly string[]): string[] {
  const unique = [...new Set(observed)].sort(comparePeriods);
  if (unique.length === 0) return [];
  const kind = KINDS.find((k) => unique.every((p) => k.pattern.test(p)));
  if (!kind) return unique;
  const index = (p: string) => {
    const m = kind.pattern.exec(p) as RegExpExecArray;
    return Number(m[1]) * kind.perYear + (kind.perYear === 1 ? 0 : Number(m[2]) - 1);
  };
  const first = index(unique[0]);
  const last = index(unique[unique.length - 1]);
  const calendar: string[] = [];
  for (let i = first; i <= last; i++)
    calendar.push(kind.label(Math.floor(i / kind.perYear), (i % kind.perYear) + 1));
  return calendar;
}
