// pyxform's header, language and type rules, as the XLSForm import follows them.
import { formatFormIssue } from '../errors';
import { type Form, type Group, type Question, formQuestions } from '../model';
import type { XlsFormTables } from './export';
import { type ImportResult, formFromSheets, parseQuestionType } from './import';
import { sheetFromRows } from './sheets';

function fromTables(tables: Partial<XlsFormTables>, fallbackFormId?: string): ImportResult {
  return formFromSheets(
    {
      survey: tables.survey ? sheetFromRows(tables.survey) : undefined,
      choices: tables.choices ? sheetFromRows(tables.choices) : undefined,
      settings: tables.settings ? sheetFromRows(tables.settings) : undefined,
    },
    { fallbackFormId },
  );
}

function formOf(result: ImportResult): Form {
  if (!result.ok) throw new Error(result.issues.map(formatFormIssue).join('\n'));
  return result.form;
}

function errorsOf(result: ImportResult): string[] {
  if (result.ok) throw new Error('expected the form to be invalid');
  return result.issues.map(formatFormIssue);
}

function question(form: Form, name: string): Question {
  const found = formQuestions(form).find((q) => q.question.name === name);
  if (!found) throw new Error(`no question ${name}`);
  return found.question;
}

describe('XLSForm columns and types as pyxform reads them', () => {
  it('reads bind:/control: columns as pyxform does, with single colons only where no :: is used', () => {
    const single = formOf(
      fromTables(
        {
          survey: [
            [
              'type',
              'name',
              'label:English',
              'bind:relevant',
              'bind:constraint',
              'bind:jr:constraintMsg:English',
              'jr:count',
            ],
            ['integer', 'n', 'How many?', '', '. > 0', 'Positive, please'],
            ['begin repeat', 'r', 'Each', '${n} > 1', '', '', '${n}'],
            ['text', 't', 'Name'],
            ['end repeat'],
          ],
        },
        'single',
      ),
    );
    expect(single.settings.defaultLanguage).toBe('English');
    expect(question(single, 'n')).toMatchObject({
      label: { English: 'How many?' },
      constraint: '. > 0',
      constraintMessage: { English: 'Positive, please' },
      extra: {},
    });
    const repeat = single.children[1] as Group;
    expect(repeat).toMatchObject({ relevant: '${n} > 1', repeatCount: '${n}', extra: {} });

    const double = formOf(
      fromTables(
        {
          survey: [
            [
              'type',
              'name',
              'label::de',
              'bind::relevant',
              'bind:required',
              'control::appearance',
              'bind::jr:preload',
              'note:x',
            ],
            ['text', 'a', 'A', '', '', '', '', ''],
            ['text', 'b', 'B', "${a} != ''", 'yes', 'multiline', 'uid', 'kept'],
          ],
        },
        'double',
      ),
    );
    expect(question(double, 'b')).toMatchObject({
      relevant: "${a} != ''",
      required: true,
      appearance: 'multiline',
      extra: { 'bind::jr:preload': 'uid', 'note:x': 'kept' },
    });
  });

  it('decides the default language as pyxform does: setting, then filled plain columns, then the first named', () => {
    const emptyPlain = formOf(
      fromTables(
        {
          survey: [
            ['type', 'name', 'label::English', 'label::French', 'hint', 'constraint_message'],
            ['text', 'a', 'Name', 'Nom'],
          ],
        },
        'f',
      ),
    );
    expect(emptyPlain.settings.defaultLanguage).toBe('English');
    expect(question(emptyPlain, 'a')).toMatchObject({ label: { English: 'Name', French: 'Nom' }, hint: {} });
    const filledPlain = formOf(
      fromTables(
        {
          survey: [
            ['type', 'name', 'label', 'label::en'],
            ['text', 'a', 'Name', 'Name'],
          ],
        },
        'f',
      ),
    );
    expect(filledPlain.settings.defaultLanguage).toBe('de');
    const explicit = formOf(
      fromTables({
        survey: [
          ['type', 'name', 'label', 'label::fr'],
          ['text', 'a', 'Name', 'Nom'],
        ],
        settings: [
          ['form_id', 'default_language'],
          ['f', 'English (en)'],
        ],
      }),
    );
    expect(question(explicit, 'a').label).toEqual({ en: 'Name', fr: 'Nom' });
  });

  it('accepts an empty choices sheet, and duplicate choices when allow_choice_duplicates says yes', () => {
    expect(
      fromTables(
        {
          survey: [
            ['type', 'name', 'label'],
            ['text', 'a', 'A'],
          ],
          choices: [],
        },
        'f',
      ).ok,
    ).toBe(true);
    const tables = (allow: string): Partial<XlsFormTables> => ({
      survey: [
        ['type', 'name', 'label'],
        ['select_one l', 'a', 'A'],
      ],
      choices: [
        ['list_name', 'name', 'label'],
        ['l', 'x', 'X'],
        ['l', 'x', 'X again'],
      ],
      settings: [
        ['form_id', 'allow_choice_duplicates'],
        ['f', allow],
      ],
    });
    expect(fromTables(tables('yes')).ok).toBe(true);
    expect(errorsOf(fromTables(tables('no')))).toEqual([
      'choices row 3, column name: duplicate choice "x" in list "l" (first in row 2)',
    ]);
  });

  it("reads pyxform's long list spellings as written and gps as geopoint", () => {
    expect(parseQuestionType('select one from yes_no')).toEqual({
      kind: 'question',
      type: 'select_one',
      listName: 'yes_no',
    });
    expect(parseQuestionType('select all that apply from browsers')).toEqual({
      kind: 'question',
      type: 'select_multiple',
      listName: 'browsers',
    });
    expect(parseQuestionType('select all that apply b')).toMatchObject({
      type: 'select_multiple',
      listName: 'b',
    });
    expect(parseQuestionType('Select one from source')).toEqual({
      kind: 'error',
      cause: { code: 'type-unknown', params: { type: 'Select one from source' } },
    });
    expect(parseQuestionType('gps')).toEqual({ kind: 'question', type: 'geopoint' });
    expect(parseQuestionType('select_multiple c or specify other')).toEqual({
      kind: 'question',
      type: 'select_multiple',
      listName: 'c',
      orOther: true,
    });
    expect(parseQuestionType('rank c or_other')).toEqual({
      kind: 'error',
      cause: { code: 'or-other-misplaced', params: { type: 'rank' } },
    });
  });
});
