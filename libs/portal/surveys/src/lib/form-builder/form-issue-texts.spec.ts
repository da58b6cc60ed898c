import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import {
  XLSFORM_ISSUE_TEXTS_DE as DE,
  XLSFORM_ISSUE_TEXTS_EN as EN,
  type SheetIssueView,
  issueSentence,
  sheetIssueLine,
} from './form-issue-texts.ts';

// The model's sentences live in builder-texts (an Angular service); two of them stand in here.
const de = {
  ...DE,
  'issue.name-duplicate': 'Der Name „{name}“ ist schon vergeben.',
  'issue.function-arity': '{name}() erwartet {expected} Angabe(n), erhalten: {got}.',
  'arity.exactly': '{min}',
  'arity.atLeast': 'mindestens {min}',
  'arity.between': '{min} bis {max}',
};
const en = { ...EN, 'issue.name-duplicate': 'The name “{name}” is taken already.' };

const issue = (
  code: string | undefined,
  params?: Record<string, string | number>,
  column: string | null = 'type',
): SheetIssueView => ({
  sheet: 'survey',
  row: 3,
  ...(column === null ? {} : { column }),
  ...(code === undefined ? {} : { code }),
  ...(params === undefined ? {} : { params }),
});

describe('XLSForm upload problems', () => {
  it('says where an error lies in the workbook and words it by its code in German and English', () => {
    assert.equal(
      sheetIssueLine(issue('type-unknown', { type: 'selec_one yesno' }), de),
      'Blatt „survey“, Zeile 3, Spalte „type“: Die Fragenart „selec_one yesno“ ist unbekannt.',
    );
    assert.equal(
      sheetIssueLine(issue('type-unknown', { type: 'selec_one yesno' }), en),
      'Sheet “survey”, row 3, column “type”: Unknown question type “selec_one yesno”.',
    );
    assert.equal(
      sheetIssueLine(issue('column-missing', { column: 'name' }, null), de),
      'Blatt „survey“, Zeile 3: Die Spalte „name“ fehlt.',
    );
    assert.equal(
      sheetIssueLine(issue('end-mismatch', { word: 'repeat', open: 'group', openRow: 9 }), de),
      'Blatt „survey“, Zeile 3, Spalte „type“: „end repeat“ passt nicht zu „begin group“ in Zeile 9.',
    );
  });

  it('names the row a repeated name was first used in', () => {
    assert.equal(
      sheetIssueLine(issue('name-duplicate', { name: 'age', firstRow: 2 }, 'name'), de),
      'Blatt „survey“, Zeile 3, Spalte „name“: Der Name „age“ ist schon vergeben. Erstes Vorkommen: Zeile 2.',
    );
    assert.equal(
      sheetIssueLine(issue('name-duplicate', { name: 'age', firstRow: 2 }, 'name'), en),
      'Sheet “survey”, row 3, column “name”: The name “age” is taken already. First used in row 2.',
    );
  });

  it('words how many arguments a function takes', () => {
    assert.equal(
      issueSentence({ code: 'function-arity', params: { name: 'if', min: 3, max: 3, got: 2 } }, de),
      'if() erwartet 3 Angabe(n), erhalten: 2.',
    );
    assert.equal(
      issueSentence({ code: 'function-arity', params: { name: 'concat', min: 1, max: -1, got: 0 } }, de),
      'concat() erwartet mindestens 1 Angabe(n), erhalten: 0.',
    );
  });

  it('falls back to a general sentence, never the service’s English, for an unknown code or a missing value', () => {
    assert.equal(
      issueSentence({ code: 'something-new', params: {} }, de),
      'Dieser Eintrag enthält einen Fehler.',
    );
    assert.equal(issueSentence({}, en), 'This entry contains an error.');
    assert.equal(issueSentence({ code: 'type-unknown', params: {} }, de), DE['issue.other']);
    assert.equal(issueSentence({ code: 'toString' }, de), DE['issue.other']);
  });

  it('has the same keys and placeholders in both languages', () => {
    assert.deepEqual(dictionaryMismatches(DE, EN), []);
  });
});
