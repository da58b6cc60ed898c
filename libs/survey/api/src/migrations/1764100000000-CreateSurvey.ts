import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The survey service's tables. Privacy by construction: `survey_response` has no IP address, no
 * user agent, no timestamp finer than a day and no link to an invitation code; invitation codes
 * are kept as SHA-256 hashes only.
 */
export class CreateSurvey1764100000000 implements MigrationInterface {
  name = 'CreateSurvey1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE survey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        title text NOT NULL,
        type text NOT NULL CHECK (type IN ('resident', 'network')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
        -- The area whose planners own the survey; every target area lies within it.
        scope_area_id uuid NOT NULL,
        scope_area_path uuid[] NOT NULL,
        k integer NOT NULL DEFAULT 10 CHECK (k >= 2),
        form_version integer NOT NULL DEFAULT 0,
        indicator_items jsonb NOT NULL DEFAULT '[]',
        network jsonb,
        weighting jsonb,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX survey_tenant_idx ON survey (tenant_id, status)`);
    await db.query(`
      CREATE TABLE survey_form (
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        version integer NOT NULL,
        form jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (survey_id, version)
      )`);
    await db.query(`
      CREATE TABLE survey_target_area (
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        area_id uuid NOT NULL,
        -- The key of the area in the form's area-of-residence list (the area code).
        area_key text NOT NULL,
        -- Overrides the registry's population (e.g. adults only) for response rates.
        population integer CHECK (population >= 0),
        PRIMARY KEY (survey_id, area_id),
        UNIQUE (survey_id, area_key)
      )`);
    await db.query(`
      CREATE TABLE survey_wave (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        tenant_id text NOT NULL,
        name text NOT NULL,
        opens_on date NOT NULL,
        closes_on date NOT NULL CHECK (closes_on >= opens_on),
        invitation_only boolean NOT NULL DEFAULT false,
        results_published_on date,
        UNIQUE (survey_id, name)
      )`);
    await db.query(`
      CREATE TABLE survey_invitation (
        code_hash bytea PRIMARY KEY,
        wave_id uuid NOT NULL REFERENCES survey_wave(id) ON DELETE CASCADE,
        used boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE INDEX survey_invitation_wave_idx ON survey_invitation (wave_id)`);
    await db.query(`
      CREATE TABLE survey_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        wave_id uuid NOT NULL REFERENCES survey_wave(id) ON DELETE CASCADE,
        form_version integer NOT NULL,
        area_id uuid,
        channel text NOT NULL CHECK (channel IN ('web', 'interviewer', 'import')),
        submitted_on date NOT NULL,
        answers jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX survey_response_wave_idx ON survey_response (survey_id, wave_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'survey_response',
      'survey_invitation',
      'survey_wave',
      'survey_target_area',
      'survey_form',
      'survey',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
