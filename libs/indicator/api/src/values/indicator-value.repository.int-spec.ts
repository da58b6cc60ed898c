import type { StoredCell } from '@quartier/indicator-core';
import { IndicatorDefinitionRepository } from '../catalogue/indicator-definition.repository';
import { migratedIndicatorSchema, type IndicatorSchema } from '../testing/indicator-schema';
import { uuidArray } from '../indices/binary-arrays';
import { IndicatorValueRepository, type ExportRow } from './indicator-value.repository';

const value = (
  v: number,
  numerator: number | null = null,
  denominator: number | null = null,
): StoredCell => ({
  status: 'value',
  value: v,
  numerator,
  denominator,
});
const suppressed: StoredCell = { status: 'suppressed', value: null, numerator: null, denominator: null };

describe('IndicatorValueRepository (migrated indicator schema, real PostgreSQL)', () => {
  let schema: IndicatorSchema;
  let repo: IndicatorValueRepository;
  let definitions: IndicatorDefinitionRepository;

  /** A live indicator of the tenant; returns its id. */
  const indicator = (tenantId: string, code: string, nameDe = `Indikator ${code}`) =>
    schema.db.transaction(async (m) => {
      const id = await definitions.insert(m, tenantId, code, 'manual');
      await definitions.insertVersion(m, {
        definitionId: id,
        version: 1,
        tenantId,
        body: {
          name: { de: nameDe },
          description: '',
          unit: '%',
          polarity: 'neutral',
          source: '',
          periodicity: 'year',
          impactStep: null,
          confidentiality: null,
        },
        createdBy: 'tester',
      });
      return id;
    });

  const store = (
    tenantId: string,
    indicatorId: string,
    cells: (StoredCell & { period: string; areaId: string })[],
    sourceId = 'test',
  ) =>
    schema.db.transaction((m) =>
      repo.insertCells(m, { tenantId, indicatorId, definitionVersion: 1, sourceId }, cells),
    );

  const stored = (indicatorId: string) =>
    schema.db.query(
      `SELECT period, area_id AS "areaId", status, value, numerator, denominator, definition_version AS "definitionVersion", source_id AS "sourceId"
         FROM indicator_value WHERE indicator_id = $1 ORDER BY period, area_id`,
      [indicatorId],
    );

  beforeAll(async () => {
    schema = await migratedIndicatorSchema();
    repo = new IndicatorValueRepository(schema.db);
    definitions = new IndicatorDefinitionRepository(schema.db);
  }, 60_000);
  afterAll(() => schema?.close());

  it('stores cells and reads them back per period, per indicator set and as the periods held', async () => {
    const areas = await schema.seedAreas('reads', [
      { code: 'A', level: 'bezirk' },
      { code: 'B', level: 'bezirk' },
    ]);
    const q1 = await indicator('reads', 'Q1');
    const q2 = await indicator('reads', 'Q2');
    const other = await indicator('reads-other', 'Q1');
    await store('reads', q1, [
      { period: '2020', areaId: areas['A'], ...value(1.5, 3, 200) },
      { period: '2020', areaId: areas['B'], ...suppressed },
      { period: '2021', areaId: areas['A'], ...value(2) },
    ]);
    await store('reads', q2, [{ period: '2021', areaId: areas['B'], ...value(7) }]);
    await store('reads-other', other, [{ period: '2019', areaId: areas['A'], ...value(9) }]);

    const cells = await repo.cells('reads', q1, '2020');
    expect(cells.sort((x, y) => (x.areaId < y.areaId ? -1 : 1))).toEqual(
      [
        { areaId: areas['A'], ...value(1.5, 3, 200) },
        { areaId: areas['B'], ...suppressed },
      ].sort((x, y) => (x.areaId < y.areaId ? -1 : 1)),
    );
    expect(await repo.cells('reads-other', q1, '2020')).toEqual([]);
    expect((await repo.periods('reads', q1)).sort()).toEqual(['2020', '2021']);
    expect(await repo.periods('reads', other)).toEqual([]);
    expect(await repo.periods('reads', q2)).toEqual(['2021']);
    expect(await repo.periods('reads-other', other)).toEqual(['2019']);

    const all = await repo.cellsOfIndicators(schema.db.manager, 'reads', [q1, q2]);
    expect(all).toHaveLength(4);
    expect(all.find((c) => c.indicatorId === q2)).toEqual({
      indicatorId: q2,
      period: '2021',
      areaId: areas['B'],
      ...value(7),
    });
    const only2021 = await repo.cellsOfIndicators(schema.db.manager, 'reads', [q1, q2], ['2021']);
    expect(only2021.map((c) => c.period)).toEqual(['2021', '2021']);
    expect(await repo.cellsOfIndicators(schema.db.manager, 'reads', [q1], [])).toEqual([]);
  });

  it('reads the values of given areas in their order, null where an area has no value', async () => {
    const areas = await schema.seedAreas('ordered', [
      { code: 'A', level: 'bezirk' },
      { code: 'B', level: 'bezirk' },
      { code: 'C', level: 'bezirk' },
      { code: 'D', level: 'bezirk' },
    ]);
    const q1 = await indicator('ordered', 'Q1');
    const other = await indicator('ordered-other', 'Q1');
    await store('ordered', q1, [
      { period: '2020', areaId: areas['A'], ...value(1.5, 3, 200) },
      { period: '2020', areaId: areas['B'], ...suppressed },
      { period: '2020', areaId: areas['C'], ...value(0.1 + 0.2) },
      { period: '2021', areaId: areas['D'], ...value(4) },
    ]);
    await store('ordered-other', other, [{ period: '2020', areaId: areas['D'], ...value(9) }]);
    // Not a number is a double PostgreSQL stores; JSON spells it as a string.
    await schema.db.query(
      `UPDATE indicator_value SET value = 'NaN' WHERE indicator_id = $1 AND area_id = $2`,
      [q1, areas['C']],
    );
    const ask = (ids: string[]) =>
      repo.valuesOfAreas('ordered', q1, '2020', { count: ids.length, binary: uuidArray(ids) });
    const nowhere = '00000000-0000-0000-0000-000000000000';
    expect(await ask([areas['D'], nowhere, areas['C'], areas['B'], areas['A']])).toEqual([
      null,
      null,
      Number.NaN,
      null,
      1.5,
    ]);
    await schema.db.query(`UPDATE indicator_value SET value = 0.1::float8 + 0.2::float8 WHERE area_id = $1`, [
      areas['C'],
    ]);
    // The doubles as stored, to the last bit.
    expect((await ask([areas['C']]))[0]).toBe(0.1 + 0.2);
    expect(await ask([])).toEqual([]);
    expect(
      await repo.valuesOfAreas('ordered', q1, '2019', { count: 1, binary: uuidArray([areas['A']]) }),
    ).toEqual([null]);
  });

  it('writes cells in batches of arrays with the target’s version and source, and deletes periods', async () => {
    const many = Array.from({ length: 5003 }, (_, i) => ({ code: `P${i}`, level: 'planungsraum' }));
    const areas = await schema.seedAreas('batches', many);
    const id = await indicator('batches', 'B');
    await store(
      'batches',
      id,
      many.map((a, i) => ({ period: '2022', areaId: areas[a.code], ...value(i) })),
      'compute:1',
    );
    await store('batches', id, [{ period: '2023', areaId: areas['P0'], ...suppressed }]);
    const rows = await stored(id);
    expect(rows).toHaveLength(5004);
    expect(rows.filter((r: { sourceId: string }) => r.sourceId === 'compute:1')).toHaveLength(5003);
    expect(
      rows.find(
        (r: { areaId: string; period: string }) => r.areaId === areas['P5002'] && r.period === '2022',
      ),
    ).toEqual({
      period: '2022',
      areaId: areas['P5002'],
      ...value(5002),
      definitionVersion: 1,
      sourceId: 'compute:1',
    });
    await expect(
      store('batches', id, [{ period: '2023', areaId: areas['P0'], ...value(1) }]),
    ).rejects.toThrow(/duplicate key/);
    const deleted = await schema.db.transaction((m) =>
      repo.deletePeriods(m, 'batches', id, ['2022', '1999']),
    );
    expect(deleted).toBe(5003);
    expect((await stored(id)).map((r: { period: string }) => r.period)).toEqual(['2023']);
    expect(await schema.db.transaction((m) => repo.deletePeriods(m, 'batches', id, ['2022']))).toBe(0);
  });

  it('upserts one plain value: a new cell, or the old one replaced with its counts cleared', async () => {
    const areas = await schema.seedAreas('upserts', [{ code: 'A', level: 'bezirk' }]);
    const id = await indicator('upserts', 'network.density');
    await store('upserts', id, [{ period: '2024', areaId: areas['A'], ...value(0.1, 1, 10) }], 'import:1');
    const target = { tenantId: 'upserts', indicatorId: id, definitionVersion: 2, sourceId: 'network:n:w' };
    await schema.db.transaction((m) =>
      repo.upsertValue(m, target, { period: '2024', areaId: areas['A'], value: 0.25 }),
    );
    await schema.db.transaction((m) =>
      repo.upsertValue(m, target, { period: '2025', areaId: areas['A'], value: 0.5 }),
    );
    expect(await stored(id)).toEqual([
      { period: '2024', areaId: areas['A'], ...value(0.25), definitionVersion: 2, sourceId: 'network:n:w' },
      { period: '2025', areaId: areas['A'], ...value(0.5), definitionVersion: 2, sourceId: 'network:n:w' },
    ]);
  });

  it('counts and reads the cells of changed periods for the changed areas, or for all when none are listed', async () => {
    const areas = await schema.seedAreas('published', [
      { code: 'A', level: 'bezirk' },
      { code: 'B', level: 'bezirk' },
      { code: 'C', level: 'bezirk' },
    ]);
    const id = await indicator('published', 'P');
    await store(
      'published',
      id,
      ['2019', '2020', '2021'].flatMap((period) =>
        ['A', 'B', 'C'].map((code, i) => ({ period, areaId: areas[code], ...value(i) })),
      ),
    );
    const m = schema.db.manager;
    expect(await repo.countsByPeriod(m, 'published', id, ['2021', '2020', '1990'], [])).toEqual([
      { period: '2020', n: 3 },
      { period: '2021', n: 3 },
    ]);
    expect(await repo.countsByPeriod(m, 'published', id, ['2020'], [areas['A'], areas['C']])).toEqual([
      { period: '2020', n: 2 },
    ]);
    expect(await repo.countsByPeriod(m, 'other-tenant', id, ['2020'], [])).toEqual([]);
    const byId = [areas['A'], areas['B'], areas['C']].sort();
    const parts = await repo.columnsOfPeriod(m, 'published', id, '2019', [], 2);
    expect(parts.map((p) => p.areaIds)).toEqual([byId.slice(0, 2), byId.slice(2)]);
    const cell = value(1);
    expect(await repo.columnsOfPeriod(m, 'published', id, '2019', [areas['B']], 2)).toEqual([
      {
        areaIds: [areas['B']],
        status: [cell.status],
        value: [cell.value],
        numerator: [cell.numerator],
        denominator: [cell.denominator],
      },
    ]);
    expect(await repo.columnsOfPeriod(m, 'published', id, '1990', [], 2)).toEqual([]);
  });

  it('pages an export by area code, period and indicator code across page boundaries', async () => {
    const codes = Array.from({ length: 9 }, (_, i) => `R${String(i).padStart(5, '0')}`);
    const areas = await schema.seedAreas('exports', [
      { code: 'D', level: 'bezirk', name: 'Bezirk' },
      ...codes.map((code) => ({ code, level: 'planungsraum', parent: 'D', name: `Raum ${code}` })),
    ]);
    const a = await indicator('exports', 'A', 'Erster');
    const z = await indicator('exports', 'Z', 'Letzter');
    const gone = await indicator('exports', 'GONE');
    await store('exports', a, [
      ...codes.map((code) => ({ period: '2020', areaId: areas[code], ...value(1) })),
      { period: '2019', areaId: areas['D'], ...value(5, 50, 1000) },
    ]);
    await store('exports', z, [
      { period: '2020', areaId: areas['R00000'], ...suppressed },
      { period: '2019', areaId: areas['R00000'], ...value(3) },
    ]);
    await store('exports', gone, [{ period: '2020', areaId: areas['D'], ...value(1) }]);
    expect(await definitions.softDelete('exports', 'GONE')).toBe(true);

    const pages: ExportRow[][] = [];
    for await (const page of repo.exportPages('exports', {}, 5)) pages.push(page);
    // 12 rows: D once, R00000 three times, R00001 … R00008 once each.
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    const rows = pages.flat();
    expect(rows.slice(0, 3)).toEqual([
      {
        area: 'D',
        areaName: 'Bezirk',
        period: '2019',
        indicator: 'A',
        indicatorName: 'Erster',
        ...value(5, 50, 1000),
      },
      {
        area: 'R00000',
        areaName: 'Raum R00000',
        period: '2019',
        indicator: 'Z',
        indicatorName: 'Letzter',
        ...value(3),
      },
      {
        area: 'R00000',
        areaName: 'Raum R00000',
        period: '2020',
        indicator: 'A',
        indicatorName: 'Erster',
        ...value(1),
      },
    ]);
    expect(rows[3]).toMatchObject({ area: 'R00000', period: '2020', indicator: 'Z', status: 'suppressed' });
    const keys = rows.map((r) => `${r.area}|${r.period}|${r.indicator}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort());
    expect(rows.some((r) => r.indicator === 'GONE')).toBe(false);

    const narrow: ExportRow[] = [];
    for await (const page of repo.exportPages('exports', {
      indicators: ['Z'],
      periods: ['2019'],
      level: 'planungsraum',
    }))
      narrow.push(...page);
    expect(narrow.map((r) => [r.area, r.period, r.indicator])).toEqual([['R00000', '2019', 'Z']]);
    const district: ExportRow[] = [];
    for await (const page of repo.exportPages('exports', { level: 'bezirk' })) district.push(...page);
    expect(district.map((r) => r.area)).toEqual(['D']);
    const none: ExportRow[][] = [];
    for await (const page of repo.exportPages('nobody', {})) none.push(page);
    expect(none).toEqual([]);
  });
});
