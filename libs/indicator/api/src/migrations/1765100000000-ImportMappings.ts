import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dimension mapping a person chose for a source (an SDMX dataflow, a JSON-stat dataset, a
 * statistics office's table): saved when an import with it succeeds, offered again next time.
 */
export class ImportMappings1765100000000 implements MigrationInterface {
  name = 'ImportMappings1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE import_mapping (
        tenant_id text NOT NULL,
        format text NOT NULL,
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        mapping text NOT NULL CHECK (length(mapping) <= 2000),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, format, source)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE import_mapping`);
  }
}
