// XPath 1.0 value semantics as ODK applies them: strings, numbers and booleans convert into each
// other by fixed rules, and dates (a JavaRosa extension) behave as days since 1970-01-01 in
// arithmetic and comparison.

export interface DateValue {
  readonly kind: 'date';
  /** Days since 1970-01-01 (UTC). */
  readonly days: number;
}

export type Value = number | string | boolean | DateValue;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const XPATH_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function isDate(v: Value): v is DateValue {
  return typeof v === 'object';
}

/** Parses `YYYY-MM-DD` strictly (no 2023-02-30); undefined when it is not a calendar date. */
export function parseIsoDate(text: string): DateValue | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return undefined;
  return { kind: 'date', days: ms / DAY_MS };
}

export function formatIsoDate(date: DateValue): string {
  return new Date(Math.round(date.days) * DAY_MS).toISOString().slice(0, 10);
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isDate(v)) return v.days;
  const text = v.trim();
  if (XPATH_NUMBER.test(text)) return Number(text);
  const date = parseIsoDate(text);
  return date ? date.days : NaN;
}

export function toStringValue(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isDate(v)) return formatIsoDate(v);
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return Object.is(v, -0) ? '0' : String(v);
}

export function toBoolean(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (isDate(v)) return true;
  return v.length > 0;
}

/** XPath `=`: booleans win, then numbers (and dates), then strings. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'number' || typeof b === 'number' || isDate(a) || isDate(b))
    return toNumber(a) === toNumber(b);
  return a === b;
}
