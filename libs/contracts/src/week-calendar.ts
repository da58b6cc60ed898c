// The week calendar that canonical periods (ISO weeks) and DHIS2's weekly types both count in.

/** Number of ISO weeks of a year (52 or 53). */
export function isoWeeksInYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28));
  const day = (dec28.getUTCDay() + 6) % 7;
  const thursday = new Date(dec28.getTime() + (3 - day) * 86_400_000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1;
}

/**
 * First day of week `week` of `year` for weeks starting on `weekday` (0 = Sunday … 6 =
 * Saturday): week 1 is the one holding 4 January, as for ISO weeks (Monday) and DHIS2's weekly
 * types.
 */
export function weekStart(year: number, week: number, weekday = 1): string {
  const jan4 = Date.UTC(year, 0, 4);
  const back = (new Date(jan4).getUTCDay() - weekday + 7) % 7;
  const start = new Date(jan4 - back * 86_400_000 + (week - 1) * 7 * 86_400_000);
  return start.toISOString().slice(0, 10);
}
