// Checks that refuse a form, a survey's indicator items or its weighting with a 422 naming what
// is wrong.
import { type Form, compileForm, findChoiceList, formErrors } from '@quartier/survey-core';
import { SurveyApiError } from '../survey.errors';
import type { IndicatorItem, Weighting } from '../surveys/survey.dto';
import { describeModelIssues } from './form-rules';
import { indicatorItemProblems, settingsBrokenByForm, weightingQuestion } from './form-settings';

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

/**
 * Each indicator item names a question outside repeats whose type fits the item's measure. A
 * refusal names the item's field (`indicatorItems.2.measure`), so an editor can show it there.
 */
export function assertIndicatorItems(form: Form, items: readonly IndicatorItem[]): void {
  const [first] = indicatorItemProblems(form, items);
  if (!first) return;
  const { field, params, reason } = first;
  throw new SurveyApiError('InvalidIndicatorItem', `indicator ${params['indicator']}: ${reason}`, [
    { field, message: reason },
  ]);
}

/**
 * A weighting's question is a select_one outside repeats (each respondent falls in one cell), its
 * areas are the survey's target areas by code and its cells that question's options: a mistyped
 * key or cell would leave its area unweighted without a word. Every problem is named by its field
 * (`weighting.question`, `weighting.population.<area>`, `weighting.population.<area>.<cell>`).
 *
 * Checked when the weighting is set, against the target areas of that moment. Target areas
 * changed later may leave an area of the weighting without a target area: its figures are then
 * ignored (an area without respondents gets no weights) and count again if the area comes back;
 * saving the weighting again asks for it to be corrected, and until it is the survey does not open
 * and gives no weighted results and publishes none (both check it again). A new form version that drops the question or one of its cells is
 * refused (`settingsBrokenByForm`).
 */
export function assertWeighting(form: Form, targetAreaKeys: readonly string[], weighting: Weighting): void {
  const problems: { field: string; message: string }[] = [];
  const refuse = (field: string, message: string) => problems.push({ field, message });
  const { question, problem } = weightingQuestion(form, weighting.question);
  if (problem) refuse(problem.field, problem.reason);
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

/**
 * A new form version must still serve the survey's indicator items and weighting: a question they
 * name that is gone, changed its type or lost an option would leave them publishing or weighting
 * nothing. Refused so the planner first changes the setting or keeps the question; each problem
 * names the setting's field and says it by code (`details.settings`), in English in `reasons`.
 */
export function assertFormServesSettings(
  form: Form,
  settings: { indicatorItems: readonly IndicatorItem[]; weighting: Weighting | null },
): void {
  const problems = settingsBrokenByForm(form, settings.indicatorItems, settings.weighting);
  if (problems.length === 0) return;
  const reasons = problems.map((p) => `${p.field}: ${p.reason}`);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new SurveyApiError('FormBreaksSettings', `the form does not serve ${reasons[0]}${more}`, {
    reasons,
    settings: problems,
  });
}
