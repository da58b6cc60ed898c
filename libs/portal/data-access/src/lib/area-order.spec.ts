import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byAreaCode } from './area-order.ts';

describe('byAreaCode', () => {
  it('orders areas by code, numbers within a code by their value', () => {
    const codes = ['10', '2', '1.10', '1.9', 'b', 'A', '01100101'].map((code) => ({ code }));
    assert.deepEqual(
      [...codes].sort(byAreaCode).map((a) => a.code),
      ['1.9', '1.10', '2', '10', '01100101', 'A', 'b'],
    );
  });
});
