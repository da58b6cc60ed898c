/**
 * PostgreSQL cannot store U+0000 in `text` or `jsonb`, and a lone UTF-16 surrogate has no UTF-8
 * encoding at all, so a failure report quoting a bad cell verbatim ("1\0" is not a number) would
 * itself fail to be stored — which is how one NUL byte once ended the whole platform. Every string
 * the job runner writes passes through here. Each such character becomes U+FFFD (the Unicode
 * replacement character) rather than vanishing, so the message still shows where it was.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

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

/** Whether a payload can go into `jsonb` as it is (enqueue refuses it otherwise). */
export function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return storableText(value) !== value;
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  return Object.entries(value).some(
    ([key, item]) => storableText(key) !== key || hasUnstorableText(item, depth + 1),
  );
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
