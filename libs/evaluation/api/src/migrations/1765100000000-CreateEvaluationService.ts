import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of programmes and measures (from the programme service's events), evaluations
 * with their design, ratings and audit trail, and the frozen evidence snapshots. A snapshot is
 * stored as the exact JSON text it was hashed from, so reading it back verifies bit for bit.
 */
export class CreateEvaluationService1765100000000 implements MigrationInterface {
  name = 'CreateEvaluationService1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programme_ref (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        funder text NOT NULL,
        status text NOT NULL,
        funding_periods jsonb NOT NULL,
        area_ids uuid[] NOT NULL,
        index_run_id uuid,
        event_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX programme_ref_tenant_idx ON programme_ref (tenant_id, name)`);
    await db.query(`
      CREATE TABLE measure_ref (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        programme_id uuid NOT NULL,
        title text NOT NULL,
        area_ids uuid[] NOT NULL,
        field_of_action text,
        status text NOT NULL,
        planned_start date,
        planned_end date,
        actual_start date,
        actual_end date,
        budget_cents bigint NOT NULL,
        event_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX measure_ref_programme_idx ON measure_ref (tenant_id, programme_id, title)`);
    await db.query(`
      CREATE TABLE evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        title text NOT NULL,
        object_kind text NOT NULL CHECK (object_kind IN ('programme', 'measure', 'areas')),
        programme_id uuid,
        measure_id uuid,
        area_ids uuid[] NOT NULL DEFAULT '{}',
        start_period text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in-review', 'final')),
        questions jsonb NOT NULL DEFAULT '[]',
        ratings jsonb NOT NULL DEFAULT '[]',
        findings jsonb NOT NULL DEFAULT '[]',
        recommendations jsonb NOT NULL DEFAULT '[]',
        design jsonb NOT NULL,
        snapshot_id uuid,
        submitted_by text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finalised_by text,
        finalised_at timestamptz,
        CHECK (object_kind <> 'programme' OR (programme_id IS NOT NULL AND measure_id IS NULL)),
        CHECK (object_kind <> 'measure' OR (programme_id IS NOT NULL AND measure_id IS NOT NULL)),
        CHECK (object_kind <> 'areas' OR (programme_id IS NULL AND measure_id IS NULL AND cardinality(area_ids) > 0)),
        UNIQUE (tenant_id, title)
      )`);
    await db.query(`CREATE INDEX evaluation_programme_idx ON evaluation (tenant_id, programme_id)`);
    await db.query(`
      CREATE TABLE evaluation_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        evaluation_id uuid NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
        hash text NOT NULL,
        document text NOT NULL,
        area_count integer NOT NULL,
        value_count integer NOT NULL,
        taken_at timestamptz NOT NULL,
        taken_by text NOT NULL
      )`);
    await db.query(
      `CREATE INDEX evaluation_snapshot_idx ON evaluation_snapshot (evaluation_id, taken_at DESC)`,
    );
    await db.query(`
      ALTER TABLE evaluation ADD CONSTRAINT evaluation_snapshot_fk
        FOREIGN KEY (snapshot_id) REFERENCES evaluation_snapshot(id)`);
    await db.query(`
      CREATE TABLE evaluation_transition (
        id bigserial PRIMARY KEY,
        evaluation_id uuid NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        by_subject text NOT NULL,
        at timestamptz NOT NULL,
        comment text NOT NULL DEFAULT ''
      )`);
    await db.query(`CREATE INDEX evaluation_transition_idx ON evaluation_transition (evaluation_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE evaluation_transition`);
    await db.query(`ALTER TABLE evaluation DROP CONSTRAINT evaluation_snapshot_fk`);
    await db.query(`DROP TABLE evaluation_snapshot`);
    await db.query(`DROP TABLE evaluation`);
    await db.query(`DROP TABLE measure_ref`);
    await db.query(`DROP TABLE programme_ref`);
  }
}
