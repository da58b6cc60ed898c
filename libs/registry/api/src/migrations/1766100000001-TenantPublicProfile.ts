import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the public sees of a tenant on its survey forms: the operator's name and the links to its
 * imprint and privacy notice (German law requires both on public web pages). Null = not set.
 */
export class TenantPublicProfile1766100000001 implements MigrationInterface {
  name = 'TenantPublicProfile1766100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tenant ADD COLUMN public_profile jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tenant DROP COLUMN public_profile`);
  }
}
