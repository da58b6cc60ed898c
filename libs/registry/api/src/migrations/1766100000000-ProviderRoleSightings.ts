import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roles each user's token carried at their last portal sign-in per tenant: the only view
 * the registry has of the identity provider, used to refuse role assignments that cannot take
 * effect. One row per user and tenant, overwritten at each sign-in (no history is kept).
 */
export class ProviderRoleSightings1766100000000 implements MigrationInterface {
  name = 'ProviderRoleSightings1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE provider_role_sighting (
        tenant_id text NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        subject text NOT NULL,
        roles text[] NOT NULL,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, subject)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE provider_role_sighting`);
  }
}
