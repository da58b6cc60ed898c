import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk loads COPY straight into `indicator_value`: the tenant and the import id come from
 * transaction-local settings as column defaults (not repeated on a million rows), and the
 * foreign key to the definition goes — its per-row trigger cost more than the load itself, and
 * definitions are never deleted (only retired), so the reference cannot dangle.
 */
export class ValueBulkLoad1764100000001 implements MigrationInterface {
  name = 'ValueBulkLoad1764100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator_value DROP CONSTRAINT indicator_value_indicator_id_fkey`);
    await db.query(
      `ALTER TABLE indicator_value ALTER COLUMN tenant_id SET DEFAULT current_setting('quartier.tenant_id', true)`,
    );
    await db.query(
      `ALTER TABLE indicator_value ALTER COLUMN source_id SET DEFAULT current_setting('quartier.source_id', true)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator_value ALTER COLUMN source_id DROP DEFAULT`);
    await db.query(`ALTER TABLE indicator_value ALTER COLUMN tenant_id DROP DEFAULT`);
    await db.query(
      `ALTER TABLE indicator_value ADD CONSTRAINT indicator_value_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES indicator_definition(id) ON DELETE CASCADE`,
    );
  }
}
