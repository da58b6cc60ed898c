// Real XLSForms from pyxform's and Ona's repositories (reference data folder, `external/xlsform`,
// see its SOURCES.md). Where pyxform (or ODK Validate) accepts a form, Quartier accepts it with the
// same content and exports it so that it imports back unchanged; where they refuse it, Quartier
// refuses it naming the same row. The few forms Quartier refuses on purpose say why below.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { requireReferenceData } from '@quartier/reference-data';
import { compileForm } from '../compile';
import { formatFormIssue } from '../errors';
import {
  type Form,
  type Group,
  type Question,
  findChoiceList,
  formGroups,
  formQuestions,
  uncollectedQuestions,
} from '../model';
import { validateSubmission } from '../submission';
import { writeXlsForm } from './export';
import { type ImportResult, formFromSheets, importXlsForm } from './import';
import { readXlsFormWorkbook } from './sheets';

/** What pyxform says, and what Quartier must therefore say (plus the warnings it adds). */
type Expected =
  | { readonly pyxform: 'valid'; readonly warnings?: readonly string[] }
  | { readonly pyxform: 'invalid'; readonly row: number; readonly sheet?: 'survey' | 'choices' };

const FORMS: Readonly<Record<string, Expected>> = {
  'pyxform-field-list.xlsx': { pyxform: 'valid' },
  'pyxform-extra_columns.xlsx': { pyxform: 'valid' },
  'pyxform-xl_date_ambiguous_v1.xlsx': { pyxform: 'valid' },
  'pyxform-choice_filter_test.xlsx': { pyxform: 'valid' },
  'pyxform-extra_sheet_names.xlsx': { pyxform: 'valid' },
  'onadata-mali_health.xlsx': { pyxform: 'valid' },
  'onadata-multi_lingual_form.xlsx': { pyxform: 'valid' },
  'onadata-form_with_multiple_select.xlsx': { pyxform: 'valid' },
  'onadata-transportation_1.xlsx': { pyxform: 'valid' },
  // Both run in ODK Collect with a defined result, which Quartier gives too and warns of.
  'pyxform-pull_data.xlsx': {
    pyxform: 'valid',
    warnings: [
      'survey row 2, column calculation: warning: pulldata() reads a CSV file attached to the form, which Quartier does not keep: it gives an empty answer (as ODK Collect does without the file)',
    ],
  },
  // `or_other` is read as pyxform expands it; the choice_filter `pastel=yes` compares with a
  // choice column "yes" that does not exist: ODK shows no choice at all.
  'pyxform-or_other.xlsx': {
    pyxform: 'valid',
    warnings: [
      "survey row 3, column choice_filter: warning: unknown choice column 'yes': no choice is offered (as in ODK Collect)",
    ],
  },
  'onadata-tutorial.xlsx': { pyxform: 'valid' },
  'onadata-childrens_survey.xlsx': { pyxform: 'valid' },
  'pyxform-duplicate_columns.xlsx': { pyxform: 'invalid', row: 1 },
  'pyxform-bad_calc.xlsx': { pyxform: 'invalid', row: 2 },
  'pyxform-group_name_test.from-xls.xlsx': { pyxform: 'invalid', row: 3 },
  'pyxform-calculate_without_calculation.from-xls.xlsx': { pyxform: 'invalid', row: 34 },
  'onadata-duplicate_choice_form.xlsx': { pyxform: 'invalid', row: 6, sheet: 'choices' },
  'onadata-MCH_v1.xlsx': { pyxform: 'invalid', row: 17 },
  'onadata-error_test_form.xlsx': { pyxform: 'invalid', row: 5 },
};

const names = Object.keys(FORMS);
const paths = requireReferenceData(
  names.map((n) => `external/xlsform/${n}`),
  names.length + 11, // one per form, the round trip, ten content tests
);
const run = paths ? describe : describe.skip;
const pathOf = (name: string): string => paths![names.indexOf(name)];

/** As `quartier survey validate` does, the file name stands in for a missing form_id. */
function fallbackFormId(name: string): string {
  return basename(name, '.xlsx').replace(/[^A-Za-z0-9_.-]/g, '_');
}

async function importFile(name: string): Promise<ImportResult> {
  return importXlsForm(readFileSync(pathOf(name)), { fallbackFormId: fallbackFormId(name) });
}

async function formOf(name: string): Promise<Form> {
  const result = await importFile(name);
  if (!result.ok) throw new Error(`${name}: ${result.issues.map(formatFormIssue).join('; ')}`);
  return result.form;
}

const question = (form: Form, name: string): Question => {
  const found = formQuestions(form).find((q) => q.question.name === name);
  if (!found) throw new Error(`no question ${name}`);
  return found.question;
};
const group = (form: Form, name: string): Group => {
  const found = formGroups(form).find((g) => g.name === name);
  if (!found) throw new Error(`no group ${name}`);
  return found;
};

run('real XLSForms: the verdict of pyxform / ODK Validate', () => {
  it.each(names)('%s', async (name) => {
    const expected = FORMS[name];
    const result = await importFile(name);
    if (expected.pyxform === 'valid') {
      expect(result.ok ? [] : result.issues.map(formatFormIssue)).toEqual([]);
      expect(result.ok ? result.warnings.map(formatFormIssue) : []).toEqual(expected.warnings ?? []);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const sheet = expected.sheet ?? 'survey';
    expect(result.issues.some((i) => i.sheet === sheet && i.row === expected.row)).toBe(true);
  });

  it('exports every accepted form so that it imports back unchanged', async () => {
    const accepted = names.filter((n) => FORMS[n].pyxform === 'valid');
    for (const name of accepted) {
      const form = await formOf(name);
      const again = await importXlsForm(await writeXlsForm(form));
      expect({ name, form: again.ok ? again.form : again.issues }).toEqual({ name, form });
    }
  });
});

run('real XLSForms: the content pyxform reads', () => {
  it('mali_health: English (the first language) is the default, empty unlabelled columns say nothing', async () => {
    const form = await formOf('onadata-mali_health.xlsx');
    expect(form.settings.defaultLanguage).toBe('English');
    expect(question(form, 'NBRE_VILLAGE')).toMatchObject({
      label: { English: 'Number of villages', French: 'Nombre de village' },
      hint: {},
      constraint: '. >= 0',
    });
    expect(question(form, 'DISTRICT')).toMatchObject({
      listName: 'district',
      choiceFilter: 'region =${region}',
    });
    expect(form.settings.title).toBe('Mali Health Facilities');
  });

  it('choice_filter_test: allow_choice_duplicates keeps both "king" counties with their filter values', async () => {
    const form = await formOf('pyxform-choice_filter_test.xlsx');
    const counties = findChoiceList(form, 'counties')!.choices;
    expect(counties.map((c) => [c.name, c.properties['cf']])).toEqual([
      ['king', 'washington'],
      ['pierce', 'washington'],
      ['king', 'texas'],
      ['cameron', 'texas'],
    ]);
    expect(form.settings.formId).toBe('cascading_selects1');
  });

  it('extra_sheet_names: the empty choices sheet of a form without selects is no error', async () => {
    const form = await formOf('pyxform-extra_sheet_names.xlsx');
    expect(form.choiceLists).toEqual([]);
    expect(formQuestions(form).map((q) => q.question.name)).toEqual(['test']);
  });

  it('transportation_1: the settings title/id_string, groups and the repeat inside them', async () => {
    const form = await formOf('onadata-transportation_1.xlsx');
    expect(form.settings).toMatchObject({ formId: 'transportation', title: 'Question types' });
    expect(group(form, 'person_repeat').repeat).toBe(true);
    expect(group(form, 'person').label).toEqual({ de: '${first_name} ${last_name} - ${age}' });
  });

  it('field-list: labels per language on both sheets, plain choice labels in the default language', async () => {
    const form = await formOf('pyxform-field-list.xlsx');
    expect(question(form, 'table_list_question').label).toEqual({ english: 'table list question' });
    expect(findChoiceList(form, 'yes_no')!.choices[1].label).toEqual({ de: 'No', chinese: '没有' });
  });

  it('MCH_v1: bind:relevant and bind:constraint are skip logic and constraints, not extra columns', async () => {
    // pyxform refuses the file only for row 17's `Select one from` (capital S); spelt as pyxform
    // wants it, the form loads with every condition of its single-colon `bind:` columns.
    const sheets = await readXlsFormWorkbook(readFileSync(pathOf('onadata-MCH_v1.xlsx')));
    const survey = sheets.survey!;
    const rows = survey.rows.map((r) =>
      r.row === 17 ? { ...r, cells: { ...r.cells, type: 'select one from source' } } : r,
    );
    const result = formFromSheets({ ...sheets, survey: { ...survey, rows } }, { fallbackFormId: 'mch' });
    if (!result.ok) throw new Error(result.issues.map(formatFormIssue).join('; '));
    expect(group(result.form, 'anc')).toMatchObject({ relevant: "${service}='1'", extra: {} });
    expect(question(result.form, 'HPlevel')).toMatchObject({ relevant: "${lab}='yes'", extra: {} });
    expect(question(result.form, 'child_immunization')).toMatchObject({
      type: 'select_multiple',
      listName: 'cimmun',
    });
  });

  it('or_other: the "other" choice and the text question for it, as pyxform adds them; the broken filter offers nothing', async () => {
    const form = await formOf('pyxform-or_other.xlsx');
    expect(formQuestions(form).map((q) => q.question.name)).toEqual([
      'fav_color',
      'fav_color_other',
      'fav_pastel',
    ]);
    expect(question(form, 'fav_color_other')).toMatchObject({
      type: 'text',
      relevant: "selected(${fav_color}, 'other')",
      label: { de: 'Bitte angeben:' },
    });
    expect(question(form, 'fav_pastel')).toMatchObject({ listName: 'colors', choiceFilter: 'pastel=yes' });
    expect(findChoiceList(form, 'colors')!.choices.map((c) => c.name)).toEqual([
      'red',
      'green',
      'blue',
      'mauve',
      'apricot',
      'other',
    ]);
    const compiled = compileForm(form);
    const today = { today: '2026-01-05' };
    expect(validateSubmission(compiled, { fav_color: 'red' }, today)).toEqual({
      ok: true,
      answers: { fav_color: 'red' },
    });
    // Even the pastel "mauve" is not offered: `yes` is a column no choice has.
    expect(validateSubmission(compiled, { fav_color: 'red', fav_pastel: 'mauve' }, today)).toMatchObject({
      ok: false,
      issues: [{ path: 'fav_pastel', code: 'filtered_choice' }],
    });
  });

  it('pull_data: the pulldata() calculation kept as written, empty when run (no CSV attached)', async () => {
    const form = await formOf('pyxform-pull_data.xlsx');
    expect(question(form, 'fruit')).toMatchObject({
      type: 'calculate',
      calculation: "pulldata('fruits', 'name','name', 'mango')",
    });
    // An empty calculation is not stored.
    expect(validateSubmission(compileForm(form), {}, { today: '2026-01-05' })).toEqual({
      ok: true,
      answers: {},
    });
  });

  it('tutorial: the long spellings select one from / select all that apply from; the photo kept, not collected', async () => {
    const form = await formOf('onadata-tutorial.xlsx');
    expect(question(form, 'has_children')).toMatchObject({ type: 'select_one', listName: 'yes_no' });
    expect(question(form, 'web_browsers')).toMatchObject({ type: 'select_multiple', listName: 'browsers' });
    expect(question(form, 'picture')).toMatchObject({
      type: 'image',
      label: { de: '3. May I take your picture?' },
    });
    // A survey with it is not opened (the survey service says why); nothing can be sent for it.
    expect(uncollectedQuestions(form).map((q) => q.name)).toEqual(['picture']);
    const compiled = compileForm(form);
    const base = { name: 'Ada', age: 41, has_children: '1', gps: '52.52 13.405', web_browsers: ['firefox'] };
    expect(validateSubmission(compiled, base, { today: '2026-01-05' })).toEqual({ ok: true, answers: base });
    expect(validateSubmission(compiled, { ...base, picture: 'me.jpg' }, { today: '2026-01-05' })).toEqual({
      ok: false,
      issues: [
        {
          path: 'picture',
          code: 'not_answerable',
          message: 'image "picture" takes no answer',
          cause: { code: 'not-answerable', params: { type: 'image', name: 'picture' } },
        },
      ],
    });
  });

  it('childrens_survey: gps is geopoint; the same name in nested repeats, answered per instance', async () => {
    const form = await formOf('onadata-childrens_survey.xlsx');
    expect(question(form, 'geolocation').type).toBe('geopoint');
    const names = formQuestions(form).map(({ question: q, repeats }) => [...repeats, q.name].join('/'));
    expect(names).toEqual([
      'name',
      'age',
      'children/name',
      'children/age',
      'children/fav_colors',
      'children/ice.creams',
      'children/cartoons/name',
      'children/cartoons/why',
      'children/cartoons/characters/name',
      'children/cartoons/characters/good_or_evil',
      'geolocation',
      'tel.office',
      'tel.mobile',
    ]);
    const answers = {
      name: 'Ada',
      age: 41,
      children: [
        {
          name: 'Bo',
          age: 7,
          fav_colors: ['red', 'pink'],
          'ice.creams': ['vanilla'],
          cartoons: [
            { name: 'Heidi', why: 'mountains', characters: [{ name: 'Peter', good_or_evil: 'good' }] },
          ],
        },
      ],
      geolocation: '52.52 13.405',
      'tel.office': '030 123',
      'tel.mobile': '0170 456',
    };
    expect(validateSubmission(compileForm(form), answers, { today: '2026-01-05' })).toEqual({
      ok: true,
      answers,
    });
  });
});
