import type { Form, Question } from '@quartier/survey-core';
import { incompatibleFormChanges, uncollectedQuestionProblems } from './form-rules';

const question = (name: string, type: Question['type']): Question =>
  ({
    kind: 'question',
    name,
    type,
    label: { de: name },
    hint: {},
    required: false,
    requiredMessage: {},
    constraintMessage: {},
    readOnly: false,
    extra: {},
  }) as Question;

const form = (children: Form['children']): Form => ({
  settings: { formId: 'f', defaultLanguage: 'de', extra: {} },
  children,
  choiceLists: [],
});

const repeat = (name: string, children: Form['children']): Form['children'][number] => ({
  kind: 'group',
  repeat: true,
  name,
  label: { de: name },
  extra: {},
  children,
});

describe('form rules', () => {
  it('names every upload question that keeps a survey from opening, and nothing else', () => {
    expect(
      uncollectedQuestionProblems(
        form([
          question('name', 'text'),
          repeat('kinder', [question('foto', 'image'), question('akte', 'file')]),
        ]),
      ),
    ).toEqual([
      'question foto (image): uploads are not collected — responses are anonymous and carry no photos, recordings or files; remove the question or make it a note',
      'question akte (file): uploads are not collected — responses are anonymous and carry no photos, recordings or files; remove the question or make it a note',
    ]);
    expect(uncollectedQuestionProblems(form([question('name', 'text')]))).toEqual([]);
  });

  it('compares questions by their place: moving a question into a repeat moves its stored answers', () => {
    const before = form([question('name', 'text'), repeat('kinder', [question('name', 'text')])]);
    expect(incompatibleFormChanges(before, before)).toEqual([]);
    const moved = form([repeat('kinder', [question('name', 'text')]), question('alter', 'integer')]);
    expect(incompatibleFormChanges(before, moved)).toEqual([
      { code: 'question-removed', params: { question: 'name' }, reason: 'question name was removed' },
    ]);
    const retyped = form([question('name', 'text'), repeat('kinder', [question('name', 'integer')])]);
    expect(incompatibleFormChanges(before, retyped)).toEqual([
      {
        code: 'question-type-changed',
        params: { question: 'kinder/name', from: 'text', to: 'integer' },
        reason: 'question kinder/name changed its type from text to integer',
      },
    ]);
  });

  it('names the options a changed list no longer offers', () => {
    const choice = (name: string) => ({ name, label: { de: name }, properties: {} });
    const withList = (names: string[]): Form => ({
      ...form([{ ...question('wohnform', 'select_one'), listName: 'wohnformen' } as Question]),
      choiceLists: [{ name: 'wohnformen', choices: names.map(choice) }],
    });
    expect(incompatibleFormChanges(withList(['miete', 'eigentum', 'wg']), withList(['miete']))).toEqual([
      {
        code: 'options-removed',
        params: { question: 'wohnform', options: 'eigentum, wg' },
        reason: 'question wohnform lost the option(s) eigentum, wg',
      },
    ]);
  });
});
