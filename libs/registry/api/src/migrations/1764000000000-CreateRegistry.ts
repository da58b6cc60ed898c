import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegistry1764000000000 implements MigrationInterface {
  name = 'CreateRegistry1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant (
        id text PRIMARY KEY,
        name text NOT NULL,
        levels jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE area_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenant(id),
        name text NOT NULL,
        valid_from date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, valid_from)
      )`);
    await db.query(`
      CREATE TABLE area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenant(id),
        version_id uuid NOT NULL REFERENCES area_version(id),
        code text NOT NULL,
        name text NOT NULL,
        level text NOT NULL,
        parent_id uuid REFERENCES area(id),
        path uuid[] NOT NULL DEFAULT '{}',
        population integer CHECK (population >= 0),
        area_sqm double precision,
        geometry jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, version_id, code)
      )`);
    await db.query(`CREATE INDEX area_level_idx ON area (tenant_id, version_id, level, code)`);
    await db.query(`CREATE INDEX area_parent_idx ON area (parent_id)`);
    await db.query(`CREATE INDEX area_path_idx ON area USING gin (path)`);
    await db.query(`
      CREATE TABLE crosswalk (
        from_area_id uuid NOT NULL REFERENCES area(id),
        to_area_id uuid NOT NULL REFERENCES area(id),
        tenant_id text NOT NULL REFERENCES tenant(id),
        to_version_id uuid NOT NULL REFERENCES area_version(id),
        weight double precision NOT NULL CHECK (weight > 0 AND weight <= 1),
        PRIMARY KEY (from_area_id, to_area_id)
      )`);
    await db.query(`
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenant(id),
        subject text NOT NULL,
        role text NOT NULL,
        area_id uuid REFERENCES area(id),
        programme_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX role_assignment_unique ON role_assignment (tenant_id, subject, role, coalesce(area_id::text, ''), coalesce(programme_id, ''))`,
    );
    await db.query(`
      CREATE TABLE area_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL REFERENCES tenant(id),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        options jsonb NOT NULL,
        processed integer NOT NULL DEFAULT 0,
        bytes_total bigint NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        message text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['area_import', 'role_assignment', 'crosswalk', 'area', 'area_version', 'tenant']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
