/**
 * The time as services see it. Injected everywhere a decision or a stored timestamp depends on
 * "now" (audit trails, as-of times, due dates), so tests fix it instead of depending on the
 * calendar. The platform provides the system clock; tests pass `runtime.clock`.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock standing at `at` until moved (tests). */
export class FixedClock extends Clock {
  constructor(private at: Date) {
    super();
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
  constructor(
    start: Date,
    private readonly system: () => number = Date.now,
  ) {
    super();
    this.offset = start.getTime() - system();
  }
  now(): Date {
    return new Date(this.system() + this.offset);
  }
}

/**
 * The calendar day (UTC, `YYYY-MM-DD`) a clock reading falls on: what date-only facts such as
 * an area version's valid-from are compared with.
 */
export function calendarDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
