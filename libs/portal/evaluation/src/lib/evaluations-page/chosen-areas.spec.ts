import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chosenAreasProblem } from './chosen-areas.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `area-${i}`);

describe('chosenAreasProblem', () => {
  it('takes 1 to 500 areas, as the evaluation service does', () => {
    assert.equal(chosenAreasProblem(ids(1)), null);
    assert.equal(chosenAreasProblem(ids(500)), null);
  });

  it('names no area and more areas than the service takes (all of Berlin’s 542 planning areas)', () => {
    assert.equal(chosenAreasProblem([]), 'none');
    assert.equal(chosenAreasProblem(ids(501)), 'too-many');
    assert.equal(chosenAreasProblem(ids(542)), 'too-many');
  });
});
