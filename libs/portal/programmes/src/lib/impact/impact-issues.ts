// What the impact panel says about a model the programme service refused (422
// InvalidImpactModel). The service names each problem by its path in the model it was sent
// (`nodes.4.bindings.0.baseline.period`) with an English reason; the panel places those inside an
// evidence binding in the form's words — the node's title, the evidence's label, the field's
// label and, for a baseline period, the text typed — in the reader's language. Other problems
// keep the general sentence of the code.
import type { TranslationParams } from '@quartier/portal-ui/texts';
import type { ModelForm } from '../impact-form';
import type { ProgrammeTextKey } from '../texts';

/** One located problem of a refused model, as the service reports it (the 422's `details.issues`). */
export interface ImpactIssueView {
  readonly path: string;
  readonly reason: string;
}

const FORMS = '2024, 2024H1, 2024Q3, 2024-05, 2024-W10, 2024-12-31, 2024-04-01/P1Y';

export const IMPACT_ISSUE_TEXTS_DE = {
  'impactIssue.baselinePeriod': `„{node}“, {binding}: Die Ausgangsperiode „{value}“ ist keine Periode des Kalenders. Möglich sind Jahr, Halbjahr, Quartal, Monat, ISO-Woche, Stichtag oder Zeitraum ab einem Tag: ${FORMS}.`,
  'impactIssue.bindingField': '„{node}“, {binding}: {field} ist ungültig.',
} as const;

export type ImpactIssueTextKey = keyof typeof IMPACT_ISSUE_TEXTS_DE;

export const IMPACT_ISSUE_TEXTS_EN: Readonly<Record<ImpactIssueTextKey, string>> = {
  'impactIssue.baselinePeriod': `“{node}”, {binding}: the baseline period “{value}” is no period of the calendar. Use a year, half-year, quarter, month, ISO week, reference date or a span from a day: ${FORMS}.`,
  'impactIssue.bindingField': '“{node}”, {binding}: {field} is invalid.',
};

/** The label of the form control for each path inside a binding. */
const FIELD_OF_PATH: Readonly<Record<string, ProgrammeTextKey>> = {
  label: 'bindingLabel',
  'baseline.value': 'baselineValue',
  'baseline.period': 'baselinePeriod',
  'target.value': 'targetValue',
  'target.date': 'targetDate',
  polarity: 'polarity',
  'source.indicatorCode': 'indicatorCode',
  'source.surveyId': 'surveyId',
  'source.question': 'question',
  'source.measure.options': 'options',
  'source.networkId': 'networkId',
  'source.measure.metric': 'metric',
};

/** The located problems of a refused request (an `HttpErrorResponse`'s body), or none. */
export function impactIssuesOf(error: unknown): ImpactIssueView[] {
  const body = (error as { error?: { details?: { issues?: unknown } } } | null)?.error;
  const issues = body?.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is ImpactIssueView =>
      typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.reason === 'string',
  );
}

/** One sentence: its key, its values, and the label of the field it names (to be translated). */
export interface ImpactIssueText {
  readonly key: ImpactIssueTextKey;
  readonly params: TranslationParams;
  readonly field: ProgrammeTextKey | null;
}

/**
 * The sentence for a problem inside an evidence binding of the form that was saved (the model
 * keeps the form's node and binding order), or null for any other problem.
 */
export function impactIssueText(issue: ImpactIssueView, form: ModelForm): ImpactIssueText | null {
  const at = /^nodes\.(\d+)\.bindings\.(\d+)\.(.+)$/.exec(issue.path);
  const node = at ? form.nodes[Number(at[1])] : undefined;
  const binding = at ? node?.bindings[Number(at[2])] : undefined;
  const field = at && Object.hasOwn(FIELD_OF_PATH, at[3]) ? FIELD_OF_PATH[at[3]] : undefined;
  if (!node || !binding || !field) return null;
  const params = { node: node.title || node.id, binding: binding.label || binding.id };
  return field === 'baselinePeriod'
    ? {
        key: 'impactIssue.baselinePeriod',
        params: { ...params, value: binding.baselinePeriod.trim() },
        field,
      }
    : { key: 'impactIssue.bindingField', params, field };
}
