import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codedRefusal } from './coded-reasons.ts';

const TEXTS = {
  'demo.refused': 'Refused.',
  'demo.gone': 'The question {question} is gone.',
  'demo.other': 'Something does not fit.',
} as const;

const refusedWith = (details: unknown) => ({ error: { code: 'DemoRefused', details } });

describe('codedRefusal', () => {
  it('gives the heading, then one reason per listed code with its values', () => {
    const reasons = [{ code: 'gone', params: { question: 'q1', nested: { x: 1 } } }];
    assert.deepEqual(codedRefusal(refusedWith({ reasons }), 'DemoRefused', 'reasons', TEXTS, 'demo'), {
      heading: { key: 'demo.refused', params: {} },
      lines: [{ key: 'demo.gone', params: { question: 'q1' } }],
    });
  });

  it('says the general reason for an unknown code, a missing value, an empty or missing list', () => {
    const lines = (details: unknown) =>
      codedRefusal(refusedWith(details), 'DemoRefused', 'reasons', TEXTS, 'demo')?.lines.map((l) => l.key);
    assert.deepEqual(lines({ reasons: [{ code: 'new' }, { code: 'gone' }] }), ['demo.other', 'demo.other']);
    assert.deepEqual(lines({ reasons: [] }), ['demo.other']);
    assert.deepEqual(lines({ other: ['x'] }), ['demo.other']);
    assert.deepEqual(lines(null), ['demo.other']);
  });

  it('leaves any other error alone', () => {
    assert.equal(codedRefusal(refusedWith({}), 'OtherCode', 'reasons', TEXTS, 'demo'), undefined);
    assert.equal(codedRefusal(new Error('offline'), 'DemoRefused', 'reasons', TEXTS, 'demo'), undefined);
    assert.equal(codedRefusal(null, 'DemoRefused', 'reasons', TEXTS, 'demo'), undefined);
  });

  it('takes only a prefix whose heading and general sentence the dictionary has', () => {
    const partial = { 'demo.refused': 'Refused.', 'demo.gone': 'Gone.' } as const;
    // @ts-expect-error: no 'demo.other' to fall back to
    codedRefusal(null, 'DemoRefused', 'reasons', partial, 'demo');
  });
});
