import { prepareHierarchy, resolveHierarchyValues, type StoredCell } from '@quartier/indicator-core';
import { levelAreas, type AreaNode } from '../common/area-tree';
import { indexInputs, levelValues } from './index-inputs';

const area = (id: string, level: string, parentId: string | null, population = 1000): AreaNode => ({
  id,
  code: id.toUpperCase(),
  name: id,
  level,
  parentId,
  path: [],
  population,
});

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
const cell = (areaId: string, value: number | null, numerator: number | null = null, status = 'value') => ({
  areaId,
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
const stored = {
  cells: async () => cells,
  values: async () =>
    cells.flatMap((c) =>
      c.status === 'value' && c.value !== null ? [{ areaId: c.areaId, value: c.value }] : [],
    ),
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
    expect(planning.areas.map((a) => a.id)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(await levelValues(planning, indicator, stored)).toEqual([10, 20, null, 40, null]);
    expect(await levelValues(planning, indicator, stored)).toEqual(resolvedEverywhere('planning'));
  });

  it('aggregates a higher level from the areas below it only, as resolving every area did', async () => {
    const districts = levelAreas(list, prepareHierarchy(list), 'district');
    expect(districts.bottom).toBe(false);
    expect(districts.hierarchy.areas.map((a) => a.id)).toEqual(['d1', 'd2', 'p1', 'p2', 'p3', 'p4']);
    // d1: (5 + 10) / (50 + 50) × 100; d2 keeps its stored value.
    expect(await levelValues(districts, indicator, stored)).toEqual([15, 33]);
    expect(await levelValues(districts, indicator, stored)).toEqual(resolvedEverywhere('district'));
    const city = levelAreas(list, prepareHierarchy(list), 'city');
    expect(await levelValues(city, indicator, stored)).toEqual(resolvedEverywhere('city'));
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
