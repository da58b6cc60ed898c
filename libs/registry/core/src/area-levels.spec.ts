import { parentLevelOf, validateLevels } from './area-levels';
import { validateCrosswalk } from './crosswalk';
import { RegistryError } from './registry.error';

const berlin = [
  { key: 'planungsraum', name: 'Planungsraum', rank: 3 },
  { key: 'bezirk', name: 'Bezirk', rank: 0 },
  { key: 'prognoseraum', name: 'Prognoseraum', rank: 1 },
  { key: 'bezirksregion', name: 'Bezirksregion', rank: 2 },
];

describe('area levels', () => {
  it('orders a valid chain from the top and finds each parent level', () => {
    expect(validateLevels(berlin).map((l) => l.key)).toEqual([
      'bezirk',
      'prognoseraum',
      'bezirksregion',
      'planungsraum',
    ]);
    expect(parentLevelOf(berlin, 'planungsraum')?.key).toBe('bezirksregion');
    expect(parentLevelOf(berlin, 'bezirk')).toBeNull();
    expect(() => parentLevelOf(berlin, 'kiez')).toThrow('unknown area level kiez');
  });

  it('rejects gaps, duplicates, bad keys and empty hierarchies', () => {
    expect(() => validateLevels([])).toThrow(RegistryError);
    expect(() =>
      validateLevels([
        { key: 'a', name: 'A', rank: 0 },
        { key: 'a', name: 'B', rank: 1 },
      ]),
    ).toThrow('used twice');
    expect(() =>
      validateLevels([
        { key: 'a', name: 'A', rank: 0 },
        { key: 'b', name: 'B', rank: 2 },
      ]),
    ).toThrow('without gaps');
    expect(() => validateLevels([{ key: 'Bad Key', name: 'A', rank: 0 }])).toThrow('level key');
  });
});

describe('crosswalks', () => {
  const oldIds = new Set(['o1', 'o2']);
  const newIds = new Set(['n1', 'n2', 'n3']);

  it('accepts weights that distribute each old area completely', () => {
    const entries = [
      { fromAreaId: 'o1', toAreaId: 'n1', weight: 0.25 },
      { fromAreaId: 'o1', toAreaId: 'n2', weight: 0.75 },
      { fromAreaId: 'o2', toAreaId: 'n3', weight: 1 },
    ];
    expect(validateCrosswalk(entries, oldIds, newIds)).toBe(entries);
  });

  it('names every problem: unknown areas, weights out of range, incomplete sums, duplicates', () => {
    try {
      validateCrosswalk(
        [
          { fromAreaId: 'o1', toAreaId: 'n1', weight: 0.5 },
          { fromAreaId: 'o1', toAreaId: 'n1', weight: 0.2 },
          { fromAreaId: 'ox', toAreaId: 'n9', weight: 1.5 },
        ],
        oldIds,
        newIds,
      );
      throw new Error('expected a RegistryError');
    } catch (error) {
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).details).toEqual([
        'entry 1: o1→n1 appears twice',
        'entry 2: fromAreaId ox is not an area of the old version',
        'entry 2: toAreaId n9 is not an area of the new version',
        'entry 2: weight 1.5 must be in (0, 1]',
        'weights of o1 sum to 0.7, not 1',
        'weights of ox sum to 1.5, not 1',
      ]);
    }
  });
});
