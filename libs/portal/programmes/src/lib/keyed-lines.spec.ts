import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyedLines, parseKeyedLines } from './keyed-lines.ts';

describe('keyed lines', () => {
  it('reads key = label lines and skips blank ones', () => {
    assert.deepEqual(parseKeyedLines('projektfonds = Projektfonds\n\n Aktionsfonds=Aktionsfonds (QM) '), {
      items: [
        { key: 'projektfonds', label: 'Projektfonds' },
        { key: 'aktionsfonds', label: 'Aktionsfonds (QM)' },
      ],
    });
  });

  it('names the first bad line: bad key, no label, duplicate', () => {
    assert.deepEqual(parseKeyedLines('ok = OK\nnicht ok = X'), { badLine: 2 });
    assert.deepEqual(parseKeyedLines('a = A\nb ='), { badLine: 2 });
    assert.deepEqual(parseKeyedLines('a = A\na = B'), { badLine: 2 });
  });

  it('refuses a label longer than the programme service’s 200 characters, and takes one of 200', () => {
    assert.deepEqual(parseKeyedLines(`a = A\nb = ${'x'.repeat(201)}`), { badLine: 2 });
    assert.deepEqual(parseKeyedLines(`b = ${'x'.repeat(200)}`), {
      items: [{ key: 'b', label: 'x'.repeat(200) }],
    });
  });

  it('writes what it reads', () => {
    const items = [{ key: 'bildung', label: 'Bildung' }];
    assert.deepEqual(parseKeyedLines(keyedLines(items)), { items });
  });
});
