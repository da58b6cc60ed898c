import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePopulation } from './population-input.ts';

describe('parsePopulation', () => {
  it('reads an empty field as "not recorded"', () => {
    assert.deepEqual(parsePopulation(''), { ok: true, value: null });
    assert.deepEqual(parsePopulation('   '), { ok: true, value: null });
  });

  it('reads plain and grouped whole numbers', () => {
    assert.deepEqual(parsePopulation('0'), { ok: true, value: 0 });
    assert.deepEqual(parsePopulation('384172'), { ok: true, value: 384172 });
    assert.deepEqual(parsePopulation('384.172'), { ok: true, value: 384172 });
    assert.deepEqual(parsePopulation('384,172'), { ok: true, value: 384172 });
    assert.deepEqual(parsePopulation(' 3 669 491 '), { ok: true, value: 3669491 });
    assert.deepEqual(parsePopulation('3\u202f669\u202f491'), { ok: true, value: 3669491 });
  });

  it('rejects fractions, negatives, text and malformed grouping', () => {
    for (const input of [
      '12,5',
      '1.5',
      '-3',
      'abc',
      '12a',
      '1.23',
      '1234.567',
      '1.2345',
      '1e5',
      '99999999999999999999',
    ]) {
      assert.deepEqual(parsePopulation(input), { ok: false }, input);
    }
  });
});
