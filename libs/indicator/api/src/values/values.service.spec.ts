import { statistics, toAreaValue, visible, type AreaValue } from './area-value';

const area = {
  id: 'c',
  code: '0101',
  name: 'Region',
  level: 'region',
  parentId: 'b',
  path: ['a', 'b'],
  population: 100,
  current: true,
};

describe('values helpers', () => {
  it('shows an area only when it lies wholly inside the scope', () => {
    expect(visible('all', area)).toBe(true);
    expect(visible(['b'], area)).toBe(true);
    expect(visible(['c'], area)).toBe(true);
    expect(visible(['x'], area)).toBe(false);
    // The parent 'b' of a scope root 'c' contains areas outside the scope.
    expect(visible(['c'], { ...area, id: 'b', path: ['a'] })).toBe(false);
  });

  it('turns a missing cache entry into an explicit missing value, never 0', () => {
    expect(toAreaValue(area, undefined)).toMatchObject({ status: 'missing', value: null, reason: 'no-data' });
  });

  it('computes counts by status and quintile breaks over the values only', () => {
    const items = [1, 2, 3, 4, 5].map(
      (value, i) => ({ areaId: String(i), status: 'value', value }) as AreaValue,
    );
    items.push(
      { areaId: 's', status: 'suppressed', value: null } as AreaValue,
      { areaId: 'm', status: 'missing', value: null } as AreaValue,
    );
    expect(statistics(items)).toEqual({
      counts: { value: 5, suppressed: 1, missing: 1 },
      min: 1,
      max: 5,
      breaks: [1.8, 2.6, 3.4, 4.2],
    });
    expect(statistics([])).toEqual({
      counts: { value: 0, suppressed: 0, missing: 0 },
      min: null,
      max: null,
      breaks: [],
    });
  });
});
