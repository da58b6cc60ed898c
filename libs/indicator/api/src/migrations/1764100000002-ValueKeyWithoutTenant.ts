import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The value key becomes (indicator, period, area). An indicator id belongs to exactly one
 * tenant, so the tenant added nothing to uniqueness — but as the leading text column of the
 * primary key it made every index insertion compare it first: a million-row import spent
 * more time maintaining that index than loading the rows. `tenant_id` stays on every row and
 * in every query. Periods compare bytewise (COLLATE "C"): they are codes, not words.
 */
export class ValueKeyWithoutTenant1764100000002 implements MigrationInterface {
  name = 'ValueKeyWithoutTenant1764100000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator_value DROP CONSTRAINT indicator_value_pkey`);
    await db.query(`ALTER TABLE indicator_value ALTER COLUMN period TYPE text COLLATE "C"`);
    await db.query(`ALTER TABLE indicator_value ADD PRIMARY KEY (indicator_id, period, area_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator_value DROP CONSTRAINT indicator_value_pkey`);
    await db.query(`ALTER TABLE indicator_value ALTER COLUMN period TYPE text COLLATE "default"`);
    await db.query(`ALTER TABLE indicator_value ADD PRIMARY KEY (tenant_id, indicator_id, period, area_id)`);
  }
}
