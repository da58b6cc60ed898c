import { AREA_METHODS, BROKEN, NACHBARSCHAFT, ODK_HOUSEHOLD } from '../../fixtures/forms';
import { formatFormIssue } from '../errors';
import { type Form, type Group, type Question, formLanguages, formQuestions, localize } from '../model';
import { type XlsFormTables, formToTables, tablesToWorkbook, writeXlsForm } from './export';
import { type ImportResult, formFromSheets, importXlsForm, parseQuestionType } from './import';
import { sheetFromRows, xlsFormSheetsFromCells } from './sheets';

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

describe('XLSForm import', () => {
  it('reads a KoboToolbox-style form into the model', async () => {
    const form = formOf(await importXlsForm(await tablesToWorkbook(NACHBARSCHAFT)));
    expect(form.settings).toEqual({
      formId: 'nachbarschaft_2025',
      title: 'Nachbarschaftsbefragung 2025',
      version: '2025031501',
      defaultLanguage: 'de',
      extra: { style: 'pages' },
    });
    expect(formLanguages(form)).toEqual(['de', 'de-x-easy', 'en']);
    expect(formQuestions(form).map((q) => q.question.name)).toEqual([
      'start',
      'end',
      'area',
      'jahre',
      'sicher',
      'wohnform',
      'miete',
      'zuf_gruen',
      'zuf_spiel',
      'zuf_oepnv',
      'angebote',
      'angebote_sonstige',
      'treffpunkt',
      'prioritaeten',
      'haushalt',
      'alter',
      'geschlecht',
      'miete_pro_person',
      'einzug',
      'danke',
    ]);
    expect(question(form, 'sicher')).toMatchObject({
      type: 'select_one',
      listName: 'zustimmung',
      likert: true,
      required: true,
    });
    expect(question(form, 'sicher').appearance).toBeUndefined();
    expect(question(form, 'treffpunkt')).toMatchObject({
      type: 'select_one',
      choiceFilter: 'gebiet = ${area}',
      appearance: 'minimal',
      likert: false,
    });
    expect(question(form, 'area')).toMatchObject({
      type: 'area',
      listName: 'gebiete',
      method: 'choice',
      hint: { de: 'Die Karte zeigt die Gebiete.' },
    });
    expect(question(form, 'jahre')).toMatchObject({
      constraint: '. >= 0 and . <= 100',
      constraintMessage: { de: 'Bitte eine Zahl von 0 bis 100.' },
      extra: { $kuid: 'k05' },
    });
    const personen = form.children.find((n) => n.name === 'personen') as Group;
    expect(personen).toMatchObject({ kind: 'group', repeat: true, repeatCount: '${haushalt}' });
    expect(personen.children.map((c) => c.name)).toEqual(['alter', 'geschlecht']);
    expect(formQuestions(form).find((q) => q.question.name === 'alter')?.repeats).toEqual(['personen']);
    const plain = question(form, 'sicher').label;
    expect(localize(plain, 'de-x-easy')).toBe('Ich fühle mich hier sicher.');
    expect(localize(question(form, 'danke').hint, 'de-x-easy')).toBeUndefined();
    expect(localize({ de: 'Alter' }, 'de-x-easy')).toBe('Alter');
    expect(localize({ de: 'Alter', en: 'Age' }, 'fr')).toBe('Alter');
  });

  it('maps plain label columns to the default language and reads ODK aliases', () => {
    const form = formOf(fromTables(ODK_HOUSEHOLD));
    expect(form.settings.defaultLanguage).toBe('en');
    expect(question(form, 'first_name')).toMatchObject({
      label: { en: 'What is your first name?', de: 'Wie ist Ihr Vorname?' },
      required: true,
      requiredMessage: { en: 'Please answer.' },
    });
    expect(question(form, 'children').required).toBe("${has_children} = 'yes'");
    expect(question(form, 'fixed')).toMatchObject({ defaultValue: 'n/a', readOnly: true });
    expect(formLanguages(form)).toEqual(['en', 'de']);
  });

  it('defaults to German when no language is declared and labels are plain', () => {
    const form = formOf(
      fromTables(
        {
          survey: [
            ['type', 'name', 'label'],
            ['text', 'q', 'Frage'],
          ],
        },
        'ohne_settings',
      ),
    );
    expect(form.settings).toEqual({ formId: 'ohne_settings', defaultLanguage: 'de', extra: {} });
    expect(question(form, 'q').label).toEqual({ de: 'Frage' });
  });

  it('reads area questions by postcode and by point', () => {
    const form = formOf(fromTables(AREA_METHODS));
    expect(question(form, 'wohngebiet_plz')).toMatchObject({ type: 'area', method: 'postcode' });
    expect(question(form, 'wohngebiet_karte')).toMatchObject({ type: 'area', method: 'point' });
  });

  it('reports every error of a broken form with sheet, row and column', () => {
    expect(errorsOf(fromTables(BROKEN))).toEqual([
      'survey row 3, column type: unknown question type "selec_one yesno"',
      'survey row 5, column type: unknown choice list "colours"',
      'survey row 6, column name: missing name',
      'survey row 7, column relevant: unknown field ${agee}',
      'survey row 8, column name: duplicate name "age" (first in row 2)',
      'survey row 10, column relevant: syntax error at character 9: unexpected end of expression',
      'survey row 11, column type: end repeat does not match begin group in row 9',
      'survey row 12, column label::de: missing label',
      'survey row 13, column calculation: calculate needs a calculation',
      'survey row 14, column constraint: unknown function foo()',
      'survey row 14, column required: unknown function maybe()',
      'survey row 15, column choice_filter: choice_filter only applies to questions with a choice list',
      'survey row 16, column type: end group without a matching begin group',
      'survey row 17, column type: end group without a matching begin group',
      'survey row 18, column type: begin repeat "kids" has no matching end repeat',
      'survey row 19, column type: choice list "empty" has no choices',
      'choices row 3, column name: duplicate choice "yes" in list "yesno" (first in row 2)',
      'choices row 4, column label::de: missing label',
      'choices row 5, column list_name: missing list name',
      'choices row 6, column name: missing choice name',
      'settings row 2, column form_id: invalid form_id "broken form"',
      'settings row 2, column default_language: no labels in the default language "fr" (labels exist in de)',
    ]);
  });

  it('gives every error a stable code and the values it names, from which its English is written', () => {
    const result = fromTables(BROKEN);
    if (result.ok) throw new Error('expected the form to be invalid');
    const coded = result.issues.map(({ row, code, params }) => ({ row, code, params }));
    expect(coded.slice(0, 2)).toEqual([
      { row: 3, code: 'type-unknown', params: { type: 'selec_one yesno' } },
      { row: 5, code: 'list-unknown', params: { list: 'colours' } },
    ]);
    expect(coded).toEqual(
      expect.arrayContaining([
        { row: 8, code: 'name-duplicate', params: { name: 'age', firstRow: 2 } },
        { row: 11, code: 'end-mismatch', params: { word: 'repeat', open: 'group', openRow: 9 } },
        { row: 15, code: 'choice-filter-misplaced', params: {} },
        { row: 16, code: 'end-without-begin', params: { word: 'group' } },
        { row: 18, code: 'begin-without-end', params: { word: 'repeat', name: 'kids' } },
        { row: 5, code: 'list-name-missing', params: {} },
      ]),
    );
    for (const issue of result.issues) expect(issue.reason).not.toBe('');
  });

  it('counts rows as the spreadsheet shows them, blank rows included', () => {
    const survey = [['type', 'name', 'label'], [], [], ['integer', 'a', 'A'], [], ['text', 'b', 'B', '${c}']];
    survey[0].push('relevant');
    expect(errorsOf(fromTables({ survey }, 'f'))).toEqual([
      'survey row 6, column relevant: unknown field ${c}',
    ]);
  });

  it('reports header problems on row 1', () => {
    expect(
      errorsOf(
        fromTables(
          {
            survey: [
              ['name', 'label'],
              ['a', 'A'],
            ],
          },
          'f',
        ),
      ),
    ).toEqual(['survey row 1: missing column type']);
    expect(
      errorsOf(
        fromTables(
          {
            survey: [
              ['type', 'name', 'label::de', 'label::de'],
              ['text', 'a', 'A', 'B'],
            ],
          },
          'f',
        ),
      ),
    ).toEqual(['survey row 1, column label::de: duplicate column (same as column label::de)']);
    expect(
      errorsOf(
        fromTables(
          {
            survey: [
              ['type', 'name', 'label', 'label::de'],
              ['text', 'a', 'A', 'B'],
            ],
          },
          'f',
        ),
      ),
    ).toEqual(['survey row 1, column label::de: duplicate column (same as column label)']);
    expect(errorsOf(fromTables({}, 'f'))).toEqual(['survey row 1: sheet "survey" is missing']);
    expect(
      errorsOf(
        fromTables({
          survey: [
            ['type', 'name', 'label'],
            ['text', 'a', 'A'],
          ],
        }),
      ),
    ).toEqual(['settings row 2, column form_id: missing form_id']);
    expect(
      errorsOf(
        fromTables(
          {
            survey: [
              ['type', 'name', 'label'],
              ['text', 'a', 'A'],
            ],
            choices: [
              ['name', 'label'],
              ['x', 'X'],
            ],
          },
          'f',
        ),
      ),
    ).toEqual(['choices row 1: missing column list_name']);
  });

  it('rejects references that cannot resolve: groups, repeat members from outside, cycles', () => {
    const survey = [
      ['type', 'name', 'label', 'relevant', 'calculation', 'repeat_count'],
      ['begin repeat', 'kids', 'Kinder', '', '', '${n}'],
      ['integer', 'kid_age', 'Alter', '', '', ''],
      ['integer', 'kid_rank', 'Rang', '${kid_age} > 3', '', ''],
      ['end repeat', '', '', '', '', ''],
      ['integer', 'n', 'Anzahl', '${kid_age} > 1', '', ''],
      ['text', 't', 'T', '${kids} != ""', '', ''],
      ['calculate', 'a', '', '', '${b} + 1', ''],
      ['calculate', 'b', '', '', '${c} + 1', ''],
      ['calculate', 'c', '', '', '${a} + 1', ''],
      ['calculate', 'd', '', '', '${d} + 1', ''],
    ];
    expect(errorsOf(fromTables({ survey }, 'f'))).toEqual([
      'survey row 6, column relevant: field ${kid_age} is inside repeat "kids" and cannot be used outside it',
      'survey row 7, column relevant: ${kids} is a group, not a field',
      'survey row 8, column calculation: circular calculation: a → b → c → a',
      'survey row 11, column calculation: circular calculation: d → d',
    ]);
  });

  it('checks type details: list names, or_other, unsupported types, area parameters, Likert scales, table-lists', () => {
    const survey = [
      ['type', 'name', 'label', 'parameters', 'appearance', 'choice_filter'],
      ['select_one', 'a', 'A', '', '', ''],
      ['select_one yn or_other', 'b', 'B', '', '', ''],
      ['geotrace', 'c', 'C', '', '', ''],
      ['area gebiete', 'd', 'D', 'by=postcode', '', ''],
      ['area gebiete', 'e', 'E', 'by=address', '', ''],
      ['select_one one', 'f', 'F', '', 'likert', ''],
      ['begin group', 'm', 'Matrix', '', 'table-list', ''],
      ['select_one yn', 'm1', 'M1', '', '', ''],
      ['select_one gebiete', 'm2', 'M2', '', '', ''],
      ['integer', 'm3', 'M3', '', '', ''],
      ['end group', '', '', '', '', ''],
      ['select_multiple spaced', 'g', 'G', '', '', ''],
      ['select_one gebiete', 'h', 'H', '', '', 'bezirk = ${d}'],
      ['integer', 'i', 'I', '', '', ''],
      ['text', 'j', 'J', '', '', ''],
      ['select_one yn', 'k', 'K', 'scale=sideways', 'likert', ''],
    ];
    const choices = [
      ['list_name', 'name', 'label'],
      ['yn', 'yes', 'Ja'],
      ['yn', 'no', 'Nein'],
      ['gebiete', 'mitte', 'Mitte'],
      ['one', 'x', 'X'],
      ['spaced', 'a b', 'A B'],
    ];
    expect(errorsOf(fromTables({ survey, choices }, 'f'))).toEqual([
      'survey row 2, column type: select_one needs a choice list name',
      'survey row 4, column type: question type "geotrace" is not supported',
      'survey row 5, column parameters: area list "gebiete" has no postcode column to look postcodes up in',
      'survey row 6, column parameters: area by "address" is not one of choice, postcode, point',
      'survey row 7, column appearance: Likert scale "one" needs at least 2 scale points',
      'survey row 10, column type: table-list group "m" needs one choice list: "m2" uses "gebiete", "m1" uses "yn"',
      // An area list is rewritten with the target areas: no other question may share it.
      'survey row 10, column type: choice list "gebiete" holds the areas of area question "d"; a select_one question needs a list of its own',
      'survey row 11, column type: table-list group "m" may only hold select_one/select_multiple questions',
      // An unknown choice column is a warning (ODK offers no choice), not an error: see the conformance spec.
      'survey row 14, column type: choice list "gebiete" holds the areas of area question "d"; a select_one question needs a list of its own',
      'survey row 17, column parameters: scale "sideways" is not one of ascending, descending',
      'choices row 6, column name: choice name "a b" contains a space, which select_multiple "g" cannot store',
    ]);
  });

  it('parses type spellings', () => {
    expect(parseQuestionType('begin_group')).toEqual({ kind: 'begin', repeat: false });
    expect(parseQuestionType('End Repeat')).toEqual({ kind: 'end', repeat: true });
    expect(parseQuestionType('select one yes_no')).toEqual({
      kind: 'question',
      type: 'select_one',
      listName: 'yes_no',
    });
    expect(parseQuestionType('select_multiple  Farben')).toEqual({
      kind: 'question',
      type: 'select_multiple',
      listName: 'Farben',
    });
    expect(parseQuestionType('int')).toEqual({ kind: 'question', type: 'integer' });
    expect(parseQuestionType('text extra')).toEqual({
      kind: 'error',
      cause: { code: 'type-extra', params: { text: 'extra', type: 'text' } },
    });
  });

  it('rejects bytes that are not a workbook', async () => {
    await expect(importXlsForm(new TextEncoder().encode('type,name\ntext,a\n'))).rejects.toMatchObject({
      code: 'InvalidWorkbook',
    });
  });
});

describe('XLSForm export', () => {
  it.each([
    ['Kobo-style residents survey', NACHBARSCHAFT],
    ['ODK-style household form', ODK_HOUSEHOLD],
    ['area methods', AREA_METHODS],
  ])('round-trips %s through .xlsx to the same model', async (_name, tables) => {
    const original = formOf(fromTables(tables));
    const bytes = await writeXlsForm(original);
    const again = formOf(await importXlsForm(bytes));
    expect(again).toEqual(original);
    // And a second export is byte-for-byte the same table content.
    expect(formToTables(again)).toEqual(formToTables(original));
  });

  it('reads and writes the scale direction as the parameter scale=…, keeping ODK parameters', async () => {
    const form = formOf(
      fromTables(
        {
          survey: [
            ['type', 'name', 'label', 'appearance', 'parameters'],
            [
              'select_one zufrieden',
              'zufrieden',
              'Wie zufrieden sind Sie?',
              'likert',
              'randomize=false scale=descending',
            ],
            ['select_one zufrieden', 'wieder', 'Und im Vorjahr?', 'likert', ''],
          ],
          choices: [
            ['list_name', 'name', 'label'],
            ['zufrieden', 'sehr', 'sehr zufrieden'],
            ['zufrieden', 'eher', 'eher zufrieden'],
            ['zufrieden', 'gar_nicht', 'gar nicht zufrieden'],
          ],
        },
        'skala',
      ),
    );
    const [zufrieden, wieder] = form.children;
    expect(zufrieden).toMatchObject({
      likert: true,
      scaleDirection: 'descending',
      parameters: 'randomize=false',
    });
    expect(wieder).not.toHaveProperty('scaleDirection');
    const tables = formToTables(form);
    const column = tables.survey[0].indexOf('parameters');
    expect(tables.survey[1][column]).toBe('randomize=false scale=descending');
    expect(formOf(await importXlsForm(await writeXlsForm(form)))).toEqual(form);
  });

  it('writes conventional columns with explicit languages and the likert appearance', () => {
    const tables = formToTables(formOf(fromTables(NACHBARSCHAFT)));
    expect(tables.survey[0]).toEqual([
      'type',
      'name',
      'label::de',
      'label::de-x-easy',
      'label::en',
      'hint::de',
      'required',
      'relevant',
      'constraint',
      'constraint_message::de',
      'calculation',
      'choice_filter',
      'appearance',
      'repeat_count',
      '$kuid',
    ]);
    const sicher = tables.survey.find((r) => r[1] === 'sicher')!;
    expect(sicher[0]).toBe('select_one zustimmung');
    expect(sicher[tables.survey[0].indexOf('appearance')]).toBe('likert');
    expect(tables.survey.filter((r) => r[0] === 'end group')).toHaveLength(2);
    expect(tables.choices[0]).toEqual([
      'list_name',
      'name',
      'label::de',
      'label::de-x-easy',
      'label::en',
      'scale_value',
      'gebiet',
    ]);
    expect(tables.settings).toEqual([
      ['form_title', 'form_id', 'version', 'default_language', 'style'],
      ['Nachbarschaftsbefragung 2025', 'nachbarschaft_2025', '2025031501', 'de', 'pages'],
    ]);
  });
});

describe('unsafe text in an XLSForm', () => {
  it('reports NUL anywhere and bidi controls in shown texts by sheet, row and column', () => {
    const result = fromTables({
      survey: [
        ['type', 'name', 'label', 'hint'],
        ['text', 'wohnort', 'Wohn\u0000ort'],
        ['integer', 'alter', 'Alter \u202eetlA', 'ok'],
        ['text', 'notiz', 'Notiz', 'Hinweis \u2066x\u2069'],
      ],
      choices: [['list_name', 'name', 'label']],
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(formatFormIssue)).toEqual([
      'survey row 2, column label: contains a NUL character (U+0000), which cannot be stored',
      'survey row 3, column label: contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069)',
      'survey row 4, column hint: contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069)',
    ]);
  });
});

describe('spreadsheet cells of an XLSForm', () => {
  it('reads each cell as the text the spreadsheet shows: a formula its result, an error its code', () => {
    const { survey } = xlsFormSheetsFromCells([
      {
        name: 'survey',
        rows: [
          {
            number: 1,
            cells: [
              { col: 1, value: 'name' },
              { col: 2, value: 'default' },
            ],
          },
          {
            number: 2,
            cells: [
              { col: 1, value: { formula: 'A1&"_date"', result: 'visit_date' } },
              { col: 2, value: { formula: 'DATE(2025,3,1)', result: new Date('2025-03-01T00:00:00Z') } },
            ],
          },
          {
            number: 3,
            cells: [
              { col: 1, value: 'note' },
              { col: 2, value: { error: '#N/A' } },
            ],
          },
        ],
      },
    ]);
    expect(survey?.rows).toEqual([
      { row: 2, cells: { name: 'visit_date', default: '2025-03-01' } },
      { row: 3, cells: { name: 'note', default: '#N/A' } },
    ]);
  });
});
