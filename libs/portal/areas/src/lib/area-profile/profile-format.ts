// How an area page writes an indicator value: the number in the reader's locale with the
// unit's sign where readers expect one (%, ‰, €), a change with its sign. Pure, so unit-tested.

/** Units written after the number; counts, index values and ratios stand on their own. */
const SUFFIX: Readonly<Record<string, string>> = { '%': ' %', '‰': ' ‰', '€': ' €' };

export function formatValue(
  value: number,
  unit: string,
  format: (n: number) => string,
  years = 'years',
): string {
  const suffix = unit === 'years' ? ` ${years}` : (SUFFIX[unit] ?? '');
  return `${format(value)}${suffix}`;
}

/** A change with its sign (− for falls, as typeset, + for rises, ± 0 for none). */
export function formatChange(
  change: number,
  unit: string,
  format: (n: number) => string,
  years = 'years',
): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '± ';
  // Percentages change in percentage points: "pp" would need its own word, the unit reads fine.
  return `${sign}${formatValue(Math.abs(change), unit, format, years)}`;
}
