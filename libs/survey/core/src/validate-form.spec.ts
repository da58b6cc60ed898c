import { compileForm } from './compile';
import type { Form, FormNode, Group, Question } from './model';
import { validateSubmission } from './submission';
import { formErrors, validateFormModel } from './validate-form';

const question = (fields: Partial<Question> & Pick<Question, 'name' | 'type'>): Question =>
  ({
    kind: 'question',
    label: { de: fields.name },
    hint: {},
    required: false,
    requiredMessage: {},
    constraintMessage: {},
    readOnly: false,
    extra: {},
    ...fields,
  }) as Question;

const group = (name: string, repeat: boolean, children: FormNode[]): Group => ({
  kind: 'group',
  repeat,
  name,
  label: { de: name },
  extra: {},
  children,
});

const form = (children: FormNode[], lists: Form['choiceLists']): Form => ({
  settings: { formId: 'test', defaultLanguage: 'de', extra: {} },
  children,
  choiceLists: lists,
});

const choice = (name: string) => ({ name, label: { de: name }, properties: {} });

describe('validateFormModel', () => {
  it('warns of an unknown choice column and of pulldata() without making the form invalid', () => {
    const colours = {
      name: 'farben',
      choices: [
        { ...choice('rot'), properties: { pastell: 'nein' } },
        { ...choice('flieder'), properties: { pastell: 'ja' } },
      ],
    };
    const f = form(
      [
        question({
          name: 'obst',
          type: 'calculate',
          calculation: "pulldata('obst', 'name', 'name', 'mango')",
        }),
        question({ name: 'lieblingsfarbe', type: 'select_one', listName: 'farben', likert: false }),
        question({
          name: 'pastell',
          type: 'select_one',
          listName: 'farben',
          likert: false,
          choiceFilter: 'pastell=ja',
        }),
        question({ name: 'relevant_too', type: 'text', relevant: "${obst} = ''" }),
      ],
      [colours],
    );
    const issues = validateFormModel(f);
    expect(issues.map(({ field, code, severity }) => ({ field, code, severity }))).toEqual([
      { field: 'calculation', code: 'function-pulldata', severity: 'warning' },
      { field: 'choice_filter', code: 'choice-column-unknown', severity: 'warning' },
    ]);
    expect(formErrors(issues)).toEqual([]);
    // At run time as in ODK Collect: pulldata() is empty, the filter offers no choice at all.
    const compiled = compileForm(f);
    const today = { today: '2026-01-05' };
    expect(validateSubmission(compiled, { lieblingsfarbe: 'rot', relevant_too: 'x' }, today)).toEqual({
      ok: true,
      // An empty calculation is not stored; relevant_too is asked because ${obst} is ''.
      answers: { lieblingsfarbe: 'rot', relevant_too: 'x' },
    });
    expect(validateSubmission(compiled, { pastell: 'flieder' }, today)).toMatchObject({
      ok: false,
      issues: [{ path: 'pastell', code: 'filtered_choice' }],
    });
    // The same filter naming an existing column offers the matching choices.
    const known = compileForm({
      ...f,
      children: f.children.map((n) => (n.name === 'pastell' ? { ...n, choiceFilter: "pastell='ja'" } : n)),
    });
    expect(validateSubmission(known, { pastell: 'flieder' }, today)).toMatchObject({ ok: true });
  });

  it('names every issue with a code and parameters besides the English reason', () => {
    const issues = validateFormModel(
      form(
        [
          question({ name: 'alter', type: 'integer', relevant: '${altr} > 3' }),
          question({ name: 'wahl', type: 'select_one', listName: 'fehlt', likert: false }),
        ],
        [],
      ),
    );
    expect(issues.map(({ field, code, params, reason }) => ({ field, code, params, reason }))).toEqual([
      { field: 'relevant', code: 'field-unknown', params: { name: 'altr' }, reason: 'unknown field ${altr}' },
      {
        field: 'type',
        code: 'list-unknown',
        params: { list: 'fehlt' },
        reason: 'unknown choice list "fehlt"',
      },
    ]);
  });

  it('flags a question that shares the area list: its choices would turn into areas', () => {
    const issues = validateFormModel(
      form(
        [
          question({ name: 'gebiet', type: 'area', listName: 'skala', method: 'choice' }),
          question({ name: 'zufrieden', type: 'select_one', listName: 'skala', likert: true }),
        ],
        [{ name: 'skala', choices: [choice('1'), choice('2'), choice('3')] }],
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      target: { name: 'zufrieden' },
      field: 'type',
      code: 'list-is-area-list',
      params: { list: 'skala', areaQuestion: 'gebiet', type: 'select_one' },
    });
  });

  it('accepts an area list used by area questions only', () => {
    const issues = validateFormModel(
      form(
        [
          question({ name: 'gebiet', type: 'area', listName: 'gebiete', method: 'choice' }),
          question({ name: 'arbeit', type: 'area', listName: 'gebiete', method: 'choice' }),
        ],
        [{ name: 'gebiete', choices: [choice('01'), choice('02')] }],
      ),
    );
    expect(issues).toEqual([]);
  });

  it('refuses a repeat_count written as a number above the most instances a repeat holds', () => {
    const sized = (repeatCount: string): Group => ({
      ...group('personen', true, [question({ name: 'alter', type: 'integer' })]),
      repeatCount,
    });
    const issuesFor = (repeatCount: string) =>
      validateFormModel(form([question({ name: 'n', type: 'integer' }), sized(repeatCount)], [])).map(
        ({ field, code, params, reason, severity }) => ({ field, code, params, reason, severity }),
      );
    expect(issuesFor('80')).toEqual([
      {
        field: 'repeat_count',
        code: 'repeat-count-too-large',
        params: { count: 80, max: 50 },
        reason: 'repeat_count 80 asks for more than the 50 instances a repeat holds',
        severity: 'error',
      },
    ]);
    expect(issuesFor("' 51.5 '").map((i) => i.params)).toEqual([{ count: 51, max: 50 }]);
    // At the most, and a count computed from answers (sized to the most when it runs), are fine.
    expect(issuesFor('50')).toEqual([]);
    expect(issuesFor('${n}')).toEqual([]);
    expect(issuesFor('${n} * 100')).toEqual([]);
  });

  describe('names, scoped as pyxform scopes them where the stored answers allow', () => {
    const codes = (children: FormNode[]) =>
      validateFormModel(form(children, [])).map(({ target, code, params }) => ({
        name: (target as FormNode).name,
        code,
        params,
      }));

    it('accepts the same name in the form and in nested repeats (answers nest per instance)', () => {
      expect(
        codes([
          question({ name: 'name', type: 'text' }),
          group('kinder', true, [
            question({ name: 'name', type: 'text' }),
            group('serien', true, [question({ name: 'name', type: 'text' })]),
          ]),
        ]),
      ).toEqual([]);
    });

    it('refuses a name twice in one repeat, also across its plain groups (they do not nest answers)', () => {
      expect(
        codes([
          group('kinder', true, [
            question({ name: 'name', type: 'text' }),
            group('schule', false, [question({ name: 'name', type: 'text' })]),
          ]),
          group('a', false, [question({ name: 'q', type: 'text' })]),
          group('b', false, [question({ name: 'q', type: 'text' })]),
        ]),
      ).toEqual([
        { name: 'name', code: 'name-duplicate', params: { name: 'name' } },
        { name: 'q', code: 'name-duplicate', params: { name: 'q' } },
      ]);
    });

    it('refuses a repeat name used twice anywhere in the form, as pyxform does', () => {
      expect(
        codes([
          group('kinder', true, [group('serien', true, [question({ name: 'titel', type: 'text' })])]),
          group('serien', true, [question({ name: 'titel', type: 'text' })]),
        ]),
      ).toEqual([{ name: 'serien', code: 'repeat-name-duplicate', params: { name: 'serien' } }]);
    });

    it('refuses a ${name} reference to a name used more than once, as pyxform does', () => {
      const issues = validateFormModel(
        form(
          [
            question({ name: 'name', type: 'text' }),
            group('kinder', true, [
              question({ name: 'name', type: 'text' }),
              question({
                name: 'gruss',
                type: 'note',
                label: { de: 'Hallo ${name}' },
                relevant: "${name} != ''",
              }),
            ]),
          ],
          [],
        ),
      );
      expect(issues.map(({ field, code, params, reason }) => ({ field, code, params, reason }))).toEqual([
        {
          field: 'relevant',
          code: 'field-ambiguous',
          params: { name: 'name', count: 2 },
          reason: '${name} is ambiguous: 2 questions are named "name"',
        },
      ]);
    });
  });
});
