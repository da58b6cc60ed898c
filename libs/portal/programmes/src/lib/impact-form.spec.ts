import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyBinding, modelFromForm, modelToForm, parseNumber, type ApiModel } from './impact-form.ts';

const model: ApiModel = {
  id: 'm',
  title: 'QM',
  nodes: [
    {
      id: 'a',
      type: 'activity',
      step: 1,
      title: 'Kurse',
      assumptions: ['Räume da'],
      risks: [],
      bindings: [],
    },
    {
      id: 'o',
      type: 'outcome',
      step: 6,
      title: 'Weniger Kinderarmut',
      assumptions: [],
      risks: ['Konjunktur'],
      bindings: [
        {
          id: 'b1',
          label: 'Kinderarmut',
          source: { kind: 'indicator', indicatorCode: 'S4', areas: { kind: 'areas', areaIds: ['x'] } },
          baseline: { value: 40, period: '2019' },
          target: { value: 30, date: '2026-12-31' },
          polarity: 'lower-is-better',
        },
      ],
    },
  ],
  edges: [{ from: 'a', to: 'o' }],
};

describe('impact model form', () => {
  it('round-trips a model, keeping named areas the form does not edit', () => {
    assert.deepEqual(modelFromForm(modelToForm(model), model), model);
  });

  it('turns list texts and typed numbers into the model', () => {
    const form = modelToForm(model);
    form.nodes[0].assumptions = ' Räume da \n\nEltern haben Zeit';
    form.nodes[1].bindings[0].targetValue = '27,5';
    const saved = modelFromForm(form, model);
    assert.deepEqual(saved.nodes[0].assumptions, ['Räume da', 'Eltern haben Zeit']);
    assert.equal(saved.nodes[1].bindings[0].target.value, 27.5);
  });

  it('builds survey and network sources and drops bindings from nodes that cannot carry them', () => {
    const form = modelToForm(model);
    const survey = {
      ...emptyBinding('b2'),
      kind: 'survey' as const,
      surveyId: 's',
      question: 'q',
      surveyMeasure: 'share' as const,
      options: 'ja, eher ja',
    };
    const network = { ...emptyBinding('b3'), kind: 'network' as const, networkId: 'n', metric: 'density' };
    form.nodes[1].bindings.push(survey, network);
    form.nodes[0].bindings.push(emptyBinding('b4'));
    const saved = modelFromForm(form, model);
    assert.deepEqual(saved.nodes[1].bindings[1].source, {
      kind: 'survey',
      surveyId: 's',
      question: 'q',
      measure: { kind: 'share', options: ['ja', 'eher ja'] },
    });
    assert.deepEqual(saved.nodes[1].bindings[2].source, {
      kind: 'network',
      networkId: 'n',
      measure: { kind: 'graph', metric: 'density' },
    });
    assert.deepEqual(saved.nodes[0].bindings, []);
  });

  it('reads numbers in both notations and leaves empty ones for the service to name', () => {
    assert.equal(parseNumber('12,5'), 12.5);
    assert.equal(parseNumber('-3.25'), -3.25);
    assert.ok(Number.isNaN(parseNumber('')));
  });
});
