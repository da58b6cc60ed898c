/**
 * The calendar day (`YYYY-MM-DD`) `at` falls on in `timeZone`. The portal proposes days on the
 * platform's calendar (the zone the registry's `/me` tells): the services store and compare
 * days by it, so the browser's own day, or the UTC one, would be yesterday or tomorrow around
 * midnight.
 */
export function dayIn(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** The browser's own zone: the fallback only while no session says the platform's. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
