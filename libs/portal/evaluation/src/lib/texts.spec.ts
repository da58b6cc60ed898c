import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import { DE } from './texts-de.ts';
import { EN } from './texts-en.ts';

describe('evaluation texts', () => {
  it('has an English text for every German one and no other, none empty, with the same placeholders', () => {
    assert.deepEqual(dictionaryMismatches(DE, EN), []);
  });
});
