import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches, fillPlaceholders } from '@quartier/portal-ui/texts';
import { ROW_ERROR_TEXTS_DE, ROW_ERROR_TEXTS_EN, rowErrorText, type RowErrorView } from './row-errors.ts';

/** The sentence as the wizard shows it: the key's text with its placeholders filled. */
function sentence(error: RowErrorView, language: 'de' | 'en'): string {
  const { key, params } = rowErrorText(error);
  const texts = language === 'de' ? ROW_ERROR_TEXTS_DE : ROW_ERROR_TEXTS_EN;
  return fillPlaceholders(texts[key], params);
}

const row = (reason: string, column = 'value', line = 3): RowErrorView => ({
  line,
  column,
  reason,
  message: `"drei" is not a number`,
});

describe('value import row errors', () => {
  it('says what a bad row’s reason means in German and English, naming its column, never the service’s message', () => {
    assert.equal(sentence(row('non-numeric'), 'de'), 'Spalte „value“: Das ist keine Zahl.');
    assert.equal(sentence(row('non-numeric'), 'en'), 'Column “value”: this is not a number.');
    assert.equal(
      sentence(row('unknown-area', 'area'), 'de'),
      'Spalte „area“: Den Gebietsschlüssel gibt es nicht, oder er fehlt.',
    );
    assert.equal(
      sentence(row('negative-count', 'numerator'), 'de'),
      'Spalte „numerator“: Eine Fallzahl darf nicht negativ sein.',
    );
    for (const reason of ['unknown-area', 'unknown-indicator', 'bad-period', 'non-numeric', 'negative-count'])
      for (const language of ['de', 'en'] as const) {
        const text = sentence(row(reason, 'S1'), language);
        assert.match(text, /S1/, `${reason} ${language}`);
        assert.doesNotMatch(text, /drei/, `${reason} ${language}`);
      }
  });

  it('tells a duplicate row, an unreadable row and an unreadable file apart', () => {
    assert.equal(rowErrorText(row('duplicate')).key, 'rowError.duplicate');
    assert.equal(rowErrorText(row('malformed', '', 12)).key, 'rowError.malformed');
    // A problem of the file as a whole comes as line 0 without a column.
    assert.equal(rowErrorText(row('malformed', '', 0)).key, 'rowError.malformedFile');
    assert.equal(
      sentence(row('malformed', '', 0), 'de'),
      'Die Datei ist so nicht lesbar (Kopfzeile, Aufbau oder Zuordnung der Dimensionen).',
    );
  });

  it('falls back to a general sentence for a reason the portal does not know or one without a column', () => {
    assert.equal(sentence(row('too-early'), 'de'), 'Die Zeile enthält einen Fehler.');
    assert.equal(sentence(row('too-early'), 'en'), 'The row contains an error.');
    assert.equal(rowErrorText(row('non-numeric', '')).key, 'rowError.other');
  });

  it('has the same keys and placeholders in both languages', () => {
    assert.deepEqual(dictionaryMismatches(ROW_ERROR_TEXTS_DE, ROW_ERROR_TEXTS_EN), []);
  });
});
