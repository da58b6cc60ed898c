import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue (versioned definitions), values, import jobs, index definitions and runs. Values are
 * keyed (tenant, indicator, period, area) — the map request's access path — and carry the
 * definition version they were stored under.
 */
export class CreateIndicatorService1764100000000 implements MigrationInterface {
  name = 'CreateIndicatorService1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE indicator_definition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        code text NOT NULL,
        current_version integer NOT NULL,
        source_kind text NOT NULL DEFAULT 'manual' CHECK (source_kind IN ('manual', 'network')),
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, code)
      )`);
    await db.query(`
      CREATE TABLE indicator_definition_version (
        definition_id uuid NOT NULL REFERENCES indicator_definition(id) ON DELETE CASCADE,
        version integer NOT NULL,
        tenant_id text NOT NULL,
        body jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (definition_id, version)
      )`);
    await db.query(`
      CREATE TABLE indicator_value (
        tenant_id text NOT NULL,
        indicator_id uuid NOT NULL REFERENCES indicator_definition(id) ON DELETE CASCADE,
        period text NOT NULL,
        area_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('value', 'suppressed', 'missing')),
        value double precision,
        numerator double precision,
        denominator double precision,
        definition_version integer NOT NULL,
        source_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, indicator_id, period, area_id),
        CHECK ((status = 'value') = (value IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE value_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        format text NOT NULL,
        file_name text,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        bytes_total bigint NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        rows_read integer NOT NULL DEFAULT 0,
        observations integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        indicators text[] NOT NULL DEFAULT '{}',
        message text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX value_import_tenant_idx ON value_import (tenant_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE index_definition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        key text NOT NULL,
        label text NOT NULL,
        definition jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, key)
      )`);
    await db.query(`
      CREATE TABLE index_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        definition_id uuid NOT NULL REFERENCES index_definition(id) ON DELETE CASCADE,
        definition jsonb NOT NULL,
        period text NOT NULL,
        level text NOT NULL,
        label text NOT NULL,
        inputs jsonb NOT NULL,
        area_count integer NOT NULL,
        valid_area_count integer NOT NULL,
        class_counts jsonb NOT NULL,
        statistics jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX index_run_tenant_idx ON index_run (tenant_id, definition_id, created_at DESC)`,
    );
    await db.query(`
      CREATE TABLE index_result (
        run_id uuid NOT NULL REFERENCES index_run(id) ON DELETE CASCADE,
        area_id uuid NOT NULL,
        area_code text NOT NULL,
        valid boolean NOT NULL,
        reasons jsonb,
        indices jsonb,
        PRIMARY KEY (run_id, area_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'index_result',
      'index_run',
      'index_definition',
      'value_import',
      'indicator_value',
      'indicator_definition_version',
      'indicator_definition',
    ])
      await db.query(`DROP TABLE ${table}`);
  }
}
