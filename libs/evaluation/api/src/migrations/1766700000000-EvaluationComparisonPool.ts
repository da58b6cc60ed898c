import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `comparison_pool`: the area subtrees (root area ids) in which matching looks for comparison
 * areas, fixed from the area scope of the editor who last saved the design, so every reader sees
 * the same matching. NULL is city-wide: evaluations stored before keep matching as they did, and
 * their snapshots' hashes and numbers stay the same.
 */
export class EvaluationComparisonPool1766700000000 implements MigrationInterface {
  name = 'EvaluationComparisonPool1766700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE evaluation ADD COLUMN comparison_pool uuid[]`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE evaluation DROP COLUMN comparison_pool`);
  }
}
