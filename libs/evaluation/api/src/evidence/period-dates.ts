/**
 * The last day of a statistical period (`2024`, `2024H1`, `2024Q3`, `2024-12-31`), as the date
 * that orders survey and network waves in a snapshot.
 */
export function periodEndDate(period: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  const year = period.slice(0, 4);
  const half = /^\d{4}H([12])$/.exec(period);
  if (half) return half[1] === '1' ? `${year}-06-30` : `${year}-12-31`;
  const quarter = /^\d{4}Q([1-4])$/.exec(period);
  if (quarter) return `${year}-${['03-31', '06-30', '09-30', '12-31'][Number(quarter[1]) - 1]}`;
  return `${year}-12-31`;
}
