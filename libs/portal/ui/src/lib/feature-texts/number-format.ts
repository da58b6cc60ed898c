const formats = new Map<string, Intl.NumberFormat>();

/**
 * The formatter for a locale and a number of decimals, made once: `toLocaleString` builds a new
 * `Intl.NumberFormat` on every call, which for the tooltips of a 50,000-area map was a sixth of
 * the page's main-thread time after a reload (Chromium CPU profile).
 */
function formatter(locale: string, digits: number, fixed: boolean): Intl.NumberFormat {
  const key = `${locale}\u0000${digits}\u0000${fixed}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locale,
      fixed
        ? { minimumFractionDigits: digits, maximumFractionDigits: digits }
        : { maximumFractionDigits: digits },
    );
    formats.set(key, format);
  }
  return format;
}

/** `value.toLocaleString(locale, { maximumFractionDigits: digits })`: at most `digits` decimals. */
export function localeDecimal(value: number, locale: string, digits: number): string {
  return formatter(locale, digits, false).format(value);
}

/**
 * Exactly `digits` decimals (`toLocaleString` with the minimum and maximum both `digits`), where
 * the decimals are part of what a number says: estimates, p-values, shares (0.50, not 0.5).
 */
export function fixedDecimal(value: number, locale: string, digits: number): string {
  return formatter(locale, digits, true).format(value);
}
