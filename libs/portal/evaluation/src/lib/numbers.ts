// Small pieces of reading the evaluation's numbers: failures in place of results, p-values and
// hashes as people read them.
import { fixedDecimal } from '@quartier/portal-ui/texts';

/** A result the service could not compute carries `{error: {code, message}}` in its place. */
export interface Failure {
  error: { code: string; message: string };
}

export function isFailure<T extends object>(result: T | Failure | null | undefined): result is Failure {
  return !!result && 'error' in result;
}

/** The numbers of a result the service may have failed to compute; null when it failed or is absent. */
export function succeeded<T extends object>(result: T | null | undefined): Exclude<T, Failure> | null {
  return result && !isFailure(result) ? (result as Exclude<T, Failure>) : null;
}

/** p-values as reported in evaluations: "< 0.001" below a thousandth, else three decimals. */
export function formatP(p: number | null, locale: string): string {
  if (p === null || !Number.isFinite(p)) return '–';
  if (p < 0.001) return `< ${(0.001).toLocaleString(locale)}`;
  return fixedDecimal(p, locale, 3);
}

/** A number with a sign and a typographic minus (changes, estimates). */
export function formatSigned(value: number | null | undefined, locale: string, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = fixedDecimal(Math.abs(value), locale, digits);
  if (Number(text.replace(/[^\d]/g, '')) === 0) return text;
  return `${value < 0 ? '\u2212' : '+'}${text}`;
}

/** The first 12 hex digits of a SHA-256, grouped by four for reading aloud and comparing. */
export function shortHash(hash: string): string {
  return (hash.slice(0, 12).match(/.{1,4}/g) ?? []).join(' ');
}
