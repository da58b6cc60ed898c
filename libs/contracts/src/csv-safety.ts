// Spreadsheet programs run a cell that starts with =, +, -, @ (or a tab or carriage return
// before one of them) as a formula when they open a CSV ("CSV injection"): an actor named
// `=HYPERLINK("http://…")` in a network export would become a live link on a planner's
// machine. Every CSV the platform writes passes its cells through this one function.

/** A plain decimal number, also with a decimal comma or exponent: a spreadsheet reads it as a number. */
const NUMBER_LITERAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cell as it may be written to a CSV: a text that a spreadsheet would evaluate gets a
 * leading apostrophe (shown by no spreadsheet, and so the text reads as text); numbers, and
 * texts that are plain numbers such as `-1.5` or `-1,5`, stay as they are.
 */
export function neutraliseCsvCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  if (!FORMULA_START.test(value) || NUMBER_LITERAL.test(value)) return value;
  return `'${value}`;
}

/** Every cell of a row through {@link neutraliseCsvCell}. */
export function neutraliseCsvRow<T>(row: readonly T[]): (T | string)[] {
  return row.map(neutraliseCsvCell);
}

/**
 * A cell as the platform's own CSV readers take it back: the apostrophe that
 * {@link neutraliseCsvCell} put before a formula character is removed, so an export imports back
 * unchanged. Other cells (also other texts starting with an apostrophe) are returned as they are.
 */
export function restoreCsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) && !NUMBER_LITERAL.test(text.slice(1))
    ? text.slice(1)
    : text;
}
