import type { DataSource, EntityManager } from 'typeorm';

/** A filtered listing in SQL: `where` reads its values from `params` ($1…$n). */
export interface PagedSelect {
  select: string;
  /** The table (with its alias) that `select`, `where` and `orderBy` refer to. */
  from: string;
  where: string;
  params: readonly unknown[];
  orderBy: string;
}

/**
 * One page of a listing and how many rows the whole filter matches, as every list endpoint
 * answers: the limit and offset follow the filter's own parameters.
 */
export async function selectPage<T>(
  db: DataSource | EntityManager,
  query: PagedSelect,
  page: { limit: number; offset: number },
): Promise<{ rows: T[]; total: number }> {
  const { select, from, where, params, orderBy } = query;
  const counted = (): Promise<{ total: number }[]> =>
    db.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${where}`, [...params]);
  const selected = (): Promise<T[]> =>
    db.query(
      `SELECT ${select} FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
  // Outside a transaction the two statements take two connections of the pool and run at the
  // same time: the answer waits for the slower one, not for both one after the other — on a
  // busy process every round trip also waits for its turn on the event loop. (Each statement
  // sees its own snapshot either way; within a transaction they share its connection.)
  if (!('queryRunner' in db && db.queryRunner)) {
    const [[{ total }], rows] = await Promise.all([counted(), selected()]);
    return { rows, total };
  }
  const [{ total }] = await counted();
  return { rows: await selected(), total };
}

/** The first row a query answers, or null when it answers none: every lookup by key reads so. */
export async function selectOne<T>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
): Promise<T | null> {
  const rows: T[] = await db.query(sql, params);
  return rows[0] ?? null;
}

/** Whether a query answers any row: every "is there already one" check reads so. */
export async function selectExists(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
): Promise<boolean> {
  const rows: unknown[] = await db.query(sql, params);
  return rows.length > 0;
}

/**
 * A caller's search text as a LIKE/ILIKE pattern that matches it anywhere, or at the start: the
 * text's own `%`, `_` and `\` match themselves (PostgreSQL's default escape is the backslash), so a
 * search for "50%" or "a_b" finds those characters instead of every row.
 */
export const likeContaining = (text: string): string => `%${escapeLike(text)}%`;
export const likeStartingWith = (text: string): string => `${escapeLike(text)}%`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Whether a caller's text is a UUID in the canonical hyphenated form (any version, either case): a
 * lookup asks this first, since comparing a uuid column with other text is an error, not a miss.
 */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/**
 * A WHERE clause of fixed conditions and optional filters, with every value as a parameter:
 * `and(sql, value)` adds `sql` only when the value is given (not undefined, null, '' or false),
 * each `$?` in it standing for that value's number, so no filter counts `$n` by hand.
 */
export class SqlWhere {
  private readonly conditions: string[];
  readonly params: unknown[];

  constructor(condition: string, params: readonly unknown[]) {
    this.conditions = [condition];
    this.params = [...params];
  }

  and(sql: string, value: unknown): this {
    if (value === undefined || value === null || value === '' || value === false) return this;
    this.params.push(value);
    this.conditions.push(sql.replaceAll('$?', `$${this.params.length}`));
    return this;
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }
}
