import { parseIndexDefinition } from '@quartier/indicator-core';
import { randomUUID } from 'node:crypto';
import { migratedIndicatorSchema, type IndicatorSchema } from '../testing/indicator-schema';
import { IndexDefinitionRepository } from './index-definition.repository';
import { fromResultColumns } from './index-result-columns';
import { IndexRunRepository, type IndexResultRow, type NewIndexRun } from './index-run.repository';

const definition = (key: string) =>
  parseIndexDefinition({
    id: key,
    population: 'EW',
    indices: [
      {
        id: 'status',
        label: 'Status',
        indicators: ['S1', 'S2'],
        classes: [
          { code: '1', label: 'hoch', upTo: 0, inclusive: true },
          { code: '2', label: 'niedrig' },
        ],
      },
    ],
  });

describe('index definitions and runs (migrated indicator schema, real PostgreSQL)', () => {
  let schema: IndicatorSchema;
  let definitions: IndexDefinitionRepository;
  let runs: IndexRunRepository;

  const newRun = (tenantId: string, definitionId: string, period: string): NewIndexRun => ({
    tenantId,
    definitionId,
    definition: definition('mss'),
    period,
    level: 'planungsraum',
    label: `Lauf ${period}`,
    inputs: { indicators: [{ code: 'S1', version: 2 }], rows: [['A', 1.5]] },
    areaCount: 2,
    validAreaCount: 1,
    classCounts: { status: { '1': 1, '2': 0 } },
    statistics: { status: { mean: 1.5 } },
    createdBy: 'analyst',
  });

  /** A stored definition for runs to belong to; returns its id. */
  const storedDefinition = async (tenantId: string, key = 'mss') => {
    const id = await definitions.insert(tenantId, {
      key,
      label: key.toUpperCase(),
      definition: definition(key),
      createdBy: 'analyst',
    });
    if (!id) throw new Error(`definition ${key} exists already`);
    return id;
  };

  beforeAll(async () => {
    schema = await migratedIndicatorSchema();
    definitions = new IndexDefinitionRepository(schema.db);
    runs = new IndexRunRepository(schema.db);
  }, 60_000);
  afterAll(() => schema?.close());

  it('stores definitions under a key unique per tenant, updates and deletes them', async () => {
    const id = await definitions.insert('defs', {
      key: 'mss',
      label: 'MSS',
      definition: definition('mss'),
      createdBy: 'analyst',
    });
    expect(id).toEqual(expect.any(String));
    expect(
      await definitions.insert('defs', {
        key: 'mss',
        label: 'again',
        definition: definition('mss'),
        createdBy: 'x',
      }),
    ).toBeNull();
    const other = await definitions.insert('defs-other', {
      key: 'mss',
      label: 'other tenant',
      definition: definition('mss'),
      createdBy: 'x',
    });
    expect(other).not.toBeNull();
    await definitions.insert('defs', {
      key: 'aaa',
      label: 'first',
      definition: definition('aaa'),
      createdBy: 'x',
    });
    expect((await definitions.list('defs')).map((d) => d.key)).toEqual(['aaa', 'mss']);
    expect(await definitions.find('defs', id!)).toEqual({
      id,
      key: 'mss',
      label: 'MSS',
      definition: definition('mss'),
      createdBy: 'analyst',
      updatedAt: expect.any(Date),
    });
    expect(await definitions.find('defs-other', id!)).toBeNull();
    expect(await definitions.existsWithKeyLike('defs', 'ms%')).toBe(true);
    expect(await definitions.existsWithKeyLike('defs', 'berlin-%')).toBe(false);

    await definitions.update('defs', id!, 'MSS neu', definition('mss'));
    expect(await definitions.find('defs', id!)).toMatchObject({ label: 'MSS neu' });
    await definitions.update('defs-other', id!, 'not mine', definition('mss'));
    expect(await definitions.find('defs', id!)).toMatchObject({ label: 'MSS neu' });
    await definitions.delete('defs', id!);
    expect(await definitions.find('defs', id!)).toBeNull();
  });

  it('stores a run with its results and reads them back, per tenant and definition', async () => {
    const areas = await schema.seedAreas('runs', [
      { code: 'B', level: 'planungsraum' },
      { code: 'A', level: 'planungsraum' },
    ]);
    const defId = await storedDefinition('runs');
    const otherDef = await storedDefinition('runs', 'other');
    const results: IndexResultRow[] = [
      {
        areaId: areas['B'],
        code: 'B',
        valid: false,
        reasons: [
          { code: 'population-below-minimum', population: 120, minimum: 300 },
          { code: 'indicator-missing', indicators: ['S2'] },
        ],
        indices: null,
      },
      {
        areaId: areas['A'],
        code: 'A',
        valid: true,
        reasons: null,
        indices: {
          status: {
            z: { S1: -0.1, S2: 1e-7 },
            sum: 0.1 + 0.2,
            class: { code: '2', label: 'niedrig' },
            value: 1.5,
          },
        },
      },
    ];
    const later = await schema.db.transaction(async (m) => {
      const id = await runs.insert(m, newRun('runs', defId, '2021'));
      await runs.insertResults(m, id, definition('mss'), results);
      return id;
    });
    const earlier = await schema.db.transaction((m) => runs.insert(m, newRun('runs', defId, '2019')));
    const elsewhere = await schema.db.transaction((m) => runs.insert(m, newRun('runs', otherDef, '2020')));

    expect(await runs.find('runs', later)).toEqual({
      id: later,
      definitionId: defId,
      definition: definition('mss'),
      period: '2021',
      level: 'planungsraum',
      label: 'Lauf 2021',
      areaCount: 2,
      validAreaCount: 1,
      classCounts: { status: { '1': 1, '2': 0 } },
      statistics: { status: { mean: 1.5 } },
      createdBy: 'analyst',
      createdAt: expect.any(Date),
    });
    expect(await runs.find('other-tenant', later)).toBeNull();
    expect((await runs.list('runs')).map((r) => r.id)).toEqual([earlier, elsewhere, later]);
    expect((await runs.list('runs', defId)).map((r) => r.id)).toEqual([earlier, later]);
    expect(await runs.list('other-tenant')).toEqual([]);
    expect(await runs.inputs('runs', later)).toEqual({
      definition: definition('mss'),
      inputs: { indicators: [{ code: 'S1', version: 2 }], rows: [['A', 1.5]] },
    });
    expect(await runs.inputs('other-tenant', later)).toBeNull();
    // One row of arrays, areas by code; the class as its number in the layout.
    const stored = await runs.results(later);
    expect(stored).toEqual({
      areaIds: [areas['A'], areas['B']],
      codes: ['A', 'B'],
      valid: [true, false],
      reasons: [results[0].reasons],
      classes: [[2, null]],
      values: [[1.5, null]],
      sums: [[0.1 + 0.2, null]],
      z: [
        [-0.1, null],
        [1e-7, null],
      ],
    });
    expect(fromResultColumns(definition('mss'), stored!)).toEqual([results[1], results[0]]);
    expect(await runs.results(earlier)).toBeNull();
  });

  it('stores 5,000 results as arrays, by code as the database sorts, quotes and backslashes intact', async () => {
    const odd = ['P "quoted"', 'P\\back', 'P{brace},comma', 'P NULL', 'p-lower'];
    const codes = [
      ...Array.from({ length: 4_995 }, (_, i) => `P${String(4_994 - i).padStart(5, '0')}`),
      ...odd,
    ];
    // Results name their areas by id and code only (no reference to area_ref).
    const areas = Object.fromEntries(codes.map((code) => [code, randomUUID()]));
    const defId = await storedDefinition('many');
    const result = (code: string, i: number): IndexResultRow => ({
      areaId: areas[code],
      code,
      valid: true,
      reasons: null,
      indices: {
        status: {
          z: { S1: i / 3, S2: -(i + 1) / 7 },
          sum: i * 1.1,
          class: { code: '1', label: 'hoch' },
          value: i / 10,
        },
      },
    });
    const id = await schema.db.transaction(async (m) => {
      const runId = await runs.insert(m, newRun('many', defId, '2023'));
      await runs.insertResults(m, runId, definition('mss'), codes.map(result));
      return runId;
    });
    const [{ sorted }]: { sorted: string[] }[] = await schema.db.query(
      `SELECT array_agg(c ORDER BY c) AS sorted FROM unnest($1::text[]) AS c`,
      [codes],
    );
    const stored = fromResultColumns(definition('mss'), (await runs.results(id))!);
    expect(stored.map((r) => r.code)).toEqual(sorted);
    const byCode = new Map(codes.map((code, i) => [code, result(code, i)]));
    expect(stored).toEqual(sorted.map((code) => byCode.get(code)));
  });

  it('stores the ids and numbers of 20,000 areas uncompressed, the codes compressed, and reads them back', async () => {
    // Every tenth area invalid: its nulls give the number arrays a bitmap pglz would chew on.
    const n = 20_000;
    const codes = Array.from({ length: n }, (_, i) => `Q${String(i).padStart(6, '0')}`);
    const areaIds = codes.map(() => randomUUID());
    const defId = await storedDefinition('wide');
    const results = codes.map((code, i): IndexResultRow =>
      i % 10 === 0
        ? { areaId: areaIds[i], code, valid: false, reasons: [{ code: 'excluded' }], indices: null }
        : {
            areaId: areaIds[i],
            code,
            valid: true,
            reasons: null,
            indices: {
              status: {
                z: { S1: Math.sin(i), S2: -Math.cos(i) / 3 },
                sum: Math.sin(i) - Math.cos(i) / 3,
                class: i % 3 === 0 ? { code: '1', label: 'hoch' } : { code: '2', label: 'niedrig' },
                value: Math.sqrt(i) / 7,
              },
            },
          },
    );
    const id = await schema.db.transaction(async (m) => {
      const runId = await runs.insert(m, newRun('wide', defId, '2024'));
      await runs.insertResults(m, runId, definition('wide'), results);
      return runId;
    });
    const [stored]: Record<string, string | null>[] = await schema.db.query(
      `SELECT pg_column_compression(area_ids) AS ids, pg_column_compression(index_values) AS "values",
              pg_column_compression(weighted_sums) AS sums, pg_column_compression(z_values) AS z,
              pg_column_compression(area_codes) AS codes
         FROM index_run_result WHERE run_id = $1`,
      [id],
    );
    expect(stored).toEqual({ ids: null, values: null, sums: null, z: null, codes: expect.any(String) });
    const storage: { name: string; storage: string }[] = await schema.db.query(
      `SELECT attname AS name, attstorage AS storage FROM pg_attribute
        WHERE attrelid = 'index_run_result'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    expect(Object.fromEntries(storage.map((c) => [c.name, c.storage]))).toEqual({
      run_id: 'p',
      area_ids: 'e',
      area_codes: 'x',
      valid: 'x',
      reasons: 'x',
      class_numbers: 'x',
      index_values: 'e',
      weighted_sums: 'e',
      z_values: 'e',
    });
    // The codes are already in order: the results read back are the results written, to the bit.
    expect(fromResultColumns(definition('wide'), (await runs.results(id))!)).toEqual(results);
  });

  it('deletes a definition’s runs and results with it', async () => {
    const areas = await schema.seedAreas('cascade', [{ code: 'A', level: 'planungsraum' }]);
    const defId = await storedDefinition('cascade');
    const id = await schema.db.transaction(async (m) => {
      const runId = await runs.insert(m, newRun('cascade', defId, '2023'));
      await runs.insertResults(m, runId, definition('cascade'), [
        { areaId: areas['A'], code: 'A', valid: false, reasons: [{ code: 'excluded' }], indices: null },
      ]);
      return runId;
    });
    await definitions.delete('cascade', defId);
    expect(await runs.find('cascade', id)).toBeNull();
    expect(await runs.results(id)).toBeNull();
  });
});
