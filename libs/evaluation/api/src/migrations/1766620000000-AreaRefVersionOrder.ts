import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `area_ref` in area-version order (tenant, valid-from, code), as in the indicator service: the
 * current area version's valid-from (`currentAreaVersionSql`) is two index look-ups instead of a
 * scan of the tenant's areas, and an area by code in that version one more. At 100,000 areas of
 * one tenant (two versions of 50,000, PostgreSQL 15, EXPLAIN ANALYZE, min/median of 7): an area
 * by code 0.15/0.19 ms instead of 27/35 ms; every area with its current flag 20/21 ms instead of
 * 33/36 ms.
 */
export class AreaRefVersionOrder1766620000000 implements MigrationInterface {
  name = 'AreaRefVersionOrder1766620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX area_ref_tenant_version_idx ON area_ref (tenant_id, valid_from, code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX area_ref_tenant_version_idx`);
  }
}
