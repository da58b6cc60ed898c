import {
  adjustComparisonSet,
  comparisonAreas,
  comparisonWeights,
  designGroups,
  type ComparisonAdjustment,
  type ComparisonSet,
} from './comparison-set';
import { EvaluationError } from './evaluation-error';

const AT = '2026-03-02T10:00:00.000Z';
const SET: ComparisonSet = {
  treated: ['T1', 'T2'],
  matched: [
    { treated: 'T1', rank: 1, comparison: 'B', distance: 0.5 },
    { treated: 'T2', rank: 1, comparison: 'B', distance: 0.7 },
    { treated: 'T2', rank: 2, comparison: 'A', distance: 0.9 },
  ],
  adjustments: [],
};
const change = (
  action: 'drop' | 'add',
  area: string,
  reason = 'Sanierungsgebiet seit 2016',
): ComparisonAdjustment => ({
  action,
  area,
  reason,
  by: 'evaluator',
  at: AT,
});

function errorOf(run: () => unknown): EvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error('expected an EvaluationError');
}

describe('comparison set', () => {
  it('starts from the matched areas weighted by multiplicity', () => {
    expect(comparisonAreas(SET)).toEqual([
      { area: 'A', weight: 1, origin: 'matched' },
      { area: 'B', weight: 2, origin: 'matched' },
    ]);
  });

  it('records drops and additions with reason, author and time, without changing the input', () => {
    const dropped = adjustComparisonSet(SET, change('drop', 'B', '  has its own programme since 2016 '));
    const added = adjustComparisonSet(dropped, change('add', 'C'));
    expect(SET.adjustments).toEqual([]);
    expect(added.adjustments).toEqual([
      { action: 'drop', area: 'B', reason: 'has its own programme since 2016', by: 'evaluator', at: AT },
      { action: 'add', area: 'C', reason: 'Sanierungsgebiet seit 2016', by: 'evaluator', at: AT },
    ]);
    expect(comparisonAreas(added)).toEqual([
      { area: 'A', weight: 1, origin: 'matched' },
      { area: 'C', weight: 1, origin: 'added' },
    ]);
    expect([...comparisonWeights(added)]).toEqual([
      ['A', 1],
      ['C', 1],
    ]);
    expect([...designGroups(added)]).toEqual([
      ['T1', 'treated'],
      ['T2', 'treated'],
      ['A', 'comparison'],
      ['C', 'comparison'],
    ]);
    // A dropped area may come back (as an addition of weight 1).
    expect(comparisonAreas(adjustComparisonSet(added, change('add', 'B'))).map((a) => a.area)).toEqual([
      'A',
      'C',
      'B',
    ]);
  });

  it('refuses an adjustment without a reason, author or valid time', () => {
    expect(errorOf(() => adjustComparisonSet(SET, change('drop', 'A', '   '))).details).toMatchObject({
      field: 'reason',
    });
    expect(errorOf(() => adjustComparisonSet(SET, { ...change('drop', 'A'), by: '' })).details).toMatchObject(
      { field: 'by' },
    );
    expect(
      errorOf(() => adjustComparisonSet(SET, { ...change('drop', 'A'), at: 'yesterday' })).details,
    ).toMatchObject({
      field: 'at',
    });
  });

  it('refuses to drop an area that is not in the set, to add one twice or to add a treated area', () => {
    expect(errorOf(() => adjustComparisonSet(SET, change('drop', 'Z'))).message).toBe(
      'area "Z" is not a comparison area, so it cannot be dropped',
    );
    expect(errorOf(() => adjustComparisonSet(SET, change('add', 'A'))).code).toBe('InvalidAdjustment');
    expect(errorOf(() => adjustComparisonSet(SET, change('add', 'T1'))).message).toBe(
      'area "T1" is a treated area and cannot also be a comparison area',
    );
  });
});

describe('comparison set without matching', () => {
  it('takes directly chosen areas with weight 1, after matched ones, and lets them be dropped', () => {
    const set: ComparisonSet = { ...SET, chosen: ['Q', 'B'], adjustments: [] };
    expect(comparisonAreas(set)).toEqual([
      { area: 'A', weight: 1, origin: 'matched' },
      { area: 'B', weight: 2, origin: 'matched' },
      { area: 'Q', weight: 1, origin: 'chosen' },
    ]);
    expect(comparisonAreas(adjustComparisonSet(set, change('drop', 'Q'))).map((a) => a.area)).toEqual([
      'A',
      'B',
    ]);
  });
});
