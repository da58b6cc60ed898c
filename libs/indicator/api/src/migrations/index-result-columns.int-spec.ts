import { computeCompositeIndex, parseIndexDefinition } from '@quartier/indicator-core';
import { migratedServiceSchema, type MigratedSchema } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import { fromResultColumns } from '../indices/index-result-columns';
import { IndexRunRepository } from '../indices/index-run.repository';
import { IndexResultColumns1766300000000 } from './1766300000000-IndexResultColumns';
import { INDICATOR_MIGRATIONS } from './indicator-migrations';

// Index ids and indicator codes whose jsonb key order differs from the definition's order, a
// label that needs escaping, areas that are invalid for different reasons.
const definition = parseIndexDefinition({
  id: 'mss',
  population: 'EW',
  minPopulation: 300,
  indices: [
    {
      id: 'status',
      label: 'Status',
      indicators: ['S10', 'S2'],
      weights: { S10: 2 },
      classes: [
        { code: '1', label: 'hoch', upTo: -1 },
        { code: '2', label: 'mittel', upTo: 1, inclusive: true },
        { code: '3', label: 'niedrig "3"', upTo: 1.5 },
        { code: '4', label: 'sehr niedrig' },
      ],
    },
    {
      id: 'dyn',
      label: 'Dynamik',
      indicators: ['D1'],
      classes: [
        { code: '+', label: 'positiv', upTo: -0.5 },
        { code: '-', label: 'negativ' },
      ],
    },
  ],
});

const SELECT_OLD = `SELECT area_id AS "areaId", area_code AS code, valid, reasons, indices
  FROM index_result WHERE run_id = $1 ORDER BY area_code`;

describe('migration IndexResultColumns (indicator schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;

  beforeAll(async () => {
    const before = INDICATOR_MIGRATIONS.indexOf(IndexResultColumns1766300000000);
    schema = await migratedServiceSchema('indicator', INDICATOR_MIGRATIONS.slice(0, before));
  }, 60_000);
  afterAll(() => schema?.close());

  it('turns stored per-area JSON into columns that answer byte for byte the same, and back', async () => {
    const codes = Array.from({ length: 40 }, (_, i) => (i % 7 === 3 ? `b-${i}` : `A "${i}"\\`));
    const inputs = codes.map((area, i) => ({
      area,
      values: {
        EW: i === 5 ? 120 : 1000 + i,
        S10: (i * 37) % 11,
        S2: i === 9 ? null : ((i * 13) % 17) / 3,
        D1: Math.sin(i),
      },
    }));
    const computed = computeCompositeIndex(definition, inputs);
    const [{ id: definitionId }]: { id: string }[] = await schema.db.query(
      `INSERT INTO index_definition (tenant_id, key, label, definition, created_by)
       VALUES ('t', 'mss', 'MSS', $1, 'a') RETURNING id`,
      [JSON.stringify(definition)],
    );
    const [{ id: runId }]: { id: string }[] = await schema.db.query(
      `INSERT INTO index_run (tenant_id, definition_id, definition, period, level, label, inputs, area_count, valid_area_count, class_counts, statistics, created_by)
       VALUES ('t', $1, $2, '2023', 'planungsraum', 'Lauf', '{}', 40, $3, '{}', '{}', 'a') RETURNING id`,
      [definitionId, JSON.stringify(definition), computed.validAreaCount],
    );
    // As the service wrote results before: one JSON document per area.
    await schema.db.query(
      `INSERT INTO index_result (run_id, area_id, area_code, valid, reasons, indices)
       SELECT $1, r.area_id, r.area_code, r.valid, r.reasons, r.indices
         FROM jsonb_to_recordset($2::jsonb) AS r(area_id uuid, area_code text, valid boolean, reasons jsonb, indices jsonb)`,
      [
        runId,
        JSON.stringify(
          computed.areas.map((r) => ({
            area_id: randomUUID(),
            area_code: r.area,
            valid: r.valid,
            reasons: r.valid ? null : r.reasons,
            indices: r.valid ? r.indices : null,
          })),
        ),
      ],
    );
    const before: unknown[] = await schema.db.query(SELECT_OLD, [runId]);
    expect(before.filter((r) => !(r as { valid: boolean }).valid)).toHaveLength(2);

    const runner = schema.db.createQueryRunner();
    try {
      await new IndexResultColumns1766300000000().up(runner);
      const columns = await new IndexRunRepository(schema.db).results(runId);
      expect(columns?.classes[0]).toContain(3);
      expect(JSON.stringify(fromResultColumns(definition, columns!))).toBe(JSON.stringify(before));

      await new IndexResultColumns1766300000000().down(runner);
      expect(JSON.stringify(await schema.db.query(SELECT_OLD, [runId]))).toBe(JSON.stringify(before));
    } finally {
      await runner.release();
    }
  });
});
