import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import {
  IMPORT_ISSUE_TEXTS_DE as DE,
  IMPORT_ISSUE_TEXTS_EN as EN,
  SHOWN_IMPORT_ISSUES,
  importIssueLine,
  importIssueLines,
} from './import-issue-texts.ts';

// Rows as the survey service reports them in a refused import's `details.issues`.
const refused = [
  { row: 1, column: 'hobby', code: 'column-unknown', params: { column: 'hobby' }, reason: '…' },
  { row: 3, column: 'alter', code: 'expected-integer', params: { got: '"abc"' }, reason: '…' },
  {
    row: 4,
    column: 'sicher',
    code: 'choice-unknown',
    params: { value: '9', list: 'zustimmung' },
    reason: '"9" is not an option of list "zustimmung"',
  },
  { row: 5, column: 'gebiet', code: 'area-required', params: {}, reason: '…' },
  { row: 2, code: 'no-responses', params: {}, reason: '…' },
];

describe('paper import problems', () => {
  it('says where each problem lies and words it by its code in German and English, never the English reason', () => {
    assert.deepEqual(importIssueLines(refused, DE), [
      'Zeile 1, Spalte „hobby“: „hobby“ ist keine Frage dieses Fragebogens.',
      'Zeile 3, Spalte „alter“: Erwartet wird eine ganze Zahl, nicht "abc".',
      'Zeile 4, Spalte „sicher“: „9“ ist keine Antwort der Auswahlliste „zustimmung“.',
      'Zeile 5, Spalte „gebiet“: Das Wohngebiet fehlt; jede Antwort braucht ein Gebiet.',
      'Zeile 2: Unter der Kopfzeile stehen keine Antworten.',
    ]);
    assert.deepEqual(importIssueLines(refused.slice(1, 3), EN), [
      'Row 3, column “alter”: Expected a whole number, not "abc".',
      'Row 4, column “sicher”: “9” is not an answer of choice list “zustimmung”.',
    ]);
  });

  it('shows the form’s own message as it is written', () => {
    const custom = {
      row: 7,
      column: 'alter',
      code: 'form-message',
      params: { message: 'Bitte 14 bis 120.' },
    };
    assert.equal(importIssueLine(custom, EN), 'Row 7, column “alter”: Bitte 14 bis 120.');
  });

  it('falls back to a general sentence for an unknown code or a missing value', () => {
    assert.equal(
      importIssueLine({ row: 3, code: 'something-new', params: {} }, DE),
      'Zeile 3: Hier steht ein Fehler.',
    );
    assert.equal(
      importIssueLine({ row: 3, code: 'choice-unknown', params: { value: '9' } }, DE),
      'Zeile 3: Hier steht ein Fehler.',
    );
    assert.equal(importIssueLine({ code: 'toString' }, EN), 'There is an error here.');
  });

  it('shows the first problems and counts the rest', () => {
    const many = Array.from({ length: SHOWN_IMPORT_ISSUES + 3 }, (_, i) => ({
      row: i + 2,
      code: 'required',
      params: {},
    }));
    const lines = importIssueLines(many, DE);
    assert.equal(lines.length, SHOWN_IMPORT_ISSUES + 1);
    assert.equal(lines.at(-1), '… und 3 weitere.');
  });

  it('has a German and an English sentence for every code, with the same placeholders', () => {
    // The German dictionary is typed by the service's codes (the typecheck fails on a missing one).
    assert.deepEqual(dictionaryMismatches(DE, EN), []);
    for (const key of Object.keys(DE)) assert.ok(EN[key as keyof typeof EN].trim() !== '', key);
  });
});
