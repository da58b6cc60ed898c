/** EUR amounts: the services count cents (integers), people read and type euros. */
import { BUDGET_YEARS, MAX_CENTS } from '@quartier/contracts/browser';

const formats = new Map<string, Intl.NumberFormat>();

/** Cents as a currency amount in the page's language (`1.234,56 €` / `€1,234.56`). */
export function formatEuros(cents: number | null | undefined, locale: string): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '–';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    formats.set(locale, format);
  }
  return format.format(cents / 100);
}

/**
 * What a person typed as euros → cents, or null when it is not an amount the programme service
 * takes (0 to `MAX_CENTS`). Both `1.234,56` and `1234.56` are understood: the last `,` or `.`
 * followed by one or two digits is the decimal separator, every other separator groups thousands.
 */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s€\u00a0]/g, '').replace(/EUR$/i, '');
  if (!/^\d[\d.,]*$/.test(cleaned)) return null;
  const decimal = /[.,](\d{1,2})$/.exec(cleaned);
  const whole = (decimal ? cleaned.slice(0, decimal.index) : cleaned).replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return null;
  const fraction = decimal ? decimal[1].padEnd(2, '0') : '00';
  const cents = Number(whole) * 100 + Number(fraction);
  return Number.isSafeInteger(cents) && cents <= MAX_CENTS ? cents : null;
}

/**
 * The year of a budget cell, an expenditure or an allocation as typed (a number input gives a
 * number, or null when empty), or null when the programme service would refuse it: a whole
 * year from `BUDGET_YEARS.min` to `BUDGET_YEARS.max`.
 */
export function budgetYear(typed: unknown): number | null {
  const year = typeof typed === 'string' && typed.trim() !== '' ? Number(typed) : typed;
  return typeof year === 'number' &&
    Number.isInteger(year) &&
    year >= BUDGET_YEARS.min &&
    year <= BUDGET_YEARS.max
    ? year
    : null;
}

/** Cents as an editable euro text without grouping (`1234,56` in German, `1234.56` in English). */
export function eurosInput(cents: number, locale: string): string {
  const text = (cents / 100).toFixed(2);
  return locale.startsWith('de') ? text.replace('.', ',') : text;
}

export interface BudgetCellLike {
  readonly year: number;
  readonly line: string;
}

/** The years and the lines of a year × line table, sorted; lines in the programme's order first. */
export function budgetAxes(
  cells: readonly BudgetCellLike[],
  lineOrder: readonly string[],
): { years: number[]; lines: string[] } {
  const years = [...new Set(cells.map((c) => c.year))].sort((a, b) => a - b);
  const known = new Set(lineOrder);
  const extra = [...new Set(cells.map((c) => c.line).filter((l) => !known.has(l)))].sort();
  const used = new Set(cells.map((c) => c.line));
  return { years, lines: [...lineOrder.filter((l) => used.has(l)), ...extra] };
}

/** Sums of numeric fields over cells (the table's total row). */
export function totals<K extends string>(
  cells: readonly { readonly [P in K]: number }[],
  fields: readonly K[],
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const field of fields) {
    let sum = 0;
    for (const cell of cells) sum += cell[field];
    out[field] = sum;
  }
  return out;
}
