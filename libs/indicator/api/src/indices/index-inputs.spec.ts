import { prepareHierarchy, resolveHierarchyValues, type StoredCell } from '@quartier/indicator-core';
import { levelAreas, type AreaNode } from '../common/area-tree';
import { indexInputs, levelIds, levelValues } from './index-inputs';

/** A uuid that reads as the short name in its last digits (e.g. …000000007031 for p1). */
const uuid = (name: string) =>
  `00000000-0000-0000-0000-${Buffer.from(name).toString('hex').padStart(12, '0')}`;
const area = (
  name: string,
  level: string,
  parent: string | null,
  population = 1000,
  current = true,
): AreaNode => ({
  id: uuid(name),
  code: name.toUpperCase(),
  name,
  level,
  parentId: parent === null ? null : uuid(parent),
  path: [],
  population,
  current,
});

/** The ids of a binary uuid[] (one dimension), as the database would read them. */
function decodeIds(binary: Buffer): string[] {
  const count = binary.readInt32BE(0) === 0 ? 0 : binary.readInt32BE(12);
  return Array.from({ length: count }, (_, i) => {
    const hex = binary.subarray(24 + 20 * i, 40 + 20 * i).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
}

// A city, two districts, four planning areas (one of them in no district), oldest first.
const list = [
  area('c', 'city', null),
  area('d1', 'district', 'c'),
  area('d2', 'district', 'c'),
  area('p1', 'planning', 'd1'),
  area('p2', 'planning', 'd1'),
  area('p3', 'planning', 'd2'),
  area('p4', 'planning', 'd2'),
  area('p5', 'planning', null),
];
const cell = (name: string, value: number | null, numerator: number | null = null, status = 'value') => ({
  areaId: uuid(name),
  status: status as StoredCell['status'],
  value,
  numerator,
  denominator: numerator === null || value === null ? null : (numerator * 100) / value,
});
const cells = [
  cell('p1', 10, 5),
  cell('p2', 20, 10),
  cell('p3', null, null, 'suppressed'),
  cell('p4', 40, 4),
  cell('d2', 33, 3),
  cell('elsewhere', 99, 1),
];
const indicator = { effectiveScale: 100, unit: '%' as const };
// The repository's answer: the asked areas' values in their order, null without a value.
const stored = {
  cells: async () => cells,
  valuesOf: async (areas: { count: number; binary: Buffer }) => {
    const byArea = new Map(cells.map((c) => [c.areaId, c]));
    const values = decodeIds(areas.binary).map((id) => {
      const c = byArea.get(id);
      return c?.status === 'value' ? c.value : null;
    });
    expect(values).toHaveLength(areas.count);
    return values;
  },
};

/** What resolving every area of every level gave before: the reference. */
function resolvedEverywhere(level: string): (number | null)[] {
  const stored = new Map(cells.map((c) => [c.areaId, c]));
  const all = resolveHierarchyValues(prepareHierarchy(list), stored, { scale: 100, kind: 'rate' });
  return list.flatMap((a, i) => {
    if (a.level !== level) return [];
    const c = all[i];
    return [c.status === 'value' ? c.value : null];
  });
}

describe('index inputs', () => {
  it('takes a bottom level’s stored values as they are (suppressed and missing areas have none)', async () => {
    const planning = levelAreas(list, prepareHierarchy(list), 'planning');
    expect(planning.bottom).toBe(true);
    expect(planning.areas.map((a) => a.name)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(await levelValues(planning, indicator, stored)).toEqual([10, 20, null, 40, null]);
    expect(await levelValues(planning, indicator, stored)).toEqual(resolvedEverywhere('planning'));
  });

  it('aggregates a higher level from the areas below it only, as resolving every area did', async () => {
    const districts = levelAreas(list, prepareHierarchy(list), 'district');
    expect(districts.bottom).toBe(false);
    expect(districts.hierarchy.areas.map((a) => a.id)).toEqual(
      ['d1', 'd2', 'p1', 'p2', 'p3', 'p4'].map(uuid),
    );
    // d1: (5 + 10) / (50 + 50) × 100; d2 keeps its stored value.
    expect(await levelValues(districts, indicator, stored)).toEqual([15, 33]);
    expect(await levelValues(districts, indicator, stored)).toEqual(resolvedEverywhere('district'));
    const city = levelAreas(list, prepareHierarchy(list), 'city');
    expect(await levelValues(city, indicator, stored)).toEqual(resolvedEverywhere('city'));
  });

  it('leaves out a superseded area version’s areas of the level and below (codes reused by the current one)', async () => {
    const old = [
      area('old-c', 'city', null, 1000, false),
      area('old-d1', 'district', 'old-c', 1000, false),
      area('old-p1', 'planning', 'old-d1', 1000, false),
    ].map((a) => ({ ...a, code: a.code.replace('OLD-', '') }));
    const versions = [...old, ...list];
    const districts = levelAreas(versions, prepareHierarchy(versions), 'district');
    expect(districts.areas.map((a) => a.name)).toEqual(['d1', 'd2']);
    expect(districts.hierarchy.areas.map((a) => a.id)).toEqual(
      ['d1', 'd2', 'p1', 'p2', 'p3', 'p4'].map(uuid),
    );
    expect(await levelValues(districts, indicator, stored)).toEqual([15, 33]);
    const planning = levelAreas(versions, prepareHierarchy(versions), 'planning');
    expect(planning.areas.map((a) => a.code)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(planning.bottom).toBe(true);
  });

  it('encodes a level’s ids and codes once, in its order', () => {
    const planning = levelAreas(list, prepareHierarchy(list), 'planning');
    const ids = levelIds(planning);
    expect(levelIds(planning)).toBe(ids);
    expect(ids.count).toBe(5);
    expect(decodeIds(ids.binary)).toEqual(planning.areas.map((a) => a.id));
    expect(ids.codes).toBe('{"P1","P2","P3","P4","P5"}');
  });

  it('lays the values out per area for the core and per row for the stored snapshot', () => {
    const areas = [list[3], list[4]];
    expect(
      indexInputs(areas, [
        { code: 'S1', values: [1.5, null] },
        { code: 'EW', values: [800, 900] },
      ]),
    ).toEqual({
      inputs: [
        { area: 'P1', values: { S1: 1.5, EW: 800 } },
        { area: 'P2', values: { S1: null, EW: 900 } },
      ],
      rows: [
        ['P1', 1.5, 800],
        ['P2', null, 900],
      ],
    });
  });
});
