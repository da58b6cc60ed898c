const formats = new Map<string, Intl.NumberFormat>();

/**
 * The formatter for a locale and a number of decimals, made once: `toLocaleString` builds a new
 * `Intl.NumberFormat` on every call, which for the tooltips of a 50,000-area map was a sixth of
 * the page's main-thread time after a reload (Chromium CPU profile).
 */
function formatter(
  locale: string,
  digits: number,
  fixed: boolean,
  style: 'decimal' | 'percent' = 'decimal',
): Intl.NumberFormat {
  const key = `${locale}\u0000${digits}\u0000${fixed}\u0000${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style,
      maximumFractionDigits: digits,
      ...(fixed ? { minimumFractionDigits: digits } : {}),
    });
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

/**
 * A number in the reader's locale with at most `digits` decimals, or exactly `digits` when
 * `fixed`; '–' where there is none — NaN and the infinities (nothing to compute a number from)
 * read as none, like a missing value.
 */
export function formatDecimal(
  value: number | null | undefined,
  locale: string,
  digits: number,
  fixed = false,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return fixed ? fixedDecimal(value, locale, digits) : localeDecimal(value, locale, digits);
}

/**
 * A share (0.85) as a percentage in the reader's locale, its sign placed and spaced as the locale
 * writes it ('85 %' with a no-break space in German, '85%' in English); `fixed` keeps every one
 * of the `digits` decimals (survey shares beside their intervals: '85,0 %'). '–' without a number.
 */
export function formatPercent(
  share: number | null | undefined,
  locale: string,
  digits: number,
  fixed = false,
): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return formatter(locale, digits, fixed, 'percent').format(share);
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB'] as const;

/**
 * A file's size in decimal units as people read it: whole bytes and kilobytes ('512 B',
 * '246 kB'), one decimal from a megabyte on ('1,4 MB').
 */
export function formatFileSize(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${localeDecimal(value, locale, unit < 2 ? 0 : 1)} ${SIZE_UNITS[unit]}`;
}
