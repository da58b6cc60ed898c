import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codedTextKey, dictionaryMismatches, placeholders } from './coded-texts.ts';

const TEXTS = {
  'problem.NoWave': 'Die Befragung hat noch keine Welle.',
  'problem.MissingColumns': 'Es fehlen die Spalten {columns} (in {file}).',
  'problem.other': 'Die Datei enthält einen Fehler.',
} as const;

describe('placeholders', () => {
  it('names the placeholders of a text in their order, repeats included', () => {
    assert.deepEqual(placeholders('{b} und {a}, wieder {b}'), ['b', 'a', 'b']);
    assert.deepEqual(placeholders('ohne Platzhalter, {nicht vollständig'), []);
  });
});

describe('codedTextKey', () => {
  it('keeps a known key whose placeholders all have values', () => {
    assert.equal(codedTextKey(TEXTS, 'problem.NoWave', {}, 'problem.other'), 'problem.NoWave');
    assert.equal(
      codedTextKey(TEXTS, 'problem.MissingColumns', { columns: 'id', file: 'a.csv' }, 'problem.other'),
      'problem.MissingColumns',
    );
    assert.equal(
      codedTextKey(TEXTS, 'problem.MissingColumns', { columns: '', file: 0 }, 'problem.other'),
      'problem.MissingColumns',
      'an empty text and a 0 are values',
    );
  });

  it('falls back for a key the dictionary does not have, also one of its prototype', () => {
    assert.equal(codedTextKey(TEXTS, 'problem.SomethingNew', {}, 'problem.other'), 'problem.other');
    assert.equal(codedTextKey(TEXTS, 'problem.', {}, 'problem.other'), 'problem.other');
    assert.equal(codedTextKey(TEXTS, 'toString', {}, 'problem.other'), 'problem.other');
  });

  it('falls back when a placeholder has no value', () => {
    assert.equal(
      codedTextKey(TEXTS, 'problem.MissingColumns', { columns: 'id' }, 'problem.other'),
      'problem.other',
    );
  });
});

describe('dictionaryMismatches', () => {
  it('finds nothing in dictionaries that match, placeholders in any order', () => {
    assert.deepEqual(dictionaryMismatches({ a: '{x} von {y}', b: 'B' }, { a: '{y} of {x}', b: 'B' }), []);
  });

  it('names keys of one language only, empty texts and differing placeholders', () => {
    assert.deepEqual(
      dictionaryMismatches(
        { onlyDe: 'a', empty: ' ', lost: '{count} Gebiete in {level}', same: '{n}' },
        { onlyEn: 'b', empty: 'E', lost: '{count} areas', same: '{n}' },
      ),
      [
        'onlyDe: no English text',
        'onlyEn: no German text',
        'empty: empty in de',
        'lost: placeholders count level (de), count (en)',
      ],
    );
  });
});
