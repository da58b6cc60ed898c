// pyxform's `or_other`: a select with it gets the choice `other` in its list and, right after
// it, a text question shown when "other" is chosen. The model holds both explicitly, so an export
// writes them as ordinary rows and the form reads back the same.
import type { FormIssue } from '../errors';
import type { Choice, ChoiceList, Question } from '../model';
import type { ModelTarget } from '../validate-form';

/** Where a model object came from (sheet and row), as the importer tracks it. */
export interface OtherLocation {
  readonly sheet: FormIssue['sheet'];
  readonly row: number;
}

/** pyxform's texts for `or_other`, in German where the form's default language is German. */
function otherTexts(language: string): { choice: string; question: string } {
  return language.split('-')[0] === 'de'
    ? { choice: 'Sonstiges', question: 'Bitte angeben:' }
    : { choice: 'Other', question: 'Specify other.' };
}

/** The text question pyxform adds after a select with `or_other`, shown when "other" is chosen. */
export function otherQuestion(name: string, language: string): Question {
  return {
    kind: 'question',
    type: 'text',
    name: `${name}_other`,
    label: { [language]: otherTexts(language).question },
    hint: {},
    required: false,
    requiredMessage: {},
    relevant: `selected(\${${name}}, 'other')`,
    constraintMessage: {},
    readOnly: false,
    extra: {},
  };
}

/** Lists of `or_other` questions get the choice `other` (unless they have one), as pyxform adds it. */
export function withOtherChoices<L extends OtherLocation>(
  lists: readonly ChoiceList[],
  otherLists: ReadonlySet<string>,
  language: string,
  locations: Map<ModelTarget, L>,
): ChoiceList[] {
  return lists.map((list) => {
    if (!otherLists.has(list.name) || list.choices.some((c) => c.name === 'other')) return list;
    const other: Choice = {
      name: 'other',
      label: { [language]: otherTexts(language).choice },
      properties: {},
    };
    const extended: ChoiceList = { name: list.name, choices: [...list.choices, other] };
    const at = locations.get(list);
    if (at) {
      locations.set(extended, at);
      const last = list.choices[list.choices.length - 1];
      locations.set(other, (last && locations.get(last)) ?? at);
    }
    return extended;
  });
}
