import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches, fillPlaceholders } from '@quartier/portal-ui/texts';
import {
  IMPORT_ISSUE_TEXTS_DE,
  IMPORT_ISSUE_TEXTS_EN,
  importIssueText,
  type ImportIssueView,
} from './import-issues.ts';

/** The sentence as the import shows it: the key's text with its placeholders filled. */
function sentence(issue: ImportIssueView, language: 'de' | 'en'): string {
  const { key, params } = importIssueText(issue);
  const texts = language === 'de' ? IMPORT_ISSUE_TEXTS_DE : IMPORT_ISSUE_TEXTS_EN;
  return fillPlaceholders(texts[key], params);
}

const issue = (code: string | undefined, params?: Record<string, string | number>): ImportIssueView => ({
  file: 'akteure.csv',
  line: 6,
  ...(code === undefined ? {} : { code }),
  ...(params === undefined ? {} : { params }),
  message: 'sector "kirche" is not one of public, welfare, civil, business, education, health, other',
});

describe('network import problems', () => {
  it('words a problem by its code in German and English with the value it names, never the service’s message', () => {
    assert.equal(
      sentence(issue('InvalidSector', { value: 'kirche' }), 'de'),
      'Den Sektor „kirche“ gibt es nicht.',
    );
    assert.equal(sentence(issue('InvalidSector', { value: 'kirche' }), 'en'), 'There is no sector “kirche”.');
    assert.equal(
      sentence(issue('UnknownActor', { id: 'zz' }), 'de'),
      'Die Beziehung nennt den unbekannten Akteur „zz“ (weder in der Datei noch im Netzwerk).',
    );
    assert.equal(
      sentence(issue('InvalidWeight', { value: '-1' }), 'de'),
      'Das Gewicht „-1“ ist keine positive Zahl (Dezimalpunkt, ohne Einheit).',
    );
    assert.equal(
      sentence(issue('NotBoolean', { column: 'directed', value: 'vielleicht' }), 'en'),
      'Column “directed”: “vielleicht” is neither true nor false.',
    );
    assert.equal(
      sentence(issue('ParallelTie', { source: 'a', target: 'b' }), 'de'),
      'Die Beziehung a–b wiederholt eine frühere Zeile.',
    );
    assert.doesNotMatch(sentence(issue('InvalidSector', { value: 'kirche' }), 'de'), /is not one of/);
  });

  it('says so when a column header itself holds unstorable characters', () => {
    assert.equal(
      importIssueText(issue('UnstorableText', { column: 'name' })).key,
      'importIssue.UnstorableText',
    );
    assert.equal(importIssueText(issue('UnstorableText', {})).key, 'importIssue.UnstorableHeader');
  });

  it('falls back to a general sentence for an unknown code, no code, or a value the sentence lacks', () => {
    assert.equal(sentence(issue('SomethingNew', { value: 'x' }), 'de'), 'Diese Zeile enthält einen Fehler.');
    assert.equal(sentence(issue(undefined), 'en'), 'This row contains an error.');
    // A sentence never shows an unfilled {placeholder}.
    assert.equal(sentence(issue('InvalidSector', {}), 'de'), 'Diese Zeile enthält einen Fehler.');
    assert.equal(sentence(issue('toString', {}), 'de'), 'Diese Zeile enthält einen Fehler.');
  });

  it('has the same keys and placeholders in both languages', () => {
    assert.deepEqual(dictionaryMismatches(IMPORT_ISSUE_TEXTS_DE, IMPORT_ISSUE_TEXTS_EN), []);
  });
});
