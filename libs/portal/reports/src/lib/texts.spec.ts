import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholders } from '@quartier/portal-ui/texts';
import { DE } from './texts-de.ts';
import { EN } from './texts-en.ts';

describe('reports texts', () => {
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

  it('names every status, format and report type the service answers', () => {
    for (const status of ['queued', 'running', 'done', 'failed', 'cancelled'])
      assert.ok(`status.${status}` in DE);
    for (const format of ['pdf', 'docx', 'xlsx', 'csv']) assert.ok(`format.${format}` in DE);
    for (const type of ['area-profile', 'monitoring', 'programme', 'evaluation'])
      assert.ok(`type.${type}` in DE);
  });
});
