import type { CheckedObservation } from '@quartier/indicator-core';
import type { IndicatorRef } from '../catalogue/catalogue.service';
import { MAX_LISTED_AREAS } from '../events/changed-areas';
import {
  AreaKeys,
  MIN_ROWS_PER_RUN,
  RepeatedKey,
  ROWS_PER_RUN,
  rowsPerRun,
  ValueRuns,
  type AreaKey,
} from './value-runs';

const ref = (id: string, code: string): IndicatorRef => ({
  id,
  code,
  version: 2,
  scale: 100,
  polarity: 'higher-is-worse',
  confidentiality: { minNumerator: 0, minDenominator: 0 },
  periodicity: 'year',
});

const observation = (
  area: AreaKey,
  indicator: IndicatorRef,
  period: string,
  value: number | null,
): CheckedObservation<AreaKey, IndicatorRef> => ({
  line: 0,
  column: 'value',
  area,
  indicator,
  period,
  status: value === null ? 'missing' : 'value',
  value,
  numerator: value === null ? null : 3,
  denominator: null,
});

/** Parses binary COPY rows back: [indicator, area, period, status, value, numerator, denominator, version]. */
function rowsOf(chunks: Buffer[]) {
  const data = Buffer.concat(chunks);
  const rows: unknown[][] = [];
  let at = 0;
  const field = () => {
    const length = data.readInt32BE(at);
    at += 4;
    if (length < 0) return null;
    const bytes = data.subarray(at, at + length);
    at += length;
    return bytes;
  };
  const hex = (b: Buffer | null) => b?.toString('hex');
  while (at < data.length) {
    expect(data.readInt16BE(at)).toBe(8);
    at += 2;
    const [indicator, area, period, status, value, numerator, denominator, version] = Array.from(
      { length: 8 },
      field,
    );
    rows.push([
      hex(indicator),
      hex(area),
      period?.toString(),
      status?.toString(),
      value?.readDoubleBE(0) ?? null,
      numerator?.readDoubleBE(0) ?? null,
      denominator?.readDoubleBE(0) ?? null,
      version?.readInt32BE(0),
    ]);
  }
  return rows;
}

const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
const hexOf = (n: number) => uuid(n).replaceAll('-', '');

describe('value runs: buffered rows written in the order of the value key', () => {
  // Codes in file order, ids in another order: the key orders by id.
  const areas = new AreaKeys([
    ['A', uuid(0xc0)],
    ['B', uuid(0x0a)],
    ['C', uuid(0xf3)],
  ]);
  const [a, b, c] = ['A', 'B', 'C'].map((code) => areas.byCode.get(code) as AreaKey);
  const x = ref(uuid(0xee), 'X');
  const y = ref(uuid(0x01), 'Y');

  it('ranks areas by id as PostgreSQL orders uuids, whatever the case of the id', () => {
    expect([a.rank, b.rank, c.rank]).toEqual([1, 0, 2]);
    expect(new AreaKeys([['A', uuid(0xab).toUpperCase()]]).byCode.get('A')?.id).toBe(uuid(0xab));
  });

  it('writes indicator by indicator, period by period, area by area, with nulls as nulls', () => {
    const runs = new ValueRuns(areas);
    // As files come: area by area.
    for (const area of [a, b, c])
      for (const period of ['2020', '2019'])
        for (const indicator of [x, y])
          runs.add(observation(area, indicator, period, area === c ? null : 1.5));
    const rows = rowsOf([...runs.take()]);
    expect(rows.map((r) => [r[0], r[2], r[1]])).toEqual(
      [y, x].flatMap((i) =>
        ['2019', '2020'].flatMap((p) =>
          [b, a, c].map((area) => [i.id.replaceAll('-', ''), p, area.id.replaceAll('-', '')]),
        ),
      ),
    );
    expect(rows[0]).toEqual([hexOf(0x01), hexOf(0x0a), '2019', 'value', 1.5, 3, null, 2]);
    expect(rows[2]).toEqual([hexOf(0x01), hexOf(0xf3), '2019', 'missing', null, null, null, 2]);
  });

  it('starts a new run after take, and reports what changed over all runs', () => {
    const runs = new ValueRuns(areas);
    runs.add(observation(a, x, '2020', 1));
    expect(rowsOf([...runs.take()])).toHaveLength(1);
    expect(runs.pending).toBe(0);
    runs.add(observation(c, x, '2021', 2));
    runs.add(observation(b, y, '2021', 3));
    expect(rowsOf([...runs.take()])).toHaveLength(2);
    const changes = runs.changes();
    expect([...(changes.get(x.id)?.periods ?? [])].sort()).toEqual(['2020', '2021']);
    expect(changes.get(x.id)?.areaIds.sort()).toEqual([a.id, c.id].sort());
    expect(changes.get(y.id)?.areaIds).toEqual([b.id]);
  });

  it('is full at the run size it is given, a sixth of the expected rows within bounds', () => {
    expect(rowsPerRun(30_000)).toBe(5_000);
    expect(rowsPerRun(6_000)).toBe(MIN_ROWS_PER_RUN);
    expect(rowsPerRun(300_000)).toBe(50_000);
    expect(rowsPerRun(1_500_000)).toBe(250_000);
    expect(rowsPerRun(10_000_000)).toBe(ROWS_PER_RUN);
    expect(rowsPerRun(0)).toBe(MIN_ROWS_PER_RUN);
    // Towards the end of a file at most half of what is left: the last runs get small.
    expect(rowsPerRun(30_000, 20_000)).toBe(5_000);
    expect(rowsPerRun(30_000, 24_000)).toBe(3_000);
    expect(rowsPerRun(30_000, 29_000)).toBe(MIN_ROWS_PER_RUN);
    expect(rowsPerRun(1_500_000, 1_250_000)).toBe(125_000);
    expect(rowsPerRun(30_000, 31_000)).toBe(MIN_ROWS_PER_RUN);
    const runs = new ValueRuns(areas);
    expect(runs.runRows).toBe(ROWS_PER_RUN);
    runs.runRows = 2;
    runs.add(observation(a, x, '2020', 1));
    expect(runs.full).toBe(false);
    runs.add(observation(b, x, '2020', 2));
    expect(runs.full).toBe(true);
    expect(rowsOf([...runs.take()])).toHaveLength(2);
    expect(runs.full).toBe(false);
  });

  it('refuses a run that holds a key twice before writing any of it', () => {
    const runs = new ValueRuns(areas);
    runs.add(observation(a, x, '2020', 1));
    runs.add(observation(b, x, '2020', 1));
    runs.add(observation(a, x, '2020', 2));
    expect(() => runs.take().next()).toThrow(RepeatedKey);
  });

  it('lists no areas for an indicator with more changed areas than an event lists', () => {
    const many = new AreaKeys(
      Array.from({ length: MAX_LISTED_AREAS + 1 }, (_, i) => [`${i}`, uuid(i)] as const),
    );
    const runs = new ValueRuns(many);
    for (const area of many.byCode.values()) runs.add(observation(area, x, '2020', 1));
    runs.add(observation(many.byCode.get('0') as AreaKey, y, '2020', 1));
    const changes = runs.changes();
    expect(changes.get(x.id)?.areaIds).toEqual([]);
    expect(changes.get(y.id)?.areaIds).toEqual([uuid(0)]);
  });
});
