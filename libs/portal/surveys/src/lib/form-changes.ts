// Why a new version of the questionnaire was refused once responses exist (409
// IncompatibleFormChange): one sentence per change, chosen by the survey service's code (its
// `details.changes`, beside the English `reasons`) and filled with the question and options it
// names. The dictionary is typed by the service's codes, so a code added there without a German
// and English sentence here fails the typecheck.
import type { SurveySchemas } from '@quartier/portal-data-access';
import { type CodedRefusal, codedRefusal } from './coded-reasons';

type FormChangeCode = NonNullable<
  SurveySchemas['FormChangeConflictDto_Output']['details']
>['changes'][number]['code'];
type FormChangeKey = `formChange.${FormChangeCode}` | 'formChange.other' | 'formChange.refused';

export const FORM_CHANGE_TEXTS_DE = {
  'formChange.refused':
    'Nicht gespeichert: Es gibt schon Antworten, und diese Änderungen würden sie unbrauchbar machen.',
  'formChange.question-removed': 'Die Frage {question} wurde entfernt.',
  'formChange.question-type-changed': 'Die Frage {question} hat eine andere Fragenart ({from} → {to}).',
  'formChange.options-removed': 'Die Frage {question} bietet diese Antworten nicht mehr an: {options}.',
  'formChange.other': 'Eine Änderung würde gespeicherte Antworten unbrauchbar machen.',
} as const satisfies Record<FormChangeKey, string>;

export type FormChangeTextKey = keyof typeof FORM_CHANGE_TEXTS_DE;

export const FORM_CHANGE_TEXTS_EN: Readonly<Record<FormChangeTextKey, string>> = {
  'formChange.refused': 'Not saved: responses exist, and these changes would make them unusable.',
  'formChange.question-removed': 'The question {question} was removed.',
  'formChange.question-type-changed': 'The question {question} has another type ({from} → {to}).',
  'formChange.options-removed': 'The question {question} no longer offers these answers: {options}.',
  'formChange.other': 'A change would make stored responses unusable.',
};

/**
 * The sentences of a refused form change, or undefined when the error is not one: the heading,
 * then one per change (the general one for an unknown code or a missing value).
 */
export function formChangeTexts(error: unknown): CodedRefusal<FormChangeTextKey> | undefined {
  return codedRefusal(error, 'IncompatibleFormChange', 'changes', FORM_CHANGE_TEXTS_DE, 'formChange');
}
