import type { EventPayload } from '@quartier/contracts';
import type { DeliveredEvent } from '@quartier/messaging';
import {
  createSchemaDataSource,
  createTestDatabase,
  migrateSchema,
  type TestDatabase,
} from '@quartier/persistence';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { testIndicator, valueFacts, type PublishedCell } from '../testing/value-facts';
import { applyEvidenceFact } from './evidence-read-model.handler';
import { evidenceReadModelMigration } from './evidence-read-model.migration';
import { copyNewValueRefs, valueRefCopyRows } from './value-ref-copy';

const SCHEMA = 'programme';
type ValuesPublished = EventPayload<'indicator.values.published'>;

function delivered(payload: ValuesPublished): DeliveredEvent<'indicator.values.published'> {
  return {
    id: randomUUID(),
    type: 'indicator.values.published',
    version: 2,
    tenantId: payload.tenantId,
    occurredAt: new Date().toISOString(),
    producer: 'indicator',
    key: `${payload.tenantId}:${payload.indicatorCode}`,
    correlationId: 'test',
    payload,
  } as DeliveredEvent<'indicator.values.published'>;
}

interface StoredRow {
  indicator_code: string;
  period: string;
  area_id: string;
  status: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

describe('evidence read model: indicator values', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('qt_rm_evidence');
    ds = createSchemaDataSource({
      url: db.url,
      schema: SCHEMA,
      entities: [],
      migrations: [evidenceReadModelMigration(SCHEMA)],
    });
    await ds.initialize();
    await migrateSchema(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const apply = (parts: ValuesPublished[]) =>
    ds.transaction(async (manager) => {
      for (const part of parts) await applyEvidenceFact(manager, delivered(part));
    });
  const stored = async (tenantId: string): Promise<StoredRow[]> =>
    ds.query(
      `SELECT indicator_code, period, area_id::text, status, value, numerator, denominator
         FROM indicator_value_ref WHERE tenant_id = $1 ORDER BY indicator_code, period, area_id`,
      [tenantId],
    );
  const asRows = (code: string, cells: PublishedCell[]): StoredRow[] =>
    cells
      .map((c) => ({
        indicator_code: code,
        period: c.period,
        area_id: c.areaId.toLowerCase(),
        status: c.status,
        value: c.value,
        numerator: c.numerator,
        denominator: c.denominator,
      }))
      .sort((a, b) => a.period.localeCompare(b.period) || a.area_id.localeCompare(b.area_id));

  const areas = Array.from({ length: 12 }, () => randomUUID());
  const cellsOf = (period: string, offset: number): PublishedCell[] =>
    areas.map((areaId, i) => ({
      areaId,
      period,
      status: i % 5 === 4 ? 'suppressed' : i % 7 === 6 ? 'missing' : 'value',
      value: i % 5 === 4 || i % 7 === 6 ? null : offset + i / 3,
      numerator: i % 2 === 0 ? i + offset : null,
      denominator: i % 2 === 0 ? 100 + i : null,
    }));

  it('stores new periods exactly as published, doubles to the bit', async () => {
    const indicator = testIndicator('copy-new', 'ALG2');
    const cells = [...cellsOf('2023', 1), ...cellsOf('2024', 2)];
    cells[0].value = 0.1 + 0.2;
    cells[2].value = -1e-300;
    await apply(valueFacts(indicator, cells));
    expect(await stored('copy-new')).toEqual(asRows('ALG2', cells));
  });

  it('replaces values of a period published again, in the same transaction as what came before', async () => {
    const indicator = testIndicator('copy-again', 'KIPO');
    await apply(valueFacts(indicator, cellsOf('2024', 1)));
    // Half of the areas again with other values, plus areas not stored yet: the COPY meets a
    // stored key, is undone, and the part is upserted.
    const again = [...cellsOf('2024', 5).slice(6), ...cellsOf('2025', 5)];
    await ds.transaction(async (manager) => {
      await manager.query(`INSERT INTO indicator_ref (tenant_id, code, name, unit, polarity, scale, min_numerator, definition_version)
                           VALUES ('copy-again', 'MARK', 'm', '%', 'neutral', 1, 0, 1)`);
      for (const part of valueFacts(indicator, again)) await applyEvidenceFact(manager, delivered(part));
    });
    const expected = [...cellsOf('2024', 1).slice(0, 6), ...again];
    expect(await stored('copy-again')).toEqual(asRows('KIPO', expected));
    const marks = await ds.query(
      `SELECT code FROM indicator_ref WHERE tenant_id = 'copy-again' ORDER BY code`,
    );
    expect(marks).toEqual([{ code: 'KIPO' }, { code: 'MARK' }]);
  });

  it('copies a part only while none of its keys is stored, and leaves the transaction usable', async () => {
    const [part] = valueFacts(testIndicator('copy-path', 'EW'), cellsOf('2024', 1));
    const outcomes = await ds.transaction(async (manager) => [
      await copyNewValueRefs(manager, part),
      await copyNewValueRefs(manager, { ...part, areaIds: [randomUUID(), ...part.areaIds.slice(1)] }),
      Number(
        (
          await manager.query(`SELECT count(*) AS n FROM indicator_value_ref WHERE tenant_id = 'copy-path'`)
        )[0].n,
      ),
    ]);
    expect(outcomes).toEqual([true, false, areas.length]);
    // Outside a transaction there is no savepoint to return to: the caller upserts.
    expect(await copyNewValueRefs(ds.manager, part)).toBe(false);
  });

  it('reads area ids in other spellings as PostgreSQL does (the upsert)', async () => {
    const indicator = testIndicator('copy-spelling', 'EW');
    const cells = cellsOf('2024', 3).map((c, i) => ({
      ...c,
      areaId: i === 3 ? `{${c.areaId.toUpperCase()}}` : c.areaId,
    }));
    expect(valueRefCopyRows(valueFacts(indicator, cells)[0])).toBeNull();
    await apply(valueFacts(indicator, cells));
    expect(await stored('copy-spelling')).toEqual(asRows('EW', cellsOf('2024', 3)));
  });

  it('stores NULL for numbers JSON cannot carry and 0 for -0, as the upsert of the JSON did', async () => {
    const indicator = testIndicator('copy-odd', 'EW');
    const cells = cellsOf('2024', 0).slice(0, 3);
    cells[0].value = Number.NaN;
    cells[1].value = Number.POSITIVE_INFINITY;
    cells[2].value = -0;
    await apply(valueFacts(indicator, cells));
    const rows = await stored('copy-odd');
    const byArea = new Map(rows.map((r) => [r.area_id, r.value]));
    expect(byArea.get(cells[0].areaId)).toBeNull();
    expect(byArea.get(cells[1].areaId)).toBeNull();
    expect(Object.is(byArea.get(cells[2].areaId), 0)).toBe(true);
  });

  it('refuses an area id PostgreSQL does not read as a uuid, leaving nothing of the part', async () => {
    const indicator = testIndicator('copy-bad', 'EW');
    const cells = cellsOf('2024', 0);
    cells[4].areaId = 'not-a-uuid';
    await expect(apply(valueFacts(indicator, cells))).rejects.toThrow(/uuid/);
    expect(await stored('copy-bad')).toEqual([]);
  });
});
