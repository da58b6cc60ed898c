import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's results become one row of arrays (`index_run_result`, see IndexResultColumns) instead
 * of a row with two JSON documents per area (`index_result`): at 50,000 areas writing 13.5 MB
 * of JSON, every class label repeated, took most of a run's seconds. Class codes and labels come
 * from the run's definition snapshot; an area's class is its 1-based position in the index's
 * class layout. Existing runs are converted (areas by code, as they were read), then the old
 * table goes; `down` converts back.
 */
export class IndexResultColumns1766300000000 implements MigrationInterface {
  name = 'IndexResultColumns1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE index_run_result (
        run_id uuid PRIMARY KEY REFERENCES index_run(id) ON DELETE CASCADE,
        area_ids uuid[] NOT NULL,
        area_codes text[] NOT NULL,
        valid boolean[] NOT NULL,
        reasons jsonb NOT NULL,
        class_numbers smallint[] NOT NULL,
        index_values float8[] NOT NULL,
        weighted_sums float8[] NOT NULL,
        z_values float8[] NOT NULL
      )`);
    // Per index of the run's definition (ix, in order): one array over the areas (r, by code).
    const perIndex = (element: string) => `ARRAY(
        SELECT ARRAY(SELECT ${element} FROM index_result r WHERE r.run_id = run.id ORDER BY r.area_code, r.area_id)
          FROM jsonb_array_elements(run.definition -> 'indices') WITH ORDINALITY AS ix(body, k) ORDER BY ix.k)`;
    const result = `r.indices -> (ix.body ->> 'id')`;
    await db.query(`
      INSERT INTO index_run_result (run_id, area_ids, area_codes, valid, reasons, class_numbers, index_values, weighted_sums, z_values)
      SELECT run.id,
        ARRAY(SELECT r.area_id FROM index_result r WHERE r.run_id = run.id ORDER BY r.area_code, r.area_id),
        ARRAY(SELECT r.area_code FROM index_result r WHERE r.run_id = run.id ORDER BY r.area_code, r.area_id),
        ARRAY(SELECT r.valid FROM index_result r WHERE r.run_id = run.id ORDER BY r.area_code, r.area_id),
        coalesce((SELECT jsonb_agg(coalesce(r.reasons, '[]') ORDER BY r.area_code, r.area_id)
                    FROM index_result r WHERE r.run_id = run.id AND NOT r.valid), '[]'),
        ${perIndex(`(SELECT c.n FROM jsonb_array_elements(ix.body -> 'classes') WITH ORDINALITY AS c(body, n)
                      WHERE c.body ->> 'code' = ${result} -> 'class' ->> 'code')::smallint`)},
        ${perIndex(`(${result} ->> 'value')::float8`)},
        ${perIndex(`(${result} ->> 'sum')::float8`)},
        ARRAY(
          SELECT ARRAY(SELECT (r.indices -> (ix.body ->> 'id') -> 'z' ->> ind.code)::float8
                         FROM index_result r WHERE r.run_id = run.id ORDER BY r.area_code, r.area_id)
            FROM jsonb_array_elements(run.definition -> 'indices') WITH ORDINALITY AS ix(body, k),
                 jsonb_array_elements_text(ix.body -> 'indicators') WITH ORDINALITY AS ind(code, j)
           ORDER BY ix.k, ind.j)
        FROM index_run run
       WHERE EXISTS (SELECT 1 FROM index_result r WHERE r.run_id = run.id)`);
    await db.query(`DROP TABLE index_result`);
  }

  async down(db: QueryRunner): Promise<void> {
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
    // Row z of z_values belongs to the z-th indicator over all indices in order.
    const zRows = `SELECT ind.code, zx.k, row_number() OVER (ORDER BY zx.k, ind.j) AS row
        FROM jsonb_array_elements(run.definition -> 'indices') WITH ORDINALITY AS zx(body, k),
             jsonb_array_elements_text(zx.body -> 'indicators') WITH ORDINALITY AS ind(code, j)`;
    await db.query(`
      INSERT INTO index_result (run_id, area_id, area_code, valid, reasons, indices)
      SELECT res.run_id, a.id, a.code, a.valid,
        CASE WHEN NOT a.valid THEN res.reasons -> (a.invalid - 1)::int END,
        CASE WHEN a.valid THEN (
          SELECT jsonb_object_agg(ix.body ->> 'id', jsonb_build_object(
                   'value', res.index_values[ix.k::int][a.n::int],
                   'class', (SELECT jsonb_build_object('code', c.body -> 'code', 'label', c.body -> 'label')
                               FROM jsonb_array_elements(ix.body -> 'classes') WITH ORDINALITY AS c(body, n)
                              WHERE c.n = res.class_numbers[ix.k::int][a.n::int]),
                   'sum', res.weighted_sums[ix.k::int][a.n::int],
                   'z', (SELECT jsonb_object_agg(z.code, res.z_values[z.row::int][a.n::int])
                           FROM (${zRows}) z WHERE z.k = ix.k)))
            FROM jsonb_array_elements(run.definition -> 'indices') WITH ORDINALITY AS ix(body, k)) END
        FROM index_run_result res
        JOIN index_run run ON run.id = res.run_id
        CROSS JOIN LATERAL (
          SELECT u.id, u.code, u.valid, u.n, count(*) FILTER (WHERE NOT u.valid) OVER (ORDER BY u.n) AS invalid
            FROM unnest(res.area_ids, res.area_codes, res.valid) WITH ORDINALITY AS u(id, code, valid, n)) a`);
    await db.query(`DROP TABLE index_run_result`);
  }
}
