import { computeCompositeIndex, parseIndexDefinition } from '@quartier/indicator-core';
import {
  fromResultColumns,
  jsonbKeyOrder,
  toResultColumns,
  type IndexResultRow,
} from './index-result-columns';

const definition = parseIndexDefinition({
  id: 'mss',
  population: 'EW',
  minPopulation: 300,
  indices: [
    {
      id: 'status',
      label: 'Status',
      indicators: ['S10', 'S2'],
      classes: [
        { code: '1', label: 'hoch', upTo: 0 },
        { code: '2', label: 'niedrig' },
      ],
    },
    {
      id: 'dyn',
      label: 'Dynamik',
      indicators: ['D1'],
      classes: [
        { code: '+', label: 'positiv', upTo: 0 },
        { code: '-', label: 'negativ' },
      ],
    },
  ],
});

const computed = computeCompositeIndex(
  definition,
  [1, 2, 3, 4, 5, 6].map((i) => ({
    area: `A${i}`,
    values: { EW: i === 4 ? 100 : 1000, S10: i * i, S2: (i * 7) % 5, D1: i === 2 ? null : Math.cos(i) },
  })),
);
const rows: IndexResultRow[] = computed.areas.map((r, i) => ({
  areaId: `id-${i}`,
  code: r.area,
  valid: r.valid,
  reasons: r.valid ? null : r.reasons,
  indices: r.valid ? r.indices : null,
}));

describe('index results as columns', () => {
  it('keeps one array per field, a row per index (class numbers, values, sums) and per indicator (z)', () => {
    const columns = toResultColumns(definition, rows);
    expect(columns.valid).toEqual([true, false, true, false, true, true]);
    expect(columns.reasons).toEqual([
      [{ code: 'indicator-missing', indicators: ['D1'] }],
      [{ code: 'population-below-minimum', population: 100, minimum: 300 }],
    ]);
    expect(columns.classes).toHaveLength(2);
    expect(columns.z).toHaveLength(3);
    expect(columns.classes[1][1]).toBeNull();
    const first = computed.areas[0];
    if (!first.valid) throw new Error('A1 is valid');
    expect(columns.values[1][0]).toBe(first.indices['dyn'].value);
    expect(columns.z[1][0]).toBe(first.indices['status'].z['S2']);
    expect(columns.classes[0][0]).toBe(first.indices['status'].class.code === '1' ? 1 : 2);
  });

  it('gives the rows back, with keys in the order jsonb kept them', () => {
    const back = fromResultColumns(definition, toResultColumns(definition, rows));
    expect(back).toEqual(rows);
    // jsonb: shorter keys first, then bytewise — "dyn" before "status", "S2" before "S10".
    expect(Object.keys(back[0].indices ?? {})).toEqual(['dyn', 'status']);
    expect(Object.keys(back[0].indices?.['status'] ?? {})).toEqual(['z', 'sum', 'class', 'value']);
    expect(Object.keys(back[0].indices?.['status'].z ?? {})).toEqual(['S2', 'S10']);
  });

  it('orders keys by UTF-8 length first, then bytewise', () => {
    expect(jsonbKeyOrder(['ü', 'zz', 'b', 'a', 'aa'], (k) => k)).toEqual(['a', 'b', 'aa', 'zz', 'ü']);
  });
});
