import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programmes with their budget per year × line, programme areas (the accepted resolution and
 * its history), allocations, measures with their audit trail and expenditures, and impact
 * models. Money is bigint EUR cents.
 */
export class CreateProgrammeService1765000000000 implements MigrationInterface {
  name = 'CreateProgrammeService1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        name text NOT NULL,
        funder text NOT NULL,
        legal_basis text NOT NULL,
        description text NOT NULL,
        status text NOT NULL CHECK (status IN ('planning', 'active', 'closed')),
        funding_periods jsonb NOT NULL,
        budget_lines jsonb NOT NULL,
        fields_of_action jsonb NOT NULL,
        traffic_light jsonb NOT NULL,
        iati jsonb,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await db.query(`
      CREATE TABLE programme_budget (
        programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        year integer NOT NULL,
        line text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        PRIMARY KEY (programme_id, year, line)
      )`);
    await db.query(`
      CREATE TABLE programme_area_selection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        run_id uuid,
        rule jsonb,
        changes jsonb NOT NULL,
        resolution jsonb NOT NULL,
        accepted_by text NOT NULL,
        accepted_at timestamptz NOT NULL,
        comment text NOT NULL DEFAULT ''
      )`);
    await db.query(
      `CREATE INDEX programme_area_selection_idx ON programme_area_selection (programme_id, accepted_at DESC)`,
    );
    await db.query(`
      CREATE TABLE programme_area (
        programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        area_id uuid NOT NULL,
        selection_id uuid NOT NULL REFERENCES programme_area_selection(id),
        PRIMARY KEY (programme_id, area_id)
      )`);
    await db.query(`
      CREATE TABLE allocation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        line text NOT NULL,
        year integer NOT NULL,
        version integer NOT NULL,
        parameters jsonb NOT NULL,
        result jsonb NOT NULL,
        accepted_by text NOT NULL,
        accepted_at timestamptz NOT NULL,
        UNIQUE (programme_id, line, year, version)
      )`);
    await db.query(`
      CREATE TABLE measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        title text NOT NULL,
        description text NOT NULL,
        area_ids uuid[] NOT NULL,
        field_of_action text,
        responsible_name text NOT NULL,
        responsible_actor_id uuid,
        target_groups text[] NOT NULL,
        budget jsonb NOT NULL,
        planned_start date,
        planned_end date,
        actual_start date,
        actual_end date,
        status text NOT NULL,
        deliberate_overcommitment boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX measure_programme_idx ON measure (programme_id, status)`);
    await db.query(`CREATE INDEX measure_areas_idx ON measure USING gin (area_ids)`);
    await db.query(`
      CREATE TABLE measure_transition (
        id bigserial PRIMARY KEY,
        measure_id uuid NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        by_subject text NOT NULL,
        at timestamptz NOT NULL,
        comment text NOT NULL DEFAULT ''
      )`);
    await db.query(`CREATE INDEX measure_transition_idx ON measure_transition (measure_id, id)`);
    await db.query(`
      CREATE TABLE measure_expenditure (
        measure_id uuid NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
        year integer NOT NULL,
        line text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        PRIMARY KEY (measure_id, year, line)
      )`);
    await db.query(`
      CREATE TABLE impact_model (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        measure_id uuid REFERENCES measure(id) ON DELETE CASCADE,
        model jsonb NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX impact_model_owner_idx ON impact_model (programme_id, coalesce(measure_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'impact_model',
      'measure_expenditure',
      'measure_transition',
      'measure',
      'allocation',
      'programme_area',
      'programme_area_selection',
      'programme_budget',
      'programme',
    ])
      await db.query(`DROP TABLE ${table}`);
  }
}
