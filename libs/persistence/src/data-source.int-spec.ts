import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { createSchemaDataSource, migrateSchema, quoteIdent } from './data-source';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

class CreateThing1700000000000 implements MigrationInterface {
  name = 'CreateThing1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE thing (id int PRIMARY KEY, label text NOT NULL)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE thing`);
  }
}

describe('schema data sources (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('creates each service schema, keeps tables apart and applies migrations once', async () => {
    const a = createSchemaDataSource({
      url: db.url,
      schema: 'alpha',
      entities: [],
      migrations: [CreateThing1700000000000],
    });
    const b = createSchemaDataSource({
      url: db.url,
      schema: 'beta',
      entities: [],
      migrations: [CreateThing1700000000000],
    });
    await a.initialize();
    await b.initialize();
    try {
      expect(await migrateSchema(a)).toEqual(['CreateThing1700000000000']);
      expect(await migrateSchema(b)).toEqual(['CreateThing1700000000000']);
      expect(await migrateSchema(a)).toEqual([]);
      await a.query(`INSERT INTO thing VALUES (1, 'in alpha')`);
      expect(await b.query(`SELECT count(*)::int AS n FROM thing`)).toEqual([{ n: 0 }]);
      const tables = await a.query(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('thing','typeorm_migrations') ORDER BY 1, 2`,
      );
      expect(tables).toEqual([
        { table_schema: 'alpha', table_name: 'thing' },
        { table_schema: 'alpha', table_name: 'typeorm_migrations' },
        { table_schema: 'beta', table_name: 'thing' },
        { table_schema: 'beta', table_name: 'typeorm_migrations' },
      ]);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it('lets concurrently starting replicas apply each migration exactly once', async () => {
    const replicas = [0, 1, 2].map(() =>
      createSchemaDataSource({
        url: db.url,
        schema: 'gamma',
        entities: [],
        migrations: [CreateThing1700000000000],
      }),
    );
    await Promise.all(replicas.map((r) => r.initialize()));
    try {
      const applied = await Promise.all(replicas.map((r) => migrateSchema(r)));
      expect(applied.flat()).toEqual(['CreateThing1700000000000']);
    } finally {
      await Promise.all(replicas.map((r) => r.destroy()));
    }
  });

  it('refuses identifiers that could inject SQL', () => {
    expect(() => quoteIdent('registry')).not.toThrow();
    expect(() => quoteIdent('x"; drop schema public; --')).toThrow(/unsafe SQL identifier/);
  });
});
