import { schemaMigration, type MigrationClass } from '@quartier/persistence';

/**
 * Local copies of the evidence other services publish — indicator values with their counts,
 * index run results, published survey items, network measures — for services that compute
 * from them (programme attainment, evaluations, reports) without reading another schema.
 */
export function evidenceReadModelMigration(schema: string): MigrationClass {
  return schemaMigration(schema, 'EvidenceReadModels', 1764900000100, {
    async up(db, s) {
      await db.query(`
        CREATE TABLE ${s}.indicator_ref (
          tenant_id text NOT NULL,
          code text NOT NULL,
          name text NOT NULL,
          unit text NOT NULL,
          polarity text NOT NULL,
          scale double precision NOT NULL,
          min_numerator integer NOT NULL,
          definition_version integer NOT NULL,
          PRIMARY KEY (tenant_id, code)
        )`);
      await db.query(`
        CREATE TABLE ${s}.indicator_value_ref (
          tenant_id text NOT NULL,
          indicator_code text NOT NULL,
          period text NOT NULL,
          area_id uuid NOT NULL,
          status text NOT NULL,
          value double precision,
          numerator double precision,
          denominator double precision,
          PRIMARY KEY (tenant_id, indicator_code, period, area_id)
        )`);
      await db.query(`
        CREATE TABLE ${s}.index_run_ref (
          id uuid PRIMARY KEY,
          tenant_id text NOT NULL,
          definition_key text NOT NULL,
          label text NOT NULL,
          period text NOT NULL,
          level text NOT NULL,
          classes jsonb NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now()
        )`);
      await db.query(
        `CREATE INDEX index_run_ref_tenant_idx ON ${s}.index_run_ref (tenant_id, definition_key, period)`,
      );
      await db.query(`
        CREATE TABLE ${s}.index_result_ref (
          run_id uuid NOT NULL REFERENCES ${s}.index_run_ref(id) ON DELETE CASCADE,
          area_id uuid NOT NULL,
          valid boolean NOT NULL,
          index_values jsonb NOT NULL,
          classes jsonb NOT NULL,
          PRIMARY KEY (run_id, area_id)
        )`);
      await db.query(`
        CREATE TABLE ${s}.survey_result_ref (
          tenant_id text NOT NULL,
          survey_id uuid NOT NULL,
          wave_id uuid NOT NULL,
          indicator_code text NOT NULL,
          name text NOT NULL,
          question text NOT NULL,
          measure text NOT NULL,
          period text NOT NULL,
          area_id uuid NOT NULL,
          suppressed boolean NOT NULL,
          value double precision,
          n integer,
          PRIMARY KEY (tenant_id, wave_id, indicator_code, area_id)
        )`);
      await db.query(`
        CREATE TABLE ${s}.network_metric_ref (
          tenant_id text NOT NULL,
          network_id uuid NOT NULL,
          wave_id uuid NOT NULL,
          area_key text NOT NULL,
          scope text NOT NULL,
          period text NOT NULL,
          metrics jsonb NOT NULL,
          PRIMARY KEY (tenant_id, network_id, wave_id, area_key)
        )`);
    },
    async down(db, s) {
      for (const table of [
        'network_metric_ref',
        'survey_result_ref',
        'index_result_ref',
        'index_run_ref',
        'indicator_value_ref',
        'indicator_ref',
      ])
        await db.query(`DROP TABLE ${s}.${table}`);
    },
  });
}
