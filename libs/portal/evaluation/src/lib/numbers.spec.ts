import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatP, formatSigned, isFailure, shortHash, succeeded } from './numbers.ts';

describe('reading evaluation numbers', () => {
  it('tells a failure from a result', () => {
    assert.equal(isFailure({ error: { code: 'TooFewAreas', message: 'x' } }), true);
    assert.equal(isFailure({ estimate: 1 }), false);
    assert.equal(isFailure(null), false);
  });

  it('keeps the numbers of a result and drops a failure', () => {
    const result = { estimate: 1 };
    assert.equal(succeeded(result), result);
    assert.equal(succeeded({ error: { code: 'TooFewAreas', message: 'x' } }), null);
    assert.equal(succeeded(null), null);
    assert.equal(succeeded(undefined), null);
  });

  it('writes p-values with three decimals and small ones as below a thousandth', () => {
    assert.equal(formatP(0.04321, 'en-GB'), '0.043');
    assert.equal(formatP(0.04321, 'de-DE'), '0,043');
    assert.equal(formatP(0.0004, 'de-DE'), '< 0,001');
    assert.equal(formatP(null, 'de-DE'), '–');
  });

  it('writes signed numbers with a typographic minus and no sign on zero', () => {
    assert.equal(formatSigned(-1.234, 'de-DE'), '\u22121,23');
    assert.equal(formatSigned(0.5, 'en-GB'), '+0.50');
    assert.equal(formatSigned(-0.001, 'en-GB'), '0.00');
    assert.equal(formatSigned(null, 'en-GB'), '–');
  });

  it('shortens a hash to three groups of four hex digits', () => {
    assert.equal(shortHash('0123456789abcdef' + '0'.repeat(48)), '0123 4567 89ab');
  });
});
