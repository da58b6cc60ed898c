import type { Form, Question } from './model';
import { validateFormModel } from './validate-form';

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

const form = (children: Question[], lists: Form['choiceLists']): Form => ({
  settings: { formId: 'test', defaultLanguage: 'de', extra: {} },
  children,
  choiceLists: lists,
});

const choice = (name: string) => ({ name, label: { de: name }, properties: {} });

describe('validateFormModel', () => {
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
});
