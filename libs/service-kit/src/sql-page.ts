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
  const [{ total }]: { total: number }[] = await db.query(
    `SELECT count(*)::int AS total FROM ${from} WHERE ${where}`,
    [...params],
  );
  const rows: T[] = await db.query(
    `SELECT ${select} FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { rows, total };
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
