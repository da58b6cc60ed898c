import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultBaseline, periodProblem, periodsOf, splitPeriods } from './periods.ts';

describe('evaluation periods', () => {
  it('splits at the start period: before it is pre, the start itself and later are post', () => {
    assert.deepEqual(splitPeriods(['2018', '2012', '2015', '2014', '2016', '2014'], '2015'), {
      pre: ['2012', '2014'],
      post: ['2015', '2016', '2018'],
    });
  });

  it('splits sub-annual periods by their chronological string order', () => {
    assert.deepEqual(splitPeriods(['2015Q2', '2014Q4', '2015Q1'], '2015Q1'), {
      pre: ['2014Q4'],
      post: ['2015Q1', '2015Q2'],
    });
  });

  it('collects the periods of the chosen indicators only, sorted and distinct', () => {
    const indicators = [
      { code: 'S1', periods: ['2012', '2014'] },
      { code: 'S3', periods: ['2014', '2016'] },
      { code: 'X', periods: ['1999'] },
    ];
    assert.deepEqual(periodsOf(indicators, ['S3', 'S1']), ['2012', '2014', '2016']);
    assert.deepEqual(periodsOf(indicators, []), []);
  });

  it('takes the last period before the start as the default matching baseline', () => {
    assert.equal(defaultBaseline(['2012', '2016', '2014'], '2015'), '2014');
    assert.equal(defaultBaseline(['2016', '2018'], '2015'), null);
  });

  it('names a design without periods before or after the start', () => {
    assert.equal(periodProblem({ pre: [], post: ['2016'] }), 'no-pre');
    assert.equal(periodProblem({ pre: ['2014'], post: [] }), 'no-post');
    assert.equal(periodProblem({ pre: ['2014'], post: ['2016'] }), null);
  });
});
