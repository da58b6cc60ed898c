// The ODK function library Quartier supports. Each entry fixes its arity so form validation can
// reject `selected(${x})` at upload time instead of at the respondent's first answer.
import { type FormIssueCause, formIssueCause, formIssueReason } from '../form-issue-codes';
import {
  type DateValue,
  type Value,
  isDate,
  parseIsoDate,
  toBoolean,
  toNumber,
  toStringValue,
} from './values';

export interface FunctionContext {
  /** Today's date (server side: the submission day), `YYYY-MM-DD`. */
  readonly today: DateValue;
  /** The answer under constraint, for the zero-argument forms like `string-length()`. */
  readonly current: Value;
}

interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  readonly fn: (args: readonly Value[], ctx: FunctionContext) => Value;
}

/**
 * User-supplied regular expressions run on the server. JavaScript's engine backtracks, so a
 * pattern like `(a+)+$` can hang the event loop; patterns with a quantified group that itself
 * contains a quantifier, and back-references, are refused, and inputs are capped.
 */
export const MAX_REGEX_PATTERN_LENGTH = 500;
export const MAX_REGEX_INPUT_LENGTH = 10_000;
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
const BACKREFERENCE = /\\[1-9]|\\k</;
const regexCache = new Map<string, RegExp>();

/** Why a regex pattern is refused, as code and parameters, or undefined when it is safe to run. */
export function unsafeRegexCause(pattern: string): FormIssueCause | undefined {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH)
    return formIssueCause('regex-too-long', { max: MAX_REGEX_PATTERN_LENGTH });
  if (NESTED_QUANTIFIER.test(pattern)) return formIssueCause('regex-nested-quantifiers');
  if (BACKREFERENCE.test(pattern)) return formIssueCause('regex-backreference');
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return formIssueCause('regex-invalid', { detail: (error as Error).message });
  }
  return undefined;
}

/** Why a regex pattern is refused, or undefined when it is safe to run. */
export function unsafeRegexReason(pattern: string): string | undefined {
  const cause = unsafeRegexCause(pattern);
  return cause && formIssueReason(cause);
}

function compileRegex(pattern: string): RegExp | undefined {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  if (unsafeRegexReason(pattern) !== undefined) return undefined;
  const compiled = new RegExp(pattern, 'u');
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(pattern, compiled);
  return compiled;
}

const selections = (v: Value): string[] =>
  toStringValue(v)
    .split(/\s+/)
    .filter((s) => s.length > 0);
const numeric = (fn: (x: number) => number): FunctionSpec => ({
  min: 1,
  max: 1,
  fn: ([x]) => fn(toNumber(x)),
});

function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(digits)) return NaN;
  const factor = 10 ** Math.trunc(digits);
  // Half away from zero, as JavaRosa does (Math.round rounds -2.5 to -2).
  return (Math.sign(x) * Math.round(Math.abs(x) * factor)) / factor;
}

function toDate(v: Value): Value {
  if (isDate(v)) return v;
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'date', days: Math.floor(v) } : '';
  const parsed = parseIsoDate(toStringValue(v).slice(0, 10));
  return parsed ?? '';
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  selected: { min: 2, max: 2, fn: ([list, value]) => selections(list).includes(toStringValue(value).trim()) },
  'count-selected': { min: 1, max: 1, fn: ([list]) => selections(list).length },
  'selected-at': { min: 2, max: 2, fn: ([list, i]) => selections(list)[toNumber(i)] ?? '' },
  'string-length': { min: 0, max: 1, fn: (args, ctx) => [...toStringValue(args[0] ?? ctx.current)].length },
  regex: {
    min: 2,
    max: 2,
    fn: ([text, pattern]) => {
      const input = toStringValue(text);
      const re = compileRegex(toStringValue(pattern));
      return re !== undefined && input.length <= MAX_REGEX_INPUT_LENGTH && re.test(input);
    },
  },
  if: { min: 3, max: 3, fn: ([condition, then, otherwise]) => (toBoolean(condition) ? then : otherwise) },
  coalesce: { min: 2, max: 2, fn: ([a, b]) => (toStringValue(a) !== '' ? a : b) },
  concat: { min: 0, max: Infinity, fn: (args) => args.map(toStringValue).join('') },
  today: { min: 0, max: 0, fn: (_args, ctx) => ctx.today },
  date: { min: 1, max: 1, fn: ([v]) => toDate(v) },
  number: { min: 1, max: 1, fn: ([v]) => toNumber(v) },
  int: numeric((x) => (Number.isFinite(x) ? Math.trunc(x) : NaN)),
  round: {
    min: 1,
    max: 2,
    fn: ([x, digits]) => roundTo(toNumber(x), digits === undefined ? 0 : toNumber(digits)),
  },
  floor: numeric(Math.floor),
  ceiling: numeric(Math.ceil),
  abs: numeric(Math.abs),
  sqrt: numeric(Math.sqrt),
  pow: { min: 2, max: 2, fn: ([a, b]) => toNumber(a) ** toNumber(b) },
  min: { min: 1, max: Infinity, fn: (args) => Math.min(...args.map(toNumber)) },
  max: { min: 1, max: Infinity, fn: (args) => Math.max(...args.map(toNumber)) },
  string: { min: 1, max: 1, fn: ([v]) => toStringValue(v) },
  boolean: { min: 1, max: 1, fn: ([v]) => toBoolean(v) },
  not: { min: 1, max: 1, fn: ([v]) => !toBoolean(v) },
  true: { min: 0, max: 0, fn: () => true },
  false: { min: 0, max: 0, fn: () => false },
  contains: { min: 2, max: 2, fn: ([a, b]) => toStringValue(a).includes(toStringValue(b)) },
  'starts-with': { min: 2, max: 2, fn: ([a, b]) => toStringValue(a).startsWith(toStringValue(b)) },
  'ends-with': { min: 2, max: 2, fn: ([a, b]) => toStringValue(a).endsWith(toStringValue(b)) },
  substr: {
    min: 2,
    max: 3,
    fn: ([s, start, end]) => {
      const chars = [...toStringValue(s)];
      return chars.slice(toNumber(start), end === undefined ? undefined : toNumber(end)).join('');
    },
  },
  'substring-before': {
    min: 2,
    max: 2,
    fn: ([a, b]) => {
      const text = toStringValue(a);
      const i = text.indexOf(toStringValue(b));
      return i < 0 ? '' : text.slice(0, i);
    },
  },
  'substring-after': {
    min: 2,
    max: 2,
    fn: ([a, b]) => {
      const text = toStringValue(a);
      const sep = toStringValue(b);
      const i = text.indexOf(sep);
      return i < 0 ? '' : text.slice(i + sep.length);
    },
  },
  // pulldata(file, column, key column, key) reads a CSV attached to the form; Quartier keeps no
  // such files, so it answers as ODK Collect does when the file is missing.
  pulldata: { min: 4, max: 4, fn: () => '' },
  'normalize-space': {
    min: 0,
    max: 1,
    fn: (args, ctx) =>
      toStringValue(args[0] ?? ctx.current)
        .trim()
        .replace(/\s+/g, ' '),
  },
};
