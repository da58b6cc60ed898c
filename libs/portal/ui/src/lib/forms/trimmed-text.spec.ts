import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trimmedText } from './trimmed-text.ts';

const check = (value: unknown, max?: number) => trimmedText({ max })({ value } as never);

describe('trimmedText', () => {
  it('refuses blank text as missing, as the services do once they trim it', () => {
    for (const value of ['', '   ', '\t\n', null])
      assert.deepEqual(check(value), { required: true }, String(value));
    assert.equal(check(' Mitte '), null);
  });

  it('counts the length of the trimmed text', () => {
    assert.equal(check(` ${'x'.repeat(200)} `, 200), null);
    assert.deepEqual(check('x'.repeat(201), 200), { maxlength: { requiredLength: 200, actualLength: 201 } });
  });
});
