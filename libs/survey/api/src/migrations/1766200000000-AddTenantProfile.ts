import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenant's public profile (operator, imprint and privacy links) as the registry publishes
 * it: the public form shows it in its footer without asking the registry.
 */
export class AddTenantProfile1766200000000 implements MigrationInterface {
  name = 'AddTenantProfile1766200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_profile (
        tenant_id text PRIMARY KEY,
        operator_name text,
        imprint_url text,
        privacy_url text,
        event_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE tenant_profile`);
  }
}
