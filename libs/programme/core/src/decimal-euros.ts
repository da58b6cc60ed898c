/** Cents as exact decimal euros with two places ("1234.05", "-0.50"); no binary floating point. */
export function decimalEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
