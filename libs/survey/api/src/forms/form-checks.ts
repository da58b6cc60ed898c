// Checks that refuse a form, a survey's indicator items or its weighting with a 422 naming what
// is wrong.
import {
  type Form,
  compileForm,
  findChoiceList,
  formErrors,
  formQuestions,
  likertScale,
} from '@quartier/survey-core';
import { SurveyApiError } from '../survey.errors';
import type { IndicatorItem, Weighting } from '../surveys/survey.dto';
import { describeModelIssues } from './form-rules';

/**
 * The core's model checks, then compilation (expressions): a form that fails either is not stored.
 * Warnings do not refuse it; the form check (`checkForm`) shows them.
 */
export function assertValidForm(form: Form): void {
  const issues = formErrors(describeModelIssues(form));
  if (issues.length > 0)
    throw new SurveyApiError(
      'InvalidFormModel',
      `the form has ${issues.length} error(s): ${issues[0].target} (${issues[0].field}): ${issues[0].reason}`,
      { issues },
    );
  compileForm(form);
}

/** The part of an indicator item a refusal is about (the 422 names it as `indicatorItems.<i>.<part>`). */
type IndicatorItemPart = 'question' | 'measure' | 'options';

/**
 * Each indicator item names a question outside repeats whose type fits the item's measure. A
 * refusal names the item's field (`indicatorItems.2.measure`), so an editor can show it there.
 */
export function assertIndicatorItems(form: Form, items: readonly IndicatorItem[]): void {
  const questions = new Map(
    formQuestions(form)
      .filter((q) => q.repeats.length === 0)
      .map(({ question }) => [question.name, question]),
  );
  items.forEach((item, index) => {
    const refuse = (part: IndicatorItemPart, reason: string): never => {
      throw new SurveyApiError('InvalidIndicatorItem', `indicator ${item.code}: ${reason}`, [
        { field: `indicatorItems.${index}.${part}`, message: reason },
      ]);
    };
    const q = questions.get(item.question);
    if (!q) return refuse('question', `no question ${item.question} outside repeats`);
    if (item.measure === 'mean' && q.type !== 'integer' && q.type !== 'decimal')
      refuse('measure', 'a mean needs a numeric question');
    if (item.measure === 'topTwoBox' && !(q.type === 'select_one' && q.likert))
      refuse('measure', 'top-2-box needs a Likert item');
    if (item.measure === 'share') {
      const list =
        'listName' in q && (q.type === 'select_one' || q.type === 'select_multiple')
          ? findChoiceList(form, q.listName)
          : undefined;
      if (!list) return refuse('measure', 'a share needs a select question');
      const missing = item.options.filter((o) => !list.choices.some((c) => c.name === o));
      if (missing.length > 0) refuse('options', `${missing.join(', ')} not options of ${q.name}`);
    }
    if (item.measure === 'topTwoBox' && 'listName' in q) {
      const list = findChoiceList(form, q.listName);
      if (!list || likertScale(list).length < 2) refuse('measure', 'the scale has fewer than two points');
    }
  });
}

/**
 * A weighting's question is a select_one outside repeats (each respondent falls in one cell), its
 * areas are the survey's target areas by code and its cells that question's options: a mistyped
 * key or cell would leave its area unweighted without a word. Every problem is named by its field
 * (`weighting.question`, `weighting.population.<area>`, `weighting.population.<area>.<cell>`).
 *
 * Checked when the weighting is set, against the target areas of that moment. Target areas
 * changed later may leave an area of the weighting without a target area (and a new form version
 * may change the question): its figures are then ignored — an area without respondents gets no
 * weights, a respondent without a known cell keeps weight 1 — and count again if the area comes
 * back. Saving the weighting again asks for it to be corrected.
 */
export function assertWeighting(form: Form, targetAreaKeys: readonly string[], weighting: Weighting): void {
  const problems: { field: string; message: string }[] = [];
  const refuse = (field: string, message: string) => problems.push({ field, message });
  const found = formQuestions(form).filter(({ question }) => question.name === weighting.question);
  const outside = found.find((q) => q.repeats.length === 0)?.question;
  const question = outside?.type === 'select_one' ? outside : undefined;
  if (!outside && found.length > 0)
    refuse(
      'weighting.question',
      `${weighting.question} lies inside repeat ${found[0].repeats.at(-1)}; a weighting needs a select_one outside repeats`,
    );
  else if (!outside) refuse('weighting.question', `no question ${weighting.question}`);
  else if (!question)
    refuse(
      'weighting.question',
      `${outside.name} is of type ${outside.type}; a weighting needs a select_one outside repeats`,
    );
  const options = question
    ? new Set(findChoiceList(form, question.listName)?.choices.map((c) => c.name))
    : null;
  const targets = new Set(targetAreaKeys);
  for (const [area, cells] of Object.entries(weighting.population)) {
    if (!targets.has(area))
      refuse(
        `weighting.population.${area}`,
        targets.size === 0
          ? `${area} is not a target area: the survey has none yet`
          : `${area} is not the code of a target area of the survey`,
      );
    for (const cell of Object.keys(cells))
      if (options && question && !options.has(cell))
        refuse(`weighting.population.${area}.${cell}`, `${cell} is not an option of ${question.name}`);
  }
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new SurveyApiError('InvalidWeighting', `${first.field}: ${first.message}${more}`, problems);
  }
}
