import { migratedServiceSchema, type MigratedSchema } from '@quartier/service-kit';
import { IndexRunRepository } from '../indices/index-run.repository';
import { IndexInputsAsJson1766400000000 } from './1766400000000-IndexInputsAsJson';
import { INDICATOR_MIGRATIONS } from './indicator-migrations';

// As the service writes them: the rows first (jsonb's key order), numbers jsonb and JS print
// differently, a code that needs escaping.
const inputs = {
  rows: [
    ['A "1"\\', 1500, 0.1 + 0.2, null],
    ['B', 1e21, 1e-7, -0],
  ],
  indicators: [
    { code: 'EW', version: 1 },
    { code: 'S10', version: 3 },
  ],
};

describe('migration IndexInputsAsJson (indicator schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;

  beforeAll(async () => {
    const before = INDICATOR_MIGRATIONS.indexOf(IndexInputsAsJson1766400000000);
    schema = await migratedServiceSchema('indicator', INDICATOR_MIGRATIONS.slice(0, before));
  }, 60_000);
  afterAll(() => schema?.close());

  it('keeps the stored inputs of existing runs as they read, and new ones as written, both ways', async () => {
    const [{ id: definitionId }]: { id: string }[] = await schema.db.query(
      `INSERT INTO index_definition (tenant_id, key, label, definition, created_by)
       VALUES ('t', 'mss', 'MSS', '{}', 'a') RETURNING id`,
    );
    const insert = async (): Promise<string> => {
      const [{ id }]: { id: string }[] = await schema.db.query(
        `INSERT INTO index_run (tenant_id, definition_id, definition, period, level, label, inputs, area_count, valid_area_count, class_counts, statistics, created_by)
         VALUES ('t', $1, '{}', '2023', 'planungsraum', 'Lauf', $2, 2, 2, '{}', '{}', 'a') RETURNING id`,
        [definitionId, JSON.stringify(inputs)],
      );
      return id;
    };
    const runs = new IndexRunRepository(schema.db);
    const read = async (id: string) => JSON.stringify((await runs.inputs('t', id))?.inputs);
    const existing = await insert();
    const before = await read(existing);

    const runner = schema.db.createQueryRunner();
    try {
      await new IndexInputsAsJson1766400000000().up(runner);
      const written = await insert();
      expect(await read(existing)).toBe(before);
      expect(await read(written)).toBe(before);
      const [{ storage }]: { storage: string }[] = await schema.db.query(
        `SELECT attstorage AS storage FROM pg_attribute WHERE attrelid = 'index_run'::regclass AND attname = 'inputs'`,
      );
      expect(storage).toBe('e');

      await new IndexInputsAsJson1766400000000().down(runner);
      expect(await read(existing)).toBe(before);
      expect(await read(written)).toBe(before);
    } finally {
      await runner.release();
    }
  });
});
