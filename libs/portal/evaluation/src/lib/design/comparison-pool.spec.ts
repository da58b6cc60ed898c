import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillPlaceholders, type TranslationParams } from '@quartier/portal-ui/texts';
import { DE } from '../texts-de.ts';
import { EN } from '../texts-en.ts';
import { comparisonPoolText } from './comparison-pool.ts';

describe('comparisonPoolText', () => {
  const de = (key: keyof typeof DE, params?: TranslationParams) => fillPlaceholders(DE[key], params);
  const en = (key: keyof typeof EN, params?: TranslationParams) => fillPlaceholders(EN[key], params);

  it('names the areas of the pool, in the reader’s language', () => {
    const mitte = { areas: [{ name: 'Mitte' }] };
    assert.equal(comparisonPoolText(mitte, de, 'de'), 'Vergleichsgebiete gesucht in: Mitte');
    assert.equal(comparisonPoolText(mitte, en, 'en'), 'Comparison areas searched in: Mitte');
    const two = { areas: [{ name: 'Mitte' }, { name: 'Pankow' }] };
    assert.equal(comparisonPoolText(two, de, 'de'), 'Vergleichsgebiete gesucht in: Mitte und Pankow');
    assert.equal(comparisonPoolText(two, en, 'en'), 'Comparison areas searched in: Mitte and Pankow');
  });

  it('says city-wide without a pool', () => {
    assert.equal(comparisonPoolText(null, de, 'de'), 'Vergleichsgebiete gesucht in: ganze Stadt');
    assert.equal(comparisonPoolText(null, en, 'en'), 'Comparison areas searched in: the whole city');
  });
});
