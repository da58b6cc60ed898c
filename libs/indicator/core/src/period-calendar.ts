import { comparePeriods, parsePeriod, type PeriodKind, type PeriodParts } from '@quartier/contracts';

/** The kinds with a regular step: how many periods a year has and how one is written. */
const STEPS: Partial<Record<PeriodKind, { perYear: number; label: (year: number, i: number) => string }>> = {
  year: { perYear: 1, label: (y) => String(y) },
  'half-year': { perYear: 2, label: (y, i) => `${y}H${i}` },
  quarter: { perYear: 4, label: (y, i) => `${y}Q${i}` },
};

/**
 * The expected periods between the first and last observed one: for years, half-years and
 * quarters every period of the range (so a year no area delivered is a gap too); reference
 * dates and mixed kinds have no regular step, so only the observed periods, in time order.
 */
export function periodCalendar(observed: readonly string[]): string[] {
  const unique = [...new Set(observed)].sort(comparePeriods);
  const parts = unique.map((p) => parsePeriod(p) as PeriodParts);
  const kind = parts[0]?.kind;
  const step = kind === undefined ? undefined : STEPS[kind];
  if (!step || parts.some((p) => p.kind !== kind)) return unique;
  const index = (p: PeriodParts) => p.year * step.perYear + (p.part ?? 1) - 1;
  const calendar: string[] = [];
  for (let i = index(parts[0]); i <= index(parts[parts.length - 1]); i++)
    calendar.push(step.label(Math.floor(i / step.perYear), (i % step.perYear) + 1));
  return calendar;
}
