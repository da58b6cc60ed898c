import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholders } from '@quartier/portal-ui/texts';
import { DE } from './texts-de.ts';
import { EN } from './texts-en.ts';

describe('evaluation texts', () => {
  it('has an English text for every German one and no other', () => {
    assert.deepEqual(Object.keys(EN).sort(), Object.keys(DE).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(DE) as (keyof typeof DE)[])
      assert.deepEqual(placeholders(EN[key]).sort(), placeholders(DE[key]).sort(), key);
  });

  it('has no empty text', () => {
    for (const [key, text] of [...Object.entries(DE), ...Object.entries(EN)])
      assert.ok(text.trim() !== '', key);
  });
});
