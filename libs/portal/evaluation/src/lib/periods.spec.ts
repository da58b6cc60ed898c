import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultBaseline, periodProblem, periodsOf, splitPeriods, startPeriodValid } from './periods.ts';

describe('evaluation periods', () => {
  it('splits at the start period: before it is pre, the start itself and later are post', () => {
    assert.deepEqual(splitPeriods(['2018', '2012', '2015', '2014', '2016', '2014'], '2015'), {
      pre: ['2012', '2014'],
      post: ['2015', '2016', '2018'],
    });
  });

  it('splits sub-annual periods in their order in time', () => {
    assert.deepEqual(splitPeriods(['2015Q2', '2014Q4', '2015Q1'], '2015Q1'), {
      pre: ['2014Q4'],
      post: ['2015Q1', '2015Q2'],
    });
  });

  it('splits by dates as the evaluation service does, not by the codes as text', () => {
    // 2024 ends after a start in its second half begins: the service takes it as after.
    assert.deepEqual(splitPeriods(['2022', '2024', '2023'], '2024H2'), {
      pre: ['2022', '2023'],
      post: ['2024'],
    });
    // Week 10 of 2024 begins on 4 March: March is after, and so is every later month.
    assert.deepEqual(splitPeriods(['2024-04', '2024-02', '2024-03', '2023-12'], '2024-W10'), {
      pre: ['2023-12', '2024-02'],
      post: ['2024-03', '2024-04'],
    });
    assert.deepEqual(splitPeriods(['2024-09', '2024-05'], '2024H2'), { pre: ['2024-05'], post: ['2024-09'] });
  });

  it('refuses no valid design over yearly values with a start within a year', () => {
    const split = splitPeriods(['2022', '2023', '2024'], '2024H2');
    assert.equal(periodProblem(split), null);
    assert.equal(defaultBaseline(['2022', '2023', '2024'], '2024H2'), '2023');
  });

  it('leaves out texts that are no period and splits nothing at a start that is none', () => {
    assert.deepEqual(splitPeriods(['2023', 'x', '2025-W53', '2024'], '2024'), {
      pre: ['2023'],
      post: ['2024'],
    });
    assert.deepEqual(splitPeriods(['2023', '2024'], '2025-W53'), { pre: [], post: [] });
  });

  it('collects the periods of the chosen indicators only, sorted and distinct', () => {
    const indicators = [
      { code: 'S1', periods: ['2012', '2014'] },
      { code: 'S3', periods: ['2014', '2016'] },
      { code: 'X', periods: ['1999'] },
    ];
    assert.deepEqual(periodsOf(indicators, ['S3', 'S1']), ['2012', '2014', '2016']);
    assert.deepEqual(periodsOf(indicators, []), []);
    const mixed = [{ code: 'M', periods: ['2024-W10', '2024-04', '2024-02', '2024'] }];
    assert.deepEqual(periodsOf(mixed, ['M']), ['2024', '2024-02', '2024-W10', '2024-04']);
  });

  it('takes the last period before the start as the default matching baseline', () => {
    assert.equal(defaultBaseline(['2012', '2016', '2014'], '2015'), '2014');
    assert.equal(defaultBaseline(['2016', '2018'], '2015'), null);
  });

  it('takes the start periods the evaluation service takes, and no impossible day or week', () => {
    for (const start of [
      '2015',
      '2015H2',
      '2015Q1',
      '2015-03',
      '2020-W53',
      '2024-02-29',
      '2024-04-01/P1Y',
      ' 2015 ',
    ])
      assert.equal(startPeriodValid(start, false), true, start);
    for (const start of ['2015/16', '15', '2025-W53', '2024-02-30', '2023-02-29', 'Frühjahr 2015'])
      assert.equal(startPeriodValid(start, true), false, start);
    assert.equal(startPeriodValid('  ', true), true);
    assert.equal(startPeriodValid('', false), false);
  });

  it('names a design without periods before or after the start', () => {
    assert.equal(periodProblem({ pre: [], post: ['2016'] }), 'no-pre');
    assert.equal(periodProblem({ pre: ['2014'], post: [] }), 'no-post');
    assert.equal(periodProblem({ pre: ['2014'], post: ['2016'] }), null);
  });
});
