import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's area ids and numbers (`index_run_result`: ids, index values, weighted sums, z-values)
 * are stored without compression (`EXTERNAL`). Random uuids and doubles do not compress, but
 * PostgreSQL only finds that out by running pglz over every array first: the arrays of the
 * invalid areas' nulls start with a bitmap that does compress, so pglz goes through all of their
 * 2.4 MB at 50,000 areas and then stores them as they were. Isolated (PostgreSQL 15, 50,000
 * areas, load 5): 57–210 ms per row instead of 127–594 ms, the same bytes on disk. Codes, class
 * numbers and validity compress (to a third and less) and stay as they are. Existing rows are
 * not rewritten; the storage only decides how new rows are written.
 */
export class IndexResultsUncompressed1766500000000 implements MigrationInterface {
  name = 'IndexResultsUncompressed1766500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE index_run_result
      ALTER COLUMN area_ids SET STORAGE EXTERNAL, ALTER COLUMN index_values SET STORAGE EXTERNAL,
      ALTER COLUMN weighted_sums SET STORAGE EXTERNAL, ALTER COLUMN z_values SET STORAGE EXTERNAL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE index_run_result
      ALTER COLUMN area_ids SET STORAGE EXTENDED, ALTER COLUMN index_values SET STORAGE EXTENDED,
      ALTER COLUMN weighted_sums SET STORAGE EXTENDED, ALTER COLUMN z_values SET STORAGE EXTENDED`);
  }
}
