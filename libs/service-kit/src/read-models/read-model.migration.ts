import { schemaMigration, type MigrationClass } from '@quartier/persistence';

/**
 * `area_ref` and `role_assignment_ref`: a service's local copies of registry facts, fed by
 * `registry.*` events, so scope checks and area lookups never call the registry synchronously.
 */
export function registryReadModelMigration(schema: string): MigrationClass {
  return schemaMigration(schema, 'RegistryReadModels', 1764000000100, {
    async up(db, s) {
      await db.query(`
        CREATE TABLE ${s}.area_ref (
          id uuid PRIMARY KEY,
          tenant_id text NOT NULL,
          code text NOT NULL,
          name text NOT NULL,
          level text NOT NULL,
          parent_id uuid,
          path uuid[] NOT NULL,
          population integer,
          version_id uuid NOT NULL,
          valid_from date NOT NULL,
          event_at timestamptz NOT NULL
        )`);
      await db.query(`CREATE INDEX area_ref_tenant_level_idx ON ${s}.area_ref (tenant_id, level, code)`);
      await db.query(`
        CREATE TABLE ${s}.role_assignment_ref (
          id uuid PRIMARY KEY,
          tenant_id text NOT NULL,
          subject text NOT NULL,
          role text NOT NULL,
          area_id uuid,
          programme_id text
        )`);
      await db.query(
        `CREATE INDEX role_assignment_ref_subject_idx ON ${s}.role_assignment_ref (tenant_id, subject)`,
      );
    },
    async down(db, s) {
      await db.query(`DROP TABLE ${s}.role_assignment_ref`);
      await db.query(`DROP TABLE ${s}.area_ref`);
    },
  });
}

/** `area_ref.label_point`: the registry's point inside each area (added with the IATI export). */
export function registryReadModelLabelPointMigration(schema: string): MigrationClass {
  return schemaMigration(schema, 'RegistryReadModelLabelPoint', 1765000000200, {
    async up(db, s) {
      await db.query(`ALTER TABLE ${s}.area_ref ADD COLUMN label_point jsonb`);
    },
    async down(db, s) {
      await db.query(`ALTER TABLE ${s}.area_ref DROP COLUMN label_point`);
    },
  });
}
