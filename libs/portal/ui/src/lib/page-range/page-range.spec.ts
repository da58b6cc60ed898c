import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageRange } from './page-range.ts';

describe('pageRange', () => {
  it('numbers a page of the list from 1, and not at all when it is empty', () => {
    assert.deepEqual(pageRange(0, 20, 45), { from: 1, to: 20 });
    assert.deepEqual(pageRange(40, 5, 45), { from: 41, to: 45 });
    assert.equal(pageRange(0, 0, 0), null);
    assert.equal(pageRange(50, 0, 45), null);
  });
});
