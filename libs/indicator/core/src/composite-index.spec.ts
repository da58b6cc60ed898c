import {
  classify,
  computeCompositeIndex,
  type AreaIndexResult,
  type AreaIndicatorValues,
} from './composite-index';
import { IndicatorError } from './indicator-error';
import { parseIndexDefinition, type IndexDefinition } from './index-definition';

const classes = [
  { code: 'low', label: 'low', upTo: -1, inclusive: false },
  { code: 'mid', label: 'mid', upTo: 1, inclusive: true },
  { code: 'high', label: 'high' },
];

function definition(
  patch: Partial<IndexDefinition['indices'][number]> = {},
  top: Partial<IndexDefinition> = {},
): IndexDefinition {
  return parseIndexDefinition({
    id: 'test',
    population: 'pop',
    indices: [{ id: 'need', indicators: ['A', 'B'], classes, ...patch }],
    ...top,
  });
}

// A = 1,2,3,4 → mean 2.5, population SD √1.25, z = ∓1.3416, ∓0.4472
// B = 4,4,2,2 → mean 3, population SD 1, z = 1, 1, −1, −1
const areas: AreaIndicatorValues[] = [
  { area: 'w', values: { pop: 1000, A: 1, B: 4 } },
  { area: 'x', values: { pop: 1000, A: 2, B: 4 } },
  { area: 'y', values: { pop: 1000, A: 3, B: 2 } },
  { area: 'z', values: { pop: 1000, A: 4, B: 2 } },
];

function valid(result: AreaIndexResult): Extract<AreaIndexResult, { valid: true }> {
  if (!result.valid) throw new Error(`${result.area} is invalid`);
  return result;
}

describe('computeCompositeIndex', () => {
  it('z-standardises with the population SD (divide by n), sums and standardises the sum again', () => {
    const result = computeCompositeIndex(definition(), areas);
    const need = result.areas.map((a) => valid(a).indices['need']);
    expect(need.map((n) => n.z['A'])).toEqual([
      -1.5 / Math.sqrt(1.25),
      -0.5 / Math.sqrt(1.25),
      0.5 / Math.sqrt(1.25),
      1.5 / Math.sqrt(1.25),
    ]);
    expect(need.map((n) => n.z['B'])).toEqual([1, 1, -1, -1]);
    // sums −0.3416, 0.5528, −0.5528, 0.3416: mean 0, population SD 0.45951
    need.forEach((n, i) =>
      expect(n.sum).toBeCloseTo(
        [-0.34164078649987384, 0.5527864045000421, -0.5527864045000421, 0.34164078649987384][i],
        14,
      ),
    );
    need.forEach((n, i) =>
      expect(n.value).toBeCloseTo(
        [-0.7434960689203689, 1.2030019100150913, -1.2030019100150913, 0.7434960689203689][i],
        14,
      ),
    );
    expect(need.map((n) => n.class.code)).toEqual(['mid', 'high', 'low', 'mid']);
    expect(result.statistics['need'].indicators).toEqual({
      A: { mean: 2.5, sd: Math.sqrt(1.25) },
      B: { mean: 3, sd: 1 },
    });
    expect(result.statistics['need'].classCounts).toEqual({ low: 1, mid: 2, high: 1 });
    expect(result.validAreaCount).toBe(4);
  });

  it('flips an indicator with polarity −1 (higher value = less disadvantage)', () => {
    const result = computeCompositeIndex(definition({ polarity: { B: -1 } }), areas);
    const need = result.areas.map((a) => valid(a).indices['need']);
    expect(need.map((n) => n.z['B'])).toEqual([1, 1, -1, -1]); // z is reported before polarity
    need.forEach((n, i) =>
      expect(n.sum).toBeCloseTo(
        [-2.341640786499874, -1.4472135954999579, 1.4472135954999579, 2.341640786499874][i],
        14,
      ),
    );
    need.forEach((n, i) =>
      expect(n.value).toBeCloseTo(
        [-1.2030019100150915, -0.7434960689203689, 0.7434960689203689, 1.2030019100150915][i],
        14,
      ),
    );
    expect(need.map((n) => n.class.code)).toEqual(['low', 'mid', 'mid', 'high']);
  });

  it('multiplies z-values by their weights before summing', () => {
    const result = computeCompositeIndex(definition({ weights: { B: 2 } }), areas);
    const need = result.areas.map((a) => valid(a).indices['need']);
    need.forEach((n, i) =>
      expect(n.sum).toBeCloseTo(
        [0.6583592135001262, 1.5527864045000421, -1.5527864045000421, -0.6583592135001262][i],
        14,
      ),
    );
    need.forEach((n, i) =>
      expect(n.value).toBeCloseTo(
        [0.5520375893889904, 1.3020193930589485, -1.3020193930589485, -0.5520375893889904][i],
        14,
      ),
    );
  });

  it('leaves invalid areas out of the standardisation and reports every reason', () => {
    const withInvalid: AreaIndicatorValues[] = [
      { area: 'excluded', values: { pop: 5000, A: 100, B: 100 } },
      areas[0],
      { area: 'small', values: { pop: 299, A: 100, B: 100 } },
      areas[1],
      { area: 'no-pop', values: { A: 100, B: 100 } },
      { area: 'null-pop', values: { pop: null, A: 100, B: 100 } },
      areas[2],
      { area: 'no-b', values: { pop: 400, A: 100, B: null } },
      { area: 'nan-a', values: { pop: 400, A: Number.NaN, B: 3 } },
      { area: 'both', values: { pop: 10 } },
      areas[3],
    ];
    const def = definition({}, { minPopulation: 300, excludeAreas: ['excluded'] });
    const result = computeCompositeIndex(def, withInvalid);
    const reference = computeCompositeIndex(def, areas);
    expect(result.areas.map((a) => a.area)).toEqual(withInvalid.map((a) => a.area));
    expect(result.areas.filter((a) => a.valid)).toEqual(reference.areas);
    expect(result.areas.filter((a) => !a.valid)).toEqual([
      { area: 'excluded', valid: false, reasons: [{ code: 'excluded' }] },
      {
        area: 'small',
        valid: false,
        reasons: [{ code: 'population-below-minimum', population: 299, minimum: 300 }],
      },
      { area: 'no-pop', valid: false, reasons: [{ code: 'population-missing' }] },
      { area: 'null-pop', valid: false, reasons: [{ code: 'population-missing' }] },
      { area: 'no-b', valid: false, reasons: [{ code: 'indicator-missing', indicators: ['B'] }] },
      { area: 'nan-a', valid: false, reasons: [{ code: 'indicator-missing', indicators: ['A'] }] },
      {
        area: 'both',
        valid: false,
        reasons: [
          { code: 'population-below-minimum', population: 10, minimum: 300 },
          { code: 'indicator-missing', indicators: ['A', 'B'] },
        ],
      },
    ]);
    expect(result.validAreaCount).toBe(4);
  });

  it('accepts exactly the minimum population', () => {
    const result = computeCompositeIndex(definition({}, { minPopulation: 1000 }), areas);
    expect(result.validAreaCount).toBe(4);
  });

  it('invalidates an area lacking a value of any index, for all indices alike', () => {
    const def = parseIndexDefinition({
      id: 't',
      population: 'pop',
      indices: [
        { id: 'status', indicators: ['A'], classes },
        { id: 'dynamics', indicators: ['B'], classes },
      ],
    });
    const result = computeCompositeIndex(def, [...areas, { area: 'v', values: { pop: 1000, A: 2.5 } }]);
    expect(result.areas[4]).toEqual({
      area: 'v',
      valid: false,
      reasons: [{ code: 'indicator-missing', indicators: ['B'] }],
    });
    expect(valid(result.areas[0]).indices['status'].value).toBeCloseTo(-1.5 / Math.sqrt(1.25), 14);
    expect(Object.keys(valid(result.areas[0]).indices)).toEqual(['status', 'dynamics']);
  });

  it('rejects duplicate areas, fewer than two valid areas and an indicator without variance', () => {
    expect(() => computeCompositeIndex(definition(), [areas[0], areas[0]])).toThrow(
      new IndicatorError('InvalidInput', 'area "w" occurs more than once'),
    );
    expect(() => computeCompositeIndex(definition(), [areas[0]])).toThrow(
      'cannot standardise indicator "A" of index "need": need at least 2 valid areas, got 1',
    );
    const flat = areas.map((a) => ({ area: a.area, values: { ...a.values, B: 7 } }));
    try {
      computeCompositeIndex(definition(), flat);
      throw new Error('expected ZeroVariance');
    } catch (error) {
      expect((error as IndicatorError).code).toBe('ZeroVariance');
      expect((error as Error).message).toBe(
        'cannot standardise indicator "B" of index "need": all 4 valid areas have the same value (7)',
      );
    }
  });
});

describe('classify', () => {
  const berlin = [
    { code: '1', label: 'hoch', upTo: -1, inclusive: false },
    { code: '2', label: 'mittel', upTo: 1, inclusive: true },
    { code: '3', label: 'niedrig', upTo: 1.5, inclusive: true },
    { code: '4', label: 'sehr niedrig' },
  ];
  it.each([
    [-5, '1'],
    [-1.0000000001, '1'],
    [-1, '2'],
    [0, '2'],
    [1, '2'],
    [1.0000000001, '3'],
    [1.5, '3'],
    [1.5000000001, '4'],
    [42, '4'],
  ])('classifies %d as %s on the unrounded value', (value, code) => {
    expect(classify(value, berlin).code).toBe(code);
  });

  it('returns the label and rejects non-finite values', () => {
    expect(classify(0.3, berlin)).toEqual({ code: '2', label: 'mittel' });
    expect(() => classify(Number.NaN, berlin)).toThrow('cannot classify a non-finite value (NaN)');
  });
});
