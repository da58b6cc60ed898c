const formats = new Map<string, Intl.NumberFormat>();

/**
 * `value.toLocaleString(locale, { maximumFractionDigits: digits })`, with the formatter made
 * once per locale and digits: `toLocaleString` builds a new `Intl.NumberFormat` on every call,
 * which for the tooltips of a 50,000-area map was a sixth of the page's main-thread time after
 * a reload (Chromium CPU profile).
 */
export function localeDecimal(value: number, locale: string, digits: number): string {
  const key = `${locale}\u0000${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    formats.set(key, format);
  }
  return format.format(value);
}
