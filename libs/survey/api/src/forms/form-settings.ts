// What a survey's settings need of its questionnaire: each indicator item a question that fits its
// measure, the weighting a select_one outside repeats that still offers the cells it has figures
// for. Checked when a setting is saved (form-checks) and when a new form version is stored, since
// a form that drops or changes such a question leaves the setting publishing or weighting nothing,
// without a word. Each problem has a stable code and the values it names, for the portal's words.
import {
  type Form,
  type Question,
  type SelectOneQuestion,
  findChoiceList,
  formQuestions,
  likertScale,
} from '@quartier/survey-core';

// Plain shapes rather than the DTO's types: the DTO names these codes in its schema.
interface IndicatorItemRef {
  readonly code: string;
  readonly question: string;
  readonly measure: 'share' | 'topTwoBox' | 'mean';
  readonly options: readonly string[];
}
interface WeightingRef {
  readonly question: string;
  readonly population: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

type Params = Readonly<Record<string, string>>;

const SETTING_PROBLEM_REASONS = {
  'indicator-question-missing': (p) => `no question ${p['question']} outside repeats`,
  'indicator-needs-numeric': () => 'a mean needs a numeric question',
  'indicator-needs-likert': () => 'top-2-box needs a Likert item',
  'indicator-needs-select': () => 'a share needs a select question',
  'indicator-scale-too-short': () => 'the scale has fewer than two points',
  'indicator-options-missing': (p) => `${p['options']} not options of ${p['question']}`,
  'weighting-question-missing': (p) => `no question ${p['question']}`,
  'weighting-question-in-repeat': (p) =>
    `${p['question']} lies inside repeat ${p['repeat']}; a weighting needs a select_one outside repeats`,
  'weighting-question-not-select-one': (p) =>
    `${p['question']} is of type ${p['type']}; a weighting needs a select_one outside repeats`,
  'weighting-options-missing': (p) =>
    `the population figures name ${p['options']}, which ${p['question']} does not offer`,
} as const satisfies Record<string, (p: Params) => string>;

export type SettingProblemCode = keyof typeof SETTING_PROBLEM_REASONS;
export const SETTING_PROBLEM_CODES = Object.keys(SETTING_PROBLEM_REASONS) as SettingProblemCode[];

/** A setting the form does not serve: its field (`indicatorItems.2.question`), by code, in English. */
export interface SettingProblem {
  readonly field: string;
  readonly code: SettingProblemCode;
  /** `question`, and for an indicator item `indicator` (its code); `options`, `repeat` or `type`. */
  readonly params: Params;
  readonly reason: string;
}

function settingProblem(field: string, code: SettingProblemCode, params: Params): SettingProblem {
  return { field, code, params, reason: SETTING_PROBLEM_REASONS[code](params) };
}

/** The first reason each indicator item does not fit the form (at most one per item). */
export function indicatorItemProblems(form: Form, items: readonly IndicatorItemRef[]): SettingProblem[] {
  const questions = new Map(
    formQuestions(form)
      .filter((q) => q.repeats.length === 0)
      .map(({ question }) => [question.name, question]),
  );
  return items.flatMap((item, index) => {
    const problem = itemProblem(form, questions.get(item.question), item);
    if (!problem) return [];
    const [part, code, extra] = problem;
    const params = { indicator: item.code, question: item.question, ...extra };
    return [settingProblem(`indicatorItems.${index}.${part}`, code, params)];
  });
}

type ItemProblem = [part: 'question' | 'measure' | 'options', code: SettingProblemCode, extra?: Params];

function itemProblem(form: Form, q: Question | undefined, item: IndicatorItemRef): ItemProblem | undefined {
  if (!q) return ['question', 'indicator-question-missing'];
  if (item.measure === 'mean' && q.type !== 'integer' && q.type !== 'decimal')
    return ['measure', 'indicator-needs-numeric'];
  if (item.measure === 'topTwoBox') {
    if (!(q.type === 'select_one' && q.likert)) return ['measure', 'indicator-needs-likert'];
    const list = findChoiceList(form, q.listName);
    if (!list || likertScale(list).length < 2) return ['measure', 'indicator-scale-too-short'];
  }
  if (item.measure === 'share') {
    const list =
      'listName' in q && (q.type === 'select_one' || q.type === 'select_multiple')
        ? findChoiceList(form, q.listName)
        : undefined;
    if (!list) return ['measure', 'indicator-needs-select'];
    const missing = item.options.filter((o) => !list.choices.some((c) => c.name === o));
    if (missing.length > 0) return ['options', 'indicator-options-missing', { options: missing.join(', ') }];
  }
  return undefined;
}

/** The weighting's question: a select_one outside repeats, or why the form has none by that name. */
export function weightingQuestion(
  form: Form,
  name: string,
): { question: SelectOneQuestion; problem?: undefined } | { question?: undefined; problem: SettingProblem } {
  const found = formQuestions(form).filter(({ question }) => question.name === name);
  const outside = found.find((q) => q.repeats.length === 0)?.question;
  const refuse = (code: SettingProblemCode, params: Params) => ({
    problem: settingProblem('weighting.question', code, { question: name, ...params }),
  });
  if (!outside && found.length > 0)
    return refuse('weighting-question-in-repeat', { repeat: found[0].repeats.at(-1) ?? '' });
  if (!outside) return refuse('weighting-question-missing', {});
  if (outside.type !== 'select_one')
    return refuse('weighting-question-not-select-one', { type: outside.type });
  return { question: outside };
}

/**
 * Why a new form version cannot serve the survey's settings: each indicator item's question and
 * options, the weighting's question and every cell it has population figures for (an option the
 * form dropped can no longer be answered, so that cell's figures would weight nobody).
 */
export function settingsBrokenByForm(
  form: Form,
  items: readonly IndicatorItemRef[],
  weighting: WeightingRef | null,
): SettingProblem[] {
  const problems = indicatorItemProblems(form, items);
  if (!weighting) return problems;
  const { question, problem } = weightingQuestion(form, weighting.question);
  if (problem) return [...problems, problem];
  const options = new Set(findChoiceList(form, question.listName)?.choices.map((c) => c.name));
  const cells = new Set(Object.values(weighting.population).flatMap((byCell) => Object.keys(byCell)));
  const missing = [...cells].filter((cell) => !options.has(cell));
  if (missing.length > 0)
    problems.push(
      settingProblem('weighting.population', 'weighting-options-missing', {
        question: question.name,
        options: missing.join(', '),
      }),
    );
  return problems;
}
