/** Where the platform's cities are unless `QUARTIER_TIME_ZONE` says otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/**
 * The time as services see it. Injected everywhere a decision or a stored timestamp depends on
 * "now" (audit trails, as-of times, due dates), so tests fix it instead of depending on the
 * calendar. The platform provides the system clock; tests pass `runtime.clock`.
 *
 * A clock also knows the platform's time zone (`QUARTIER_TIME_ZONE`): a date-only fact such as
 * an area version's valid-from, a wave's closing day or a measure's start day is a day in the
 * city, so "today" is the day on the city's calendar, not the UTC one (a version dated 1 January
 * takes over at midnight in Berlin, not at 01:00).
 */
export abstract class Clock {
  private readonly days: CalendarDays;

  /** @throws RangeError for a zone the runtime's time zone database does not know. */
  constructor(readonly timeZone: string = DEFAULT_TIME_ZONE) {
    this.days = new CalendarDays(timeZone);
  }

  abstract now(): Date;

  /** The calendar day (`YYYY-MM-DD`) it is now in the platform's time zone. */
  today(): string {
    return this.days.of(this.now());
  }

  /** The calendar day (`YYYY-MM-DD`) an instant falls on in the platform's time zone. */
  dayOf(at: Date): string {
    return this.days.of(at);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock standing at `at` until moved (tests). */
export class FixedClock extends Clock {
  constructor(
    private at: Date,
    timeZone?: string,
  ) {
    super(timeZone);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date): void {
    this.at = at;
  }
}

/**
 * A clock that starts at `start` and runs on in real time: a whole platform (and a browser
 * driven against it) can be set to a fixed day for tests and demos while timeouts, ordering and
 * durations still work as they do with the system clock.
 */
export class ShiftedClock extends Clock {
  private readonly offset: number;
  private readonly system: () => number;
  constructor(
    start: Date,
    { timeZone, system = Date.now }: { timeZone?: string; system?: () => number } = {},
  ) {
    super(timeZone);
    this.system = system;
    this.offset = start.getTime() - system();
  }
  now(): Date {
    return new Date(this.system() + this.offset);
  }
}

/** Whether `timeZone` is an IANA zone the runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`: what date-only facts such as
 * an area version's valid-from are compared with. Intl does the zone's offsets and daylight
 * saving from the runtime's time zone database.
 */
export function calendarDay(at: Date, timeZone: string): string {
  return new CalendarDays(timeZone).of(at);
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as an ISO date-time with the offset `timeZone` has at that instant
 * (`2027-01-01T00:30:00.000+01:00` for 23:30 UTC on New Year's Eve in Berlin): the same instant
 * as its UTC form, written as the city's clocks read it, so whoever prints its date (a report's
 * "generated on") prints the city's day without knowing the zone. An offset that is not whole
 * minutes (local mean time before 1893) has no ISO form: the UTC form is answered then.
 */
export function zonedDateTime(at: Date, timeZone: string): string {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(
    part['year'],
    part['month'] - 1,
    part['day'],
    part['hour'],
    part['minute'],
    part['second'],
  );
  const offsetMinutes = (wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000;
  if (!Number.isInteger(offsetMinutes)) return at.toISOString();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  // The wall clock's fields, with the instant's own milliseconds (offsets are whole minutes).
  return `${new Date(wall + at.getUTCMilliseconds()).toISOString().slice(0, -1)}${sign}${hours}:${minutes}`;
}

/**
 * Days in one zone. Formatting with a zone costs microseconds, and requests ask for today many
 * times a second, so the last answer is kept for the rest of its UTC second: zone offsets are
 * whole seconds, so no day boundary falls inside one and the reuse is exact.
 */
class CalendarDays {
  private readonly format: Intl.DateTimeFormat;
  private last: { second: number; day: string } | undefined;

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  of(at: Date): string {
    const second = Math.floor(at.getTime() / 1000);
    if (this.last?.second === second) return this.last.day;
    const parts = Object.fromEntries(this.format.formatToParts(at).map((part) => [part.type, part.value]));
    // formatToParts rather than format(): the parts stay the same whatever en-CA's pattern becomes.
    const day = `${parts['year']}-${parts['month']}-${parts['day']}`;
    this.last = { second, day };
    return day;
  }
}
