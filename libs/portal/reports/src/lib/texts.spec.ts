import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import { DE } from './texts-de.ts';
import { EN } from './texts-en.ts';

describe('reports texts', () => {
  it('has an English text for every German one and no other, none empty, with the same placeholders', () => {
    assert.deepEqual(dictionaryMismatches(DE, EN), []);
  });

  it('names every status, format and report type the service answers', () => {
    for (const status of ['queued', 'running', 'done', 'failed', 'cancelled'])
      assert.ok(`status.${status}` in DE);
    for (const format of ['pdf', 'docx', 'xlsx', 'csv']) assert.ok(`format.${format}` in DE);
    for (const type of ['area-profile', 'monitoring', 'programme', 'evaluation'])
      assert.ok(`type.${type}` in DE);
  });
});
