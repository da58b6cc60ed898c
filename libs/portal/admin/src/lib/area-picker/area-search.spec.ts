import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areaSearchText } from './area-search.ts';

describe('areaSearchText', () => {
  it('searches from one character on, as the registry takes ?q= (a district code digit, a letter)', () => {
    assert.equal(areaSearchText('1'), '1');
    assert.equal(areaSearchText(' M '), 'M');
    assert.equal(areaSearchText('Mitte'), 'Mitte');
    assert.equal(areaSearchText('x'.repeat(100)), 'x'.repeat(100));
  });

  it('sends nothing the registry would refuse: blanks only, or more than 100 characters', () => {
    assert.equal(areaSearchText(''), null);
    assert.equal(areaSearchText('   '), null);
    assert.equal(areaSearchText('x'.repeat(101)), null);
  });
});
