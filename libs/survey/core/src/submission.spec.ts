import type { Polygon } from 'geojson';
import { AREA_METHODS, NACHBARSCHAFT } from '../fixtures/forms';
import { answerCauseReason } from './answer-issue-codes';
import { postcodeIndex, resolveArea } from './area';
import { type CompiledForm, compileForm, questionAtPath } from './compile';
import { type AreaQuestion, type Form, findChoiceList, formQuestions } from './model';
import { type SubmissionOptions, validateSubmission } from './submission';
import { formFromSheets } from './xlsform/import';
import { sheetFromRows } from './xlsform/sheets';
import type { XlsFormTables } from './xlsform/export';

function load(tables: XlsFormTables): Form {
  const result = formFromSheets({
    survey: sheetFromRows(tables.survey),
    choices: sheetFromRows(tables.choices),
    settings: sheetFromRows(tables.settings),
  });
  if (!result.ok) throw new Error('fixture invalid');
  return result.form;
}

const form = compileForm(load(NACHBARSCHAFT));
const options: SubmissionOptions = { today: '2025-03-15' };

const valid = {
  area: 'nord',
  jahre: 3,
  sicher: '4',
  wohnform: 'miete',
  miete: '650.5',
  zuf_gruen: 'zufrieden',
  zuf_spiel: 'weiss_nicht',
  zuf_oepnv: 'sehr_zufrieden',
  angebote: ['jugendclub', 'sonstige'],
  angebote_sonstige: 'Tafel',
  treffpunkt: 'kiezcafe',
  prioritaeten: 'gruen sicherheit sauberkeit',
  haushalt: 2,
  personen: [{ alter: 34, geschlecht: 'w' }, { alter: '5' }],
  einzug: '2023-04-01',
};

function issuesOf(
  compiled: CompiledForm,
  submission: unknown,
  opts: SubmissionOptions = options,
): { path: string; code: string; message: string }[] {
  const result = validateSubmission(compiled, submission, opts);
  if (result.ok) throw new Error('expected the submission to be rejected');
  // Every message is the English sentence of the issue's cause (the portal words the cause).
  for (const issue of result.issues) expect(issue.message).toBe(answerCauseReason(issue.cause));
  return result.issues.map(({ path, code, message }) => ({ path, code, message }));
}

describe('validateSubmission', () => {
  it('accepts a complete submission, types the answers, computes calculations and keeps dates to the day', () => {
    const result = validateSubmission(
      form,
      { ...valid, miete_pro_person: 'ignored', start: '2025-03-15T10:31:02+01:00' },
      options,
    );
    expect(result).toEqual({
      ok: true,
      answers: {
        start: '2025-03-15',
        end: '2025-03-15',
        area: 'nord',
        jahre: 3,
        sicher: '4',
        wohnform: 'miete',
        miete: 650.5,
        zuf_gruen: 'zufrieden',
        zuf_spiel: 'weiss_nicht',
        zuf_oepnv: 'sehr_zufrieden',
        angebote: ['jugendclub', 'sonstige'],
        angebote_sonstige: 'Tafel',
        treffpunkt: 'kiezcafe',
        prioritaeten: ['gruen', 'sicherheit', 'sauberkeit'],
        haushalt: 2,
        personen: [{ alter: 34, geschlecht: 'w' }, { alter: 5 }],
        miete_pro_person: 325.25,
        einzug: '2023-04-01',
      },
    });
  });

  it('requires answers only where the question is relevant', () => {
    const { einzug: _e, ...withoutOptional } = valid;
    expect(validateSubmission(form, { ...withoutOptional, jahre: 10 }, options).ok).toBe(true);
    const { area: _a, treffpunkt: _t, ...withoutArea } = valid;
    expect(issuesOf(form, withoutArea)).toEqual([
      { path: 'area', code: 'required', message: 'an answer is required' },
    ]);
    expect(validateSubmission(form, withoutArea, { ...options, enforceRequired: false }).ok).toBe(true);
  });

  it('rejects or drops answers to questions that do not apply', () => {
    const owner = { ...valid, wohnform: 'eigentum' };
    expect(issuesOf(form, owner)).toEqual([
      { path: 'miete', code: 'not_relevant', message: 'answered although the question does not apply' },
    ]);
    const dropped = validateSubmission(form, owner, { ...options, nonRelevant: 'drop' });
    expect(dropped.ok && dropped.answers['miete']).toBeUndefined();
    // The dropped rent no longer feeds the calculation either.
    expect(dropped.ok && dropped.answers['miete_pro_person']).toBeUndefined();
  });

  it('checks types, constraints with their messages, choices, choice filters, rankings and repeat counts', () => {
    const issues = issuesOf(form, {
      ...valid,
      jahre: '3.5',
      sicher: '7',
      miete: -3,
      angebote: 'keine jugendclub',
      treffpunkt: 'bibliothek',
      prioritaeten: ['gruen', 'sicherheit'],
      personen: [{ alter: 200, geschlecht: 'x' }],
      einzug: '2024-02-30',
      danke: 'gern',
      foo: 1,
      alter: 3,
    });
    expect(issues).toEqual([
      { path: 'jahre', code: 'invalid_type', message: 'expected a whole number, got "3.5"' },
      { path: 'sicher', code: 'invalid_choice', message: '"7" is not an option of list "zustimmung"' },
      {
        path: 'personen[1].geschlecht',
        code: 'invalid_choice',
        message: '"x" is not an option of list "geschlecht"',
      },
      { path: 'einzug', code: 'invalid_type', message: 'expected a date YYYY-MM-DD, got "2024-02-30"' },
      { path: 'danke', code: 'not_answerable', message: 'note "danke" takes no answer' },
      { path: 'foo', code: 'unknown_field', message: '"foo" is not a question here' },
      {
        path: 'alter',
        code: 'unknown_field',
        message: '"alter" is not a question here (it belongs inside repeat "personen")',
      },
    ]);
    const { einzug: _einzug, ...withoutEinzug } = valid;
    const second = issuesOf(form, {
      ...withoutEinzug,
      jahre: 150,
      miete: -3,
      angebote: 'keine sonstige',
      treffpunkt: 'bibliothek',
      prioritaeten: ['gruen', 'sicherheit'],
      personen: [{ alter: 200, geschlecht: 'd' }],
    });
    expect(second).toEqual([
      { path: 'jahre', code: 'constraint', message: 'Bitte eine Zahl von 0 bis 100.' },
      { path: 'miete', code: 'constraint', message: 'Bitte einen Betrag über 0 Euro.' },
      { path: 'angebote', code: 'constraint', message: '„Keine“ passt nicht zu anderen Antworten.' },
      {
        path: 'treffpunkt',
        code: 'filtered_choice',
        message: '"bibliothek" not offered for the answers given',
      },
      { path: 'prioritaeten', code: 'invalid_choice', message: 'a ranking orders all 3 options, got 2' },
      { path: 'personen', code: 'invalid_repeat', message: 'expected 2 instances, got 1' },
      {
        path: 'personen[1].alter',
        code: 'constraint',
        message: 'the answer does not meet the constraint . >= 0 and . <= 120',
      },
    ]);
    expect(issuesOf(form, { ...valid, einzug: '2026-01-01' })).toEqual([
      { path: 'einzug', code: 'constraint', message: 'Das Datum liegt in der Zukunft.' },
    ]);
    // einzug is only asked when jahre < 5.
    expect(issuesOf(form, { ...valid, jahre: 20 })).toEqual([
      { path: 'einzug', code: 'not_relevant', message: 'answered although the question does not apply' },
    ]);
  });

  it('reports a missing required answer inside a repeat instance by its path', () => {
    expect(issuesOf(form, { ...valid, personen: [{ alter: 34 }, { geschlecht: 'm' }] })).toEqual([
      { path: 'personen[2].alter', code: 'required', message: 'an answer is required' },
    ]);
  });

  it('refuses malformed submissions and repeats', () => {
    expect(issuesOf(form, [1, 2])).toEqual([
      { path: '', code: 'invalid_type', message: 'a submission is an object of answers' },
    ]);
    expect(issuesOf(form, { ...valid, personen: 'two' })).toEqual([
      { path: 'personen', code: 'invalid_repeat', message: 'a repeat is a list of answer objects' },
    ]);
    expect(issuesOf(form, { ...valid, angebote_sonstige: 42 })).toEqual([
      { path: 'angebote_sonstige', code: 'invalid_type', message: 'expected text, got 42' },
    ]);
    expect(issuesOf(form, { ...valid, angebote: ['jugendclub', 'jugendclub'] })).toEqual([
      { path: 'angebote', code: 'invalid_choice', message: 'an option is given twice' },
    ]);
    expect(
      issuesOf(form, { ...valid, personen: Array.from({ length: 51 }, () => ({ alter: 1 })) })[0],
    ).toEqual({
      path: 'personen',
      code: 'invalid_repeat',
      message: 'more than 50 repeat instances',
    });
  });

  describe('a repeat_count above the most instances a repeat holds', () => {
    // No constraint on the count: the household of 80 is a true answer (a shared accommodation).
    const sized = compileForm(
      load({
        survey: [
          ['type', 'name', 'label', 'repeat_count'],
          ['integer', 'haushalt', 'Wie viele Personen leben in Ihrem Haushalt?', ''],
          ['begin repeat', 'personen', 'Person', '${haushalt}'],
          ['integer', 'alter', 'Alter', ''],
          ['end repeat', '', '', ''],
        ],
        choices: [['list_name', 'name', 'label']],
        settings: [['form_id'], ['haushalt']],
      }),
    );
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ alter: i }));

    it('accepts the 50 instances the public form shows, keeping the count as answered', () => {
      const result = validateSubmission(sized, { haushalt: 80, personen: people(50) }, options);
      expect(result).toEqual({ ok: true, answers: { haushalt: 80, personen: people(50) } });
    });

    it('refuses more or fewer than that, as for any count', () => {
      expect(issuesOf(sized, { haushalt: 80, personen: people(80) })).toEqual([
        { path: 'personen', code: 'invalid_repeat', message: 'more than 50 repeat instances' },
      ]);
      expect(issuesOf(sized, { haushalt: 80, personen: people(49) })).toEqual([
        { path: 'personen', code: 'invalid_repeat', message: 'expected 50 instances, got 49' },
      ]);
    });
  });

  it('names the cause of each refusal with the values it names, for clients that word it themselves', () => {
    const result = validateSubmission(
      form,
      { ...valid, jahre: '3.5', sicher: '7', angebote: 'x y', danke: 'gern' },
      options,
    );
    expect(result.ok ? [] : result.issues.map(({ path, cause }) => ({ path, cause }))).toEqual([
      { path: 'jahre', cause: { code: 'expected-integer', params: { got: '"3.5"' } } },
      { path: 'sicher', cause: { code: 'choice-unknown', params: { value: '7', list: 'zustimmung' } } },
      {
        path: 'angebote',
        cause: { code: 'choices-unknown', params: { values: '"x", "y"', list: 'angebote' } },
      },
      { path: 'danke', cause: { code: 'not-answerable', params: { type: 'note', name: 'danke' } } },
    ]);
    const custom = validateSubmission(form, { ...valid, jahre: 150 }, options);
    expect(custom.ok ? undefined : custom.issues[0].cause).toEqual({
      code: 'form-message',
      params: { message: 'Bitte eine Zahl von 0 bis 100.' },
    });
  });
});

describe('area of residence', () => {
  const areaForm = compileForm(load(AREA_METHODS));
  const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  });
  const geometries = new Map([
    ['mitte', square(13.36, 52.5, 13.42, 52.54)],
    ['pankow', square(13.36, 52.54, 13.5, 52.62)],
  ]);

  it('looks postcodes up, refusing unknown and shared ones', () => {
    const q = formQuestions(areaForm.form).find((x) => x.question.name === 'wohngebiet_plz')!
      .question as AreaQuestion;
    const list = findChoiceList(areaForm.form, 'bezirke')!;
    expect(postcodeIndex(list).get('10119')).toEqual(['mitte', 'pankow']);
    expect(resolveArea(q, list, '10115')).toEqual({ ok: true, area: 'mitte' });
    expect(resolveArea(q, list, '10119')).toEqual({
      ok: false,
      cause: { code: 'postcode-shared', params: { value: '10119', areas: 'mitte, pankow' } },
      reason: 'postcode 10119 is shared by the areas mitte, pankow',
    });
    expect(resolveArea(q, list, '99999')).toEqual({
      ok: false,
      cause: { code: 'postcode-outside', params: { value: '99999' } },
      reason: "postcode 99999 lies in none of the survey's areas",
    });
    expect(resolveArea(q, list, '1011')).toEqual({
      ok: false,
      cause: { code: 'postcode-invalid', params: { value: '1011' } },
      reason: '"1011" is not a German postcode (five digits)',
    });
  });

  it('assigns map points by point-in-polygon and stores only the area', () => {
    const result = validateSubmission(
      areaForm,
      { wohngebiet_plz: '13187', wohngebiet_karte: '52.52 13.40 34 5' },
      { ...options, areaGeometries: geometries },
    );
    expect(result).toEqual({ ok: true, answers: { wohngebiet_plz: 'pankow', wohngebiet_karte: 'mitte' } });
    expect(
      issuesOf(
        areaForm,
        { wohngebiet_plz: '10117', wohngebiet_karte: '48.1 11.5' },
        { ...options, areaGeometries: geometries },
      ),
    ).toEqual([
      {
        path: 'wohngebiet_karte',
        code: 'unresolved_area',
        message: 'the point lies outside all areas of the survey',
      },
    ]);
    expect(issuesOf(areaForm, { wohngebiet_plz: '10117', wohngebiet_karte: '52.52 13.40' })).toEqual([
      {
        path: 'wohngebiet_karte',
        code: 'unresolved_area',
        message: 'no area geometries are available to place the point',
      },
    ]);
    expect(
      issuesOf(
        areaForm,
        { wohngebiet_plz: '10117', wohngebiet_karte: '95 13.40' },
        { ...options, areaGeometries: geometries },
      ),
    ).toEqual([
      {
        path: 'wohngebiet_karte',
        code: 'unresolved_area',
        message: '"95 13.40" is not a geopoint (latitude longitude)',
      },
    ]);
  });
});

describe('compileForm', () => {
  it('refuses an invalid model with every reason', () => {
    const broken = load(NACHBARSCHAFT);
    const invalid: Form = {
      ...broken,
      children: [...broken.children, { ...formQuestions(broken)[3].question, name: 'jahre' }],
    };
    expect(() => compileForm(invalid)).toThrow(
      expect.objectContaining({ code: 'InvalidForm', details: ['jahre (name): duplicate name "jahre"'] }),
    );
  });

  describe('the same name in nested repeats (legal in pyxform)', () => {
    // As Ona's children's survey: "name" is the respondent's, each child's and each cartoon's;
    // "alter" is a whole number outside and a choice inside, so a mix-up would show.
    const nested = compileForm(
      load({
        survey: [
          ['type', 'name', 'label', 'required'],
          ['text', 'name', 'Ihr Name', 'yes'],
          ['integer', 'alter', 'Ihr Alter', ''],
          ['begin repeat', 'kinder', 'Kinder', ''],
          ['text', 'name', 'Name des Kindes', 'yes'],
          ['select_one stufe', 'alter', 'Altersstufe', ''],
          ['begin repeat', 'serien', 'Serien', ''],
          ['text', 'name', 'Titel', 'yes'],
          ['end repeat', '', '', ''],
          ['end repeat', '', '', ''],
        ],
        choices: [
          ['list_name', 'name', 'label'],
          ['stufe', 'kita', 'Kita'],
          ['stufe', 'schule', 'Schule'],
        ],
        settings: [['form_id'], ['kinder']],
      }),
    );

    it('checks and stores each answer in its own repeat instance', () => {
      const answers = {
        name: 'Ada',
        alter: 41,
        kinder: [
          { name: 'Bo', alter: 'schule', serien: [{ name: 'Heidi' }, { name: 'Pumuckl' }] },
          { name: 'Cy', alter: 'kita' },
        ],
      };
      expect(validateSubmission(nested, answers, options)).toEqual({
        ok: true,
        answers: { ...answers, kinder: [answers.kinder[0], { ...answers.kinder[1], serien: [] }] },
      });
    });

    it('types and reports answers by the question of their own scope, named by path', () => {
      expect(
        issuesOf(nested, {
          name: 'Ada',
          alter: 'kita',
          kinder: [{ alter: 41, serien: [{}] }],
        }),
      ).toEqual([
        { path: 'alter', code: 'invalid_type', message: 'expected a whole number, got "kita"' },
        { path: 'kinder[1].alter', code: 'invalid_choice', message: '"41" is not an option of list "stufe"' },
      ]);
      expect(issuesOf(nested, { name: 'Ada', kinder: [{ serien: [{}] }] })).toEqual([
        { path: 'kinder[1].name', code: 'required', message: 'an answer is required' },
        { path: 'kinder[1].serien[1].name', code: 'required', message: 'an answer is required' },
      ]);
    });

    it('finds the question an issue path names', () => {
      expect(questionAtPath(nested, 'alter')?.question.type).toBe('integer');
      expect(questionAtPath(nested, 'kinder[2].alter')?.question.type).toBe('select_one');
      expect(questionAtPath(nested, 'kinder[1].serien[3].name')?.repeats).toEqual(['kinder', 'serien']);
      expect(questionAtPath(nested, 'serien[1].name')).toBeUndefined();
    });
  });
});
