import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches, fillPlaceholders } from '@quartier/portal-ui/texts';
import { emptyBinding, type ModelForm } from '../impact-form.ts';
import { DE } from '../texts-de.ts';
import { EN } from '../texts-en.ts';
import {
  IMPACT_ISSUE_TEXTS_DE,
  IMPACT_ISSUE_TEXTS_EN,
  impactIssuesOf,
  impactIssueText,
  type ImpactIssueView,
} from './impact-issues.ts';

const form: ModelForm = {
  id: 'm',
  title: 'QM',
  description: '',
  nodes: [
    {
      id: 'a',
      type: 'activity',
      step: 1,
      title: 'Kurse',
      description: '',
      assumptions: '',
      risks: '',
      bindings: [],
    },
    {
      id: 'o',
      type: 'outcome',
      step: 6,
      title: 'Weniger Kinderarmut',
      description: '',
      assumptions: '',
      risks: '',
      bindings: [
        { ...emptyBinding('b1'), label: 'Kinderarmut (S4)', baselinePeriod: ' 2019/20 ' },
        { ...emptyBinding('b2'), baselinePeriod: '2025-W53' },
      ],
    },
  ],
  edges: [{ from: 'a', to: 'o' }],
};

/** The sentence as the panel shows it: the issue's text, the field's label in the same language. */
function sentence(issue: ImpactIssueView, language: 'de' | 'en'): string | null {
  const text = impactIssueText(issue, form);
  if (!text) return null;
  const [issues, labels] = language === 'de' ? [IMPACT_ISSUE_TEXTS_DE, DE] : [IMPACT_ISSUE_TEXTS_EN, EN];
  return fillPlaceholders(issues[text.key], { ...text.params, field: text.field ? labels[text.field] : '' });
}

const at = (path: string): ImpactIssueView => ({ path, reason: 'the service’s English reason' });

describe('impact model problems', () => {
  it('names a baseline period outside the period grammar with the node, the evidence and the text typed', () => {
    assert.equal(
      sentence(at('nodes.1.bindings.0.baseline.period'), 'de'),
      '„Weniger Kinderarmut“, Kinderarmut (S4): Die Ausgangsperiode „2019/20“ ist keine Periode des Kalenders. Möglich sind Jahr, Halbjahr, Quartal, Monat, ISO-Woche, Stichtag oder Zeitraum ab einem Tag: 2024, 2024H1, 2024Q3, 2024-05, 2024-W10, 2024-12-31, 2024-04-01/P1Y.',
    );
    assert.equal(
      sentence(at('nodes.1.bindings.1.baseline.period'), 'en'),
      '“Weniger Kinderarmut”, b2: the baseline period “2025-W53” is no period of the calendar. Use a year, half-year, quarter, month, ISO week, reference date or a span from a day: 2024, 2024H1, 2024Q3, 2024-05, 2024-W10, 2024-12-31, 2024-04-01/P1Y.',
    );
  });

  it('names another field of an evidence binding by its label', () => {
    assert.equal(
      sentence(at('nodes.1.bindings.0.target.date'), 'de'),
      '„Weniger Kinderarmut“, Kinderarmut (S4): Zieldatum ist ungültig.',
    );
    assert.equal(
      sentence(at('nodes.1.bindings.1.source.indicatorCode'), 'en'),
      '“Weniger Kinderarmut”, b2: Indicator (code) is invalid.',
    );
  });

  it('leaves problems outside the form’s evidence fields to the general sentence', () => {
    for (const path of [
      'edges.0',
      'nodes.1.title',
      'nodes.1.bindings.0.id',
      'nodes.1.bindings.5.baseline.period',
      'nodes.7.bindings.0.baseline.period',
      'nodes.1.bindings.0.constructor',
    ])
      assert.equal(impactIssueText(at(path), form), null, path);
  });

  it('reads the located problems of a 422 and nothing from other failures', () => {
    const issues = [{ path: 'nodes.1.bindings.0.baseline.period', reason: '"2019/20" is not a period' }];
    assert.deepEqual(
      impactIssuesOf({ error: { code: 'InvalidImpactModel', details: { issueCount: 1, issues } } }),
      issues,
    );
    assert.deepEqual(impactIssuesOf({ error: { details: { issues: [{ path: 1 }, null, 'x'] } } }), []);
    assert.deepEqual(impactIssuesOf({ error: 'Bad Gateway' }), []);
    assert.deepEqual(impactIssuesOf(new Error('offline')), []);
    assert.deepEqual(impactIssuesOf(null), []);
  });

  it('has every sentence in German and English with the same placeholders', () => {
    assert.deepEqual(dictionaryMismatches(IMPACT_ISSUE_TEXTS_DE, IMPACT_ISSUE_TEXTS_EN), []);
  });
});
