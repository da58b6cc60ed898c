import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overCommitmentCells } from './over-commitment.ts';

describe('over-commitment details', () => {
  it('reads every over-committed cell', () => {
    assert.deepEqual(
      overCommitmentCells({
        code: 'OverCommitment',
        details: {
          lines: ['projektfonds'],
          years: [2026],
          budgets: [100],
          commitments: [150],
          excesses: [50],
        },
      }),
      [{ line: 'projektfonds', year: 2026, budget: 100, committed: 150, excess: 50 }],
    );
  });

  it('answers null for other errors', () => {
    assert.equal(overCommitmentCells({ code: 'InvalidMeasure', details: {} }), null);
    assert.equal(overCommitmentCells({ code: 'OverCommitment', details: null }), null);
  });
});
