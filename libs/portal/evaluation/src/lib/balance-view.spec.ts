import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { balanceSummary, balanceVerdict } from './balance-view.ts';

describe('balance table reading', () => {
  it('grades standardised mean differences by their size, whatever the sign', () => {
    assert.deepEqual([0, 0.0999, -0.0999, 0.1, -0.25, 0.2501, -3].map(balanceVerdict), [
      'good',
      'good',
      'good',
      'tolerable',
      'tolerable',
      'poor',
      'poor',
    ]);
  });

  it('cannot grade a missing or infinite SMD', () => {
    assert.equal(balanceVerdict(null), 'unknown');
    assert.equal(balanceVerdict(Number.POSITIVE_INFINITY), 'unknown');
  });

  it('counts well balanced indicators before and after matching and names those that got worse', () => {
    const rows = [
      { indicator: 'S1', before: { smd: 1.4 }, after: { smd: 0.05 } },
      { indicator: 'S3', before: { smd: 0.08 }, after: { smd: -0.3 } },
      { indicator: 'S4', before: { smd: null }, after: { smd: 0.01 } },
    ];
    assert.deepEqual(balanceSummary(rows), { indicators: 3, goodBefore: 1, goodAfter: 2, worse: ['S3'] });
  });
});
