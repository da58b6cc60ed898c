import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import {
  IMPORT_FORMAT_KEYS,
  IMPORT_FORMAT_TEXTS_DE,
  IMPORT_FORMAT_TEXTS_EN,
  IMPORT_FORMATS,
} from './import-formats.ts';

describe('import formats', () => {
  it('offers the formats the indicator service imports, in the wizard’s order', () => {
    assert.deepEqual(IMPORT_FORMATS, ['csv', 'xlsx', 'sdmx-csv', 'json-stat', 'dhis2']);
  });

  it('names every format in German and English, CSV’s two layouts in the reader’s language', () => {
    assert.deepEqual(dictionaryMismatches(IMPORT_FORMAT_TEXTS_DE, IMPORT_FORMAT_TEXTS_EN), []);
    for (const format of IMPORT_FORMATS) assert.ok(IMPORT_FORMAT_TEXTS_EN[IMPORT_FORMAT_KEYS[format]]);
    assert.equal(IMPORT_FORMAT_TEXTS_DE['format.csv'], 'CSV (lang oder breit)');
    assert.equal(IMPORT_FORMAT_TEXTS_EN['format.csv'], 'CSV (long or wide)');
  });
});
