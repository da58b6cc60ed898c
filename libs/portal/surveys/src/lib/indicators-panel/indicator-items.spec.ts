import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  FormModel,
  FormNode,
  GroupNode,
  IndicatorCell,
  IndicatorItem,
  QuestionNode,
} from '../survey-api.ts';
import {
  cleanItem,
  draftProblems,
  indicatorQuestions,
  labelIn,
  previewRows,
  publishSummary,
  refusedItemFields,
} from './indicator-items.ts';

const question = (
  name: string,
  type: QuestionNode['type'],
  extra: Partial<QuestionNode> = {},
): QuestionNode => ({
  kind: 'question',
  type,
  name,
  label: { de: `Frage ${name}` },
  hint: {},
  required: false,
  requiredMessage: {},
  constraintMessage: {},
  readOnly: false,
  extra: {},
  ...extra,
});
const group = (name: string, repeat: boolean, children: FormNode[]): GroupNode => ({
  kind: 'group',
  name,
  label: {},
  repeat,
  extra: {},
  children,
});
const choice = (name: string, properties: Record<string, string> = {}) => ({
  name,
  label: { de: name.toUpperCase() },
  properties,
});

const FORM: FormModel = {
  settings: { formId: 'test', defaultLanguage: 'de', extra: {} },
  children: [
    question('gebiet', 'area', { listName: 'gebiete' }),
    question('zone', 'select_one', { listName: 'gebiete' }),
    question('sicher', 'select_one', { listName: 'skala', likert: true }),
    question('zwei', 'select_one', { listName: 'zwei_werte', likert: true }),
    question('kommentar', 'text'),
    group('alltag', false, [
      question('angebote', 'select_multiple', { listName: 'angebote' }),
      question('alter', 'integer'),
    ]),
    group('kinder', true, [question('kind_alter', 'decimal')]),
    question('rang', 'rank', { listName: 'angebote' }),
    question('miete', 'decimal'),
    question('ohne_liste', 'select_one', { listName: 'fehlt' }),
  ],
  choiceLists: [
    { name: 'gebiete', choices: [choice('01'), choice('02')] },
    { name: 'skala', choices: [choice('gar_nicht'), choice('eher'), choice('sehr')] },
    // One point on the scale (the others carry no scale value): no top-2.
    {
      name: 'zwei_werte',
      choices: [choice('ja', { scale_value: '1' }), choice('weiss_nicht')],
    },
    { name: 'angebote', choices: [choice('bibliothek'), choice('familienzentrum'), choice('sport')] },
  ],
};

describe('indicatorQuestions', () => {
  const questions = indicatorQuestions(FORM, 'gebiet');

  it('offers choice and number questions outside repeats, never the area question, free text or rankings', () => {
    assert.deepEqual(
      questions.map((q) => q.name),
      ['zone', 'sicher', 'zwei', 'angebote', 'alter', 'miete'],
    );
  });

  it('offers top-2 for a Likert item with two points or more, a share for every choice, a mean for numbers', () => {
    const measures = Object.fromEntries(questions.map((q) => [q.name, q.measures]));
    assert.deepEqual(measures, {
      zone: ['share'],
      sicher: ['topTwoBox', 'share'],
      zwei: ['share'],
      angebote: ['share'],
      alter: ['mean'],
      miete: ['mean'],
    });
    assert.deepEqual(
      questions.find((q) => q.name === 'angebote')?.choices.map((c) => c.name),
      ['bibliothek', 'familienzentrum', 'sport'],
    );
    assert.deepEqual(questions.find((q) => q.name === 'alter')?.choices, []);
  });

  it('leaves out the question the survey names as its area question, whatever its type', () => {
    assert.ok(!indicatorQuestions(FORM, 'zone').some((q) => q.name === 'zone'));
  });
});

describe('draftProblems', () => {
  const questions = indicatorQuestions(FORM, 'gebiet');
  const share: IndicatorItem = {
    code: 'befragung.angebote',
    name: 'Nutzt Angebote',
    question: 'angebote',
    measure: 'share',
    options: ['bibliothek', 'sport'],
  };

  it('accepts a share of chosen answers, a top-2 of a Likert item and a mean of a number', () => {
    assert.deepEqual(draftProblems(share, questions, []), {});
    assert.deepEqual(
      draftProblems({ ...share, question: 'sicher', measure: 'topTwoBox', options: [] }, questions, []),
      {},
    );
    assert.deepEqual(
      draftProblems({ ...share, question: 'miete', measure: 'mean', options: [] }, questions, []),
      {},
    );
  });

  it('refuses a code outside the service’s pattern, and one another item has', () => {
    for (const code of ['Befragung', '1abc', 'a', 'mit leerzeichen', 'ä_code'])
      assert.equal(draftProblems({ ...share, code }, questions, []).code, 'codePattern', code);
    assert.equal(draftProblems(share, questions, ['befragung.angebote']).code, 'codeTaken');
  });

  it('refuses an empty name, an unknown question and a measure the question does not allow', () => {
    assert.equal(draftProblems({ ...share, name: '  ' }, questions, []).name, 'nameMissing');
    assert.equal(
      draftProblems({ ...share, question: 'kommentar' }, questions, []).question,
      'questionMissing',
    );
    assert.equal(draftProblems({ ...share, measure: 'mean' }, questions, []).measure, 'measureNotAllowed');
    assert.equal(
      draftProblems({ ...share, question: 'zwei', measure: 'topTwoBox' }, questions, []).measure,
      'measureNotAllowed',
    );
    assert.equal(
      draftProblems({ ...share, question: 'alter', measure: 'share' }, questions, []).measure,
      'measureNotAllowed',
    );
  });

  it('wants a share to count at least one answer, all of them the question’s', () => {
    assert.equal(draftProblems({ ...share, options: [] }, questions, []).options, 'optionsMissing');
    assert.equal(
      draftProblems({ ...share, options: ['bibliothek', 'kino'] }, questions, []).options,
      'optionsMissing',
    );
  });
});

describe('cleanItem and refusedItemFields', () => {
  it('trims the name and keeps options only for a share', () => {
    assert.deepEqual(
      cleanItem({ code: 'x.y', name: ' Top ', question: 'sicher', measure: 'topTwoBox', options: ['sehr'] }),
      { code: 'x.y', name: 'Top', question: 'sicher', measure: 'topTwoBox', options: [] },
    );
  });

  it('reads the items and fields a refusal names, from the check and from input validation', () => {
    assert.deepEqual(
      refusedItemFields([
        'indicatorItems.2.measure',
        'indicatorItems.0.code',
        'indicatorItems.1.options.0',
        'title',
      ]),
      [
        { index: 2, field: 'measure' },
        { index: 0, field: 'code' },
        { index: 1, field: 'options' },
      ],
    );
  });
});

describe('labelIn', () => {
  it('takes the reader’s language, else German, else any text, else the name', () => {
    assert.equal(labelIn({ de: 'Sicher', en: 'Safe' }, 'en', 'q'), 'Safe');
    assert.equal(labelIn({ de: 'Sicher' }, 'en', 'q'), 'Sicher');
    assert.equal(labelIn({ fr: 'Sûr' }, 'en', 'q'), 'Sûr');
    assert.equal(labelIn({}, 'de', 'q'), 'q');
  });
});

describe('previewRows and publishSummary', () => {
  const cell = (group: string, value: number): IndicatorCell => ({
    group,
    suppressed: null,
    value,
    n: 12,
    ci: [value - 0.1, value + 0.1],
  });
  const suppressed = (group: string): IndicatorCell => ({ group, suppressed: 'primary' });
  const group = (key: string, areaId: string, name: string) => ({
    key,
    areaId,
    name,
    level: 'planungsraum',
    parentKey: 'p',
    population: null,
    respondents: null,
    responseRate: null,
    suppressed: null,
  });

  it('lists each area with its key, each group above, then the total, a cell per indicator', () => {
    const rows = previewRows(
      {
        areas: [group('011101', 'a1', 'Mitte'), group('011102', 'a2', 'Nord')],
        parents: [group('0111', 'p1', 'Bezirk')],
      },
      [
        {
          areas: [cell('011101', 0.5), suppressed('011102')],
          parents: [cell('0111', 0.4)],
          total: cell('*', 0.45),
        },
        {
          areas: [cell('011101', 3.2), cell('011102', 2.9)],
          parents: [cell('0111', 3)],
          total: cell('*', 3.1),
        },
      ],
      { total: 'Gesamt', parentName: (name) => `${name} (darüber)` },
    );
    assert.deepEqual(
      rows.map((r) => [
        r.level,
        r.name,
        r.cells.map((c) => (c.suppressed === null ? c.value : c.suppressed)),
      ]),
      [
        ['area', '011101 Mitte', [0.5, 3.2]],
        ['area', '011102 Nord', ['primary', 2.9]],
        ['parent', 'Bezirk (darüber)', [0.4, 3]],
        ['total', 'Gesamt', [0.45, 3.1]],
      ],
    );
  });

  it('counts the values sent and names each suppressed area once, in order', () => {
    const value = (areaId: string) => ({ areaId, value: 0.5, n: 12, ciLower: 0.4, ciUpper: 0.6 });
    const summary = publishSummary(
      {
        items: [
          {
            indicatorCode: 'a',
            name: 'A',
            question: 'q',
            measure: 'share',
            options: ['x'],
            values: [value('a1'), value('p1')],
            suppressedAreaIds: ['a2'],
          },
          {
            indicatorCode: 'b',
            name: 'B',
            question: 'r',
            measure: 'mean',
            options: [],
            values: [value('p1')],
            suppressedAreaIds: ['a3', 'a2'],
          },
        ],
      },
      new Map([
        ['a2', '011102 Nord'],
        ['a3', '011103 Süd'],
      ]),
    );
    assert.deepEqual(summary, {
      values: 3,
      items: 2,
      suppressed: ['011102 Nord', '011103 Süd'],
      perItem: [
        { code: 'a', values: 2, suppressed: 1 },
        { code: 'b', values: 1, suppressed: 2 },
      ],
    });
  });
});
