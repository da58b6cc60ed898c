import { z } from 'zod';

// The paging contract of the services' list endpoints: the caller asks for `limit` rows from
// `offset`, and the answer carries that page's `items` with the `total` the whole filter matches
// (what selectPage reads). Each listing bounds and presets its own page size.

/** The `limit` and `offset` fields of a listing's query, with the page size's bound and default. */
export function pageQueryFields(limit: { max: number; default: number }) {
  return {
    limit: z.coerce.number().int().min(1).max(limit.max).default(limit.default),
    offset: z.coerce.number().int().min(0).default(0),
  };
}

/** One page of a listing: its items and how many items the whole filter matches. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), total: z.number().int() });
}
