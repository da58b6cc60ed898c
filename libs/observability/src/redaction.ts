/**
 * What log lines may carry of what people typed: nothing. Error messages quote the value they
 * refused (PostgreSQL's `invalid input syntax for type date: "…"`, V8's `Unexpected token 'H',
 * "Herr Müller…" is not valid JSON`), and URLs carry tokens and codes in their query. These
 * helpers keep the shape an operator needs (the message's wording, the query's keys, ids) and
 * blank the values.
 */

const BLANK = '…';

/**
 * Blanks every quoted literal ("…" or '…') of an error text, except identifiers in `named` —
 * e.g. the words of the failed SQL, which names tables and columns but never values. A quote
 * inside a literal may be escaped either way: with a backslash (JSON, V8) or doubled (SQL).
 */
export function redactQuoted(text: string, named: Iterable<string> = []): string {
  const keep = new Set(named);
  const kept = (inner: string) => inner.length > 0 && inner.split('.').every((part) => keep.has(part));
  return text
    .replace(/"((?:[^"\\]|\\.|"")*)"/g, (whole, inner: string) => (kept(inner) ? whole : `"${BLANK}"`))
    .replace(/'((?:[^'\\]|\\.|'')*)'/g, (whole, inner: string) => (kept(inner) ? whole : `'${BLANK}'`));
}

/**
 * A database error's message for a log line: quoted values blanked, but identifiers the failed
 * SQL names (tables, columns, constraints, types) kept — the SQL is parameterised, so a word it
 * contains is never someone's input.
 */
export function redactSqlError(message: string, query: string): string {
  return redactQuoted(message, query.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

/** Error text for a log line: the stack (or only the message) with its quoted values blanked. */
export function loggableError(error: unknown, options: { stack?: boolean } = {}): string {
  const text =
    error instanceof Error
      ? ((options.stack === false ? undefined : error.stack) ?? error.message)
      : safeString(error);
  const query = (error as { query?: unknown } | null)?.query;
  return typeof query === 'string' ? redactSqlError(text, query) : redactQuoted(text);
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[unprintable value]';
  }
}

// Query values that only ever choose among the platform's own options (no one's input).
const PLAIN_QUERY_KEYS = new Set([
  'lang',
  'area',
  'level',
  'format',
  'status',
  'type',
  'period',
  'page',
  'pageSize',
  'limit',
  'offset',
  'sort',
  'order',
  'v',
]);
const ID_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|-?\d{1,15}|true|false)$/i;
const KEY = /^[a-z][A-Za-z0-9_.[\]]{0,39}$/;

/**
 * A request URL for the access log: the path as it is, each query key that looks like one, and
 * only values that are ids, numbers or one of the platform's own options — an OIDC callback's
 * `?code=`, a token or an invitation code someone put in a link, a search text, do not stay.
 */
export function loggableUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url.slice(mark + 1);
  if (query === '') return url;
  const parts = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decodeSafely(rawKey);
    if (!KEY.test(key)) return BLANK;
    if (eq < 0) return key;
    const value = decodeSafely(pair.slice(eq + 1));
    return PLAIN_QUERY_KEYS.has(key) && /^[\w.-]{0,35}$/.test(value)
      ? `${key}=${value}`
      : `${key}=${ID_VALUE.test(value) ? value : BLANK}`;
  });
  return `${url.slice(0, mark)}?${parts.join('&')}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
