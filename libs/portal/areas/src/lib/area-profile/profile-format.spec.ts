import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatChange, formatValue } from './profile-format.ts';

const de = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 2 });

describe('area profile numbers', () => {
  it('writes the unit readers expect after the number, and none for counts and index values', () => {
    assert.equal(formatValue(4.9712, '%', de), '4,97 %');
    assert.equal(formatValue(12, '‰', de), '12 ‰');
    assert.equal(formatValue(383457, 'count', de), '383.457');
    assert.equal(formatValue(-0.5, 'index', de), '-0,5');
    assert.equal(formatValue(42, 'years', de, 'Jahre'), '42 Jahre');
  });

  it('signs a change: minus for falls, plus for rises, ± for none', () => {
    assert.equal(formatChange(-1.25, '%', de), '−1,25 %');
    assert.equal(formatChange(3, 'count', de), '+3');
    assert.equal(formatChange(0, '%', de), '± 0 %');
  });
});
