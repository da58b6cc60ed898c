import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchingProblem } from './matching.ts';

describe('matchingProblem', () => {
  it('takes matching as the evaluation service does: 1 to 20 indicators, 1 to 10 neighbours', () => {
    assert.equal(matchingProblem(['S1'], 1), null);
    assert.equal(matchingProblem(['S1', 'S3'], 10), null);
    assert.equal(matchingProblem(['S1'], '3'), null);
    assert.equal(
      matchingProblem(
        Array.from({ length: 20 }, (_, i) => `S${i}`),
        2,
      ),
      null,
    );
  });

  it('names what the service would refuse', () => {
    assert.equal(matchingProblem([], 1), 'no-indicator');
    assert.equal(
      matchingProblem(
        Array.from({ length: 21 }, (_, i) => `S${i}`),
        1,
      ),
      'too-many-indicators',
    );
    for (const k of [0, 11, 2.5, null, ''])
      assert.equal(matchingProblem(['S1'], k), 'bad-neighbours', String(k));
  });
});
