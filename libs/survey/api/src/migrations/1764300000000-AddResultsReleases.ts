import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results are published at release points, not live (see the README, "Release points"):
 * `survey_results_release` records each release of a wave, `survey_released_response` which
 * responses each one added. Responses stored before this migration were visible live, so they
 * count as released already (one release per wave).
 *
 * The survey's outbox rows are kept as coarse as the responses: their times are cut to the
 * day and their correlation id is a fresh one, so a row cannot be matched to the access log
 * line (millisecond time, request correlation id) of the submission that caused it.
 */
export class AddResultsReleases1764300000000 implements MigrationInterface {
  name = 'AddResultsReleases1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE survey_results_release (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        wave_id uuid NOT NULL REFERENCES survey_wave(id) ON DELETE CASCADE,
        released_at timestamptz NOT NULL,
        -- threshold: every changed area gained at least k responses; owner: the wave's end.
        kind text NOT NULL CHECK (kind IN ('threshold', 'owner', 'initial')),
        released_by text,
        responses integer NOT NULL CHECK (responses > 0)
      )`);
    await db.query(
      `CREATE INDEX survey_results_release_wave ON survey_results_release (wave_id, released_at)`,
    );
    await db.query(`
      CREATE TABLE survey_released_response (
        response_id uuid PRIMARY KEY REFERENCES survey_response(id) ON DELETE CASCADE,
        release_id uuid NOT NULL REFERENCES survey_results_release(id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX survey_released_response_release ON survey_released_response (release_id)`);
    await db.query(`
      WITH waves AS (
        SELECT wave_id, min(survey_id::text)::uuid AS survey_id, count(*)::int AS n
          FROM survey_response GROUP BY wave_id
      ), releases AS (
        INSERT INTO survey_results_release (survey_id, wave_id, released_at, kind, responses)
        SELECT survey_id, wave_id, now(), 'initial', n FROM waves
        RETURNING id, wave_id
      )
      INSERT INTO survey_released_response (response_id, release_id)
      SELECT r.id, releases.id FROM survey_response r JOIN releases ON releases.wave_id = r.wave_id`);
    await db.query(`
      CREATE FUNCTION survey_outbox_coarse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.created_at := date_trunc('day', NEW.created_at);
        IF NEW.published_at IS NOT NULL THEN
          NEW.published_at := date_trunc('day', NEW.published_at);
        END IF;
        IF TG_OP = 'INSERT' THEN
          NEW.correlation_id := gen_random_uuid()::text;
          NEW.envelope := jsonb_set(NEW.envelope, '{correlationId}', to_jsonb(NEW.correlation_id));
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER survey_outbox_coarse BEFORE INSERT OR UPDATE OF created_at, published_at ON outbox
      FOR EACH ROW EXECUTE FUNCTION survey_outbox_coarse()`);
    await db.query(`UPDATE outbox SET created_at = created_at, published_at = published_at`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER survey_outbox_coarse ON outbox`);
    await db.query(`DROP FUNCTION survey_outbox_coarse()`);
    await db.query(`DROP TABLE survey_released_response`);
    await db.query(`DROP TABLE survey_results_release`);
  }
}
