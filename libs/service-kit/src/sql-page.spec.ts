import type { DataSource, EntityManager } from 'typeorm';
import { isUuid, likeContaining, likeStartingWith, selectExists, selectPage, SqlWhere } from './sql-page';

/** A stand-in for TypeORM's query method that answers each statement once told to. */
function recordingDb(inTransaction: boolean) {
  const asked: string[] = [];
  const answers: (() => void)[] = [];
  const query = (sql: string) =>
    new Promise<unknown>((resolve) => {
      asked.push(sql.startsWith('SELECT count') ? 'count' : 'rows');
      answers.push(() => resolve(sql.startsWith('SELECT count') ? [{ total: 3 }] : [{ id: 'a' }]));
    });
  const db = inTransaction ? { query, queryRunner: {} } : { query };
  const answerAll = () => answers.splice(0).forEach((answer) => answer());
  return { db: db as unknown as DataSource | EntityManager, asked, answerAll };
}

const listing = { select: 'id', from: 'area_ref', where: 'tenant_id = $1', params: ['t'], orderBy: 'code' };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('selectPage', () => {
  it('asks for the count and the rows at the same time outside a transaction', async () => {
    const { db, asked, answerAll } = recordingDb(false);
    const page = selectPage(db, listing, { limit: 50, offset: 0 });
    await settle();
    expect(asked).toEqual(['count', 'rows']);
    answerAll();
    await expect(page).resolves.toEqual({ rows: [{ id: 'a' }], total: 3 });
  });

  it("one after the other on a transaction's connection", async () => {
    const { db, asked, answerAll } = recordingDb(true);
    const page = selectPage(db, listing, { limit: 50, offset: 0 });
    await settle();
    expect(asked).toEqual(['count']);
    answerAll();
    await settle();
    expect(asked).toEqual(['count', 'rows']);
    answerAll();
    await expect(page).resolves.toEqual({ rows: [{ id: 'a' }], total: 3 });
  });
});

describe('selectExists', () => {
  it('answers whether the query returned any row', async () => {
    const answering = (rows: unknown[]) => ({ query: async () => rows }) as unknown as DataSource;
    await expect(selectExists(answering([{ '?column?': 1 }]), 'SELECT 1', [])).resolves.toBe(true);
    await expect(selectExists(answering([]), 'SELECT 1', [])).resolves.toBe(false);
  });
});

describe('SqlWhere', () => {
  it('numbers each given filter after the fixed parameters, every $? of it alike', () => {
    const q = new SqlWhere('n.tenant_id = $1', ['city'])
      .and('(n.area_id = $? OR ar.path @> ARRAY[$?::uuid])', 'area')
      .and('n.programme_id = $?', undefined)
      .and('n.id = $?', 'network');
    expect(q.where).toBe('n.tenant_id = $1 AND (n.area_id = $2 OR ar.path @> ARRAY[$2::uuid]) AND n.id = $3');
    expect(q.params).toEqual(['city', 'area', 'network']);
  });

  it('leaves out filters without a value (undefined, null, empty text, false) and keeps empty lists', () => {
    const fixed = ['t'];
    const q = new SqlWhere('tenant_id = $1', fixed)
      .and('a = $?', null)
      .and('b = $?', '')
      .and('c = $?', false)
      .and('path && $?::uuid[]', []);
    expect(q.where).toBe('tenant_id = $1 AND path && $2::uuid[]');
    expect(q.params).toEqual(['t', []]);
    expect(fixed).toEqual(['t']);
  });
});

describe('LIKE patterns of a search text', () => {
  it('match the text anywhere or at the start, its own % _ and \\ literally', () => {
    expect(likeContaining('Nord')).toBe('%Nord%');
    expect(likeStartingWith('011')).toBe('011%');
    expect(likeContaining('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('isUuid', () => {
  it('takes a hyphenated UUID of any version and case, and nothing else of its length', () => {
    expect(isUuid('00000000-0000-4000-8000-000000000000')).toBe(true);
    expect(isUuid('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe(true);
    expect(isUuid('-'.repeat(36))).toBe(false);
    expect(isUuid('a0eebc999c0b4ef8bb6d6bb9bd380a11----')).toBe(false);
    expect(isUuid('011101')).toBe(false);
  });
});
