import { storableText, textProblem } from '@quartier/contracts';

// PostgreSQL cannot store U+0000 in `text` or `jsonb`, and a lone UTF-16 surrogate has no UTF-8
// encoding at all, so a failure report quoting a bad cell verbatim would itself fail to be
// stored — which is how one NUL byte once ended the whole platform. Every string the job runner
// writes passes through `storableText` (contracts' text safety, where the rule is decided once).

/** A JSON-ready copy of `value` whose every string (keys included) can be stored. */
export function storable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  // Deeper than any report we write: cut instead of overflowing the stack on a cyclic or hostile value.
  if (depth > 32) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => storable(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function') continue;
    out[storableText(key)] = storable(item, depth + 1);
  }
  return out;
}

/**
 * Whether a payload can go into `jsonb` as it is (enqueue refuses it otherwise). Also asked of
 * every feature of an area import, geometry included: arrays are walked by index and numbers
 * passed over, without a [key, value] pair per coordinate (at 50,000 areas that walk cost more
 * than a second).
 */
export function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return textProblem(value) !== null;
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' || typeof item === 'string') {
        if (hasUnstorableText(item, depth + 1)) return true;
      }
    }
    return false;
  }
  for (const key of Object.keys(value)) {
    if (textProblem(key) !== null || hasUnstorableText((value as Record<string, unknown>)[key], depth + 1))
      return true;
  }
  return false;
}

/** The message of anything thrown, whatever it is (an Error, a string, an object without a prototype). */
export function messageOf(error: unknown): string {
  try {
    if (error instanceof Error) return storableText(error.message || error.name);
    if (typeof error === 'string') return storableText(error);
    return storableText(JSON.stringify(error) ?? String(error));
  } catch {
    return 'unknown error';
  }
}
