import { z } from 'zod';
import { pageOf, pageQueryFields } from './paging';

describe('paging', () => {
  const query = z.object(pageQueryFields({ max: 200, default: 50 }));

  it('presets the page size and starts at the first row', () => {
    expect(query.parse({})).toEqual({ limit: 50, offset: 0 });
  });

  it('reads limit and offset from query strings', () => {
    expect(query.parse({ limit: '20', offset: '40' })).toEqual({ limit: 20, offset: 40 });
  });

  it('refuses a page size beyond its bound, below one, and a negative offset', () => {
    expect(query.safeParse({ limit: '201' }).success).toBe(false);
    expect(query.safeParse({ limit: '0' }).success).toBe(false);
    expect(query.safeParse({ offset: '-1' }).success).toBe(false);
  });

  it('answers a page as its items and the whole filter’s integer total', () => {
    const page = pageOf(z.object({ id: z.string() }));
    expect(page.parse({ items: [{ id: 'a' }], total: 7 })).toEqual({ items: [{ id: 'a' }], total: 7 });
    expect(page.safeParse({ items: [], total: 1.5 }).success).toBe(false);
  });
});
