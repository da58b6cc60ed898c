// Checks that refuse a form or a survey's indicator items with a 422 naming what is wrong.
import {
  type Form,
  compileForm,
  findChoiceList,
  formErrors,
  formQuestions,
  likertScale,
} from '@quartier/survey-core';
import { SurveyApiError } from '../survey.errors';
import type { IndicatorItem } from '../surveys/survey.dto';
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
