import { z } from 'zod';
import { NAME_MAX_LENGTH } from './text-limits';

export { AREA_CODE_MAX_LENGTH, AREA_SEARCH_LENGTH, NAME_MAX_LENGTH } from './text-limits';

// What text the platform accepts, decided once for every writer (API bodies, queries, uploads):
// PostgreSQL cannot store NUL in text or jsonb, and jsonb refuses lone UTF-16 surrogates (which
// JSON.stringify escapes as "\ud800"), so both would otherwise surface as a 500 deep inside a
// transaction. Bidirectional controls in names and labels let a name display as something else
// (the "Trojan Source" trick), so names and labels refuse them.

/** The deepest JSON value any request body or answer may have; forms nest far less. */
export const JSON_MAX_DEPTH = 64;

export type TextProblem = 'nul' | 'surrogate';
export type BidiProblem = 'bidi-control' | 'bidi-mark';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Embeddings, overrides and isolates: they reorder the text around them. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Left-to-right and right-to-left marks: meaningful only next to right-to-left script. */
const BIDI_MARK = /[\u200E\u200F]/;
const RIGHT_TO_LEFT_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;

/** Why a text cannot be stored at all (NUL byte, lone surrogate), or null. */
export function textProblem(text: string): TextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return null;
}

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * The text with every NUL and lone surrogate replaced by U+FFFD (the replacement character), so
 * it can be stored and still shows where the character was — e.g. a failure report quoting a
 * bad cell verbatim ("1\0" is not a number), which would otherwise fail to be stored itself.
 */
export function storableText(text: string): string {
  if (textProblem(text) === null) return text;
  return text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
}

/**
 * Why a name or label would display misleadingly: a bidirectional embedding, override or
 * isolate, or a direction mark in text without any right-to-left script; null when it is fine.
 */
export function bidiProblem(text: string): BidiProblem | null {
  if (BIDI_CONTROL.test(text)) return 'bidi-control';
  if (BIDI_MARK.test(text) && !RIGHT_TO_LEFT_SCRIPT.test(text)) return 'bidi-mark';
  return null;
}

const PROBLEM_MESSAGES: Record<TextProblem | BidiProblem | 'depth', string> = {
  nul: 'contains a NUL character (U+0000), which cannot be stored',
  surrogate: 'contains a lone UTF-16 surrogate (invalid Unicode), which cannot be stored',
  'bidi-control': 'contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069)',
  'bidi-mark': 'contains a direction mark (U+200E/U+200F) outside right-to-left text',
  depth: `is nested deeper than ${JSON_MAX_DEPTH} levels`,
};

/** A sentence for a problem, to follow the name of the field, row or line it was found in. */
export function describeTextProblem(problem: TextProblem | BidiProblem | 'depth'): string {
  return PROBLEM_MESSAGES[problem];
}

/** Either problem of a name or label: unstorable text first, then misleading direction. */
export function nameProblem(text: string): TextProblem | BidiProblem | null {
  return textProblem(text) ?? bidiProblem(text);
}

export interface UnsafeJsonFinding {
  /** Dotted path of the offending member (`answers.q1`, `items.3.name`); '' for the value itself. */
  path: string;
  problem: TextProblem | 'depth';
}

/**
 * The first string (value or member name) that cannot be stored, or the first value nested
 * deeper than `maxDepth`. Iterative, so a hostile 100,000-deep document cannot overflow the
 * stack while being checked.
 */
export function findUnsafeJson(value: unknown, maxDepth = JSON_MAX_DEPTH): UnsafeJsonFinding | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const current = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof current.value === 'string') {
      const problem = textProblem(current.value);
      if (problem) return { path: current.path, problem };
      continue;
    }
    if (current.value === null || typeof current.value !== 'object' || !isJsonContainer(current.value))
      continue;
    if (current.depth >= maxDepth) return { path: current.path, problem: 'depth' };
    const entries = Array.isArray(current.value)
      ? current.value.map((item, index) => [String(index), item] as const)
      : Object.entries(current.value);
    // Reversed onto the stack, so the first offending member in document order is reported.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i];
      const path = current.path ? `${current.path}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: current.path || '(body)', problem: keyProblem };
      stack.push({ value: item, path, depth: current.depth + 1 });
    }
  }
  return null;
}

/** Arrays and plain objects: what JSON parsing yields (not buffers, dates or other class instances). */
function isJsonContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Zod issue parameter that marks a text problem, so the HTTP layer answers 422 instead of 400. */
export const UNSAFE_TEXT_ISSUE = 'UnsafeText';

/** Refinement for any other name-like text schema (`.superRefine(refuseUnsafeText)`). */
export function refuseUnsafeText(text: string, context: z.core.$RefinementCtx<string>): void {
  const problem = nameProblem(text);
  if (problem)
    context.addIssue({
      code: 'custom',
      message: describeTextProblem(problem),
      params: { code: UNSAFE_TEXT_ISSUE },
    });
}

/**
 * A name or title as every DTO and import takes it: trimmed, 1..`max` characters, no NUL,
 * no lone surrogate, no bidirectional control.
 */
export function nameText(max = NAME_MAX_LENGTH) {
  return z.string().trim().min(1).max(max).superRefine(refuseUnsafeText);
}

/** A label or description (may be empty): at most `max` characters, with the same checks as a name. */
export function labelText(max: number) {
  return z.string().max(max).superRefine(refuseUnsafeText);
}
