// Why a new version of the questionnaire was refused because the survey's settings need what it
// drops (422 FormBreaksSettings): one sentence per indicator item or weighting it no longer
// serves, chosen by the survey service's code (`details.settings`, beside the English `reasons`)
// and filled with the indicator, question and options it names. Typed by the service's codes, so
// a code added there without a German and English sentence here fails the typecheck.
import type { SurveySchemas } from '@quartier/portal-data-access';
import { type CodedRefusal, codedRefusal } from './coded-reasons';

type SettingProblemCode = NonNullable<
  SurveySchemas['FormSettingsConflictDto_Output']['details']
>['settings'][number]['code'];
type FormSettingsKey = `formSettings.${SettingProblemCode}` | 'formSettings.other' | 'formSettings.refused';

export const FORM_SETTINGS_TEXTS_DE = {
  'formSettings.refused':
    'Nicht gespeichert: Einstellungen der Befragung brauchen Fragen, die dieser Fragebogen nicht mehr so enthält. Ändern Sie zuerst die Indikatoren bzw. die Gewichtung – oder behalten Sie die Fragen.',
  'formSettings.indicator-question-missing':
    'Indikator {indicator}: Die Frage {question} gibt es nicht mehr (außerhalb von Wiederholgruppen).',
  'formSettings.indicator-needs-numeric':
    'Indikator {indicator} (Mittelwert): Die Frage {question} fragt keine Zahl mehr ab.',
  'formSettings.indicator-needs-likert':
    'Indikator {indicator} (Top-2): Die Frage {question} ist keine Likert-Skala mehr.',
  'formSettings.indicator-needs-select':
    'Indikator {indicator} (Anteil): Die Frage {question} ist keine Auswahlfrage mehr.',
  'formSettings.indicator-scale-too-short':
    'Indikator {indicator} (Top-2): Die Skala der Frage {question} hat weniger als zwei Stufen.',
  'formSettings.indicator-options-missing':
    'Indikator {indicator} (Anteil): Die Frage {question} bietet diese Antworten nicht mehr an: {options}.',
  'formSettings.weighting-question-missing': 'Gewichtung: Die Frage {question} gibt es nicht mehr.',
  'formSettings.weighting-question-in-repeat':
    'Gewichtung: Die Frage {question} steht jetzt in der Wiederholgruppe {repeat}; gewichtet wird nur mit einer Einfachauswahl außerhalb von Wiederholgruppen.',
  'formSettings.weighting-question-not-select-one':
    'Gewichtung: Die Frage {question} ist jetzt vom Typ {type}; gewichtet wird nur mit einer Einfachauswahl.',
  'formSettings.weighting-options-missing':
    'Gewichtung: Die Frage {question} bietet diese Antworten nicht mehr an, für die Einwohnerzahlen hinterlegt sind: {options}.',
  'formSettings.other':
    'Eine Einstellung der Befragung (Indikatoren oder Gewichtung) passt nicht mehr zum Fragebogen.',
} as const satisfies Record<FormSettingsKey, string>;

export type FormSettingsTextKey = keyof typeof FORM_SETTINGS_TEXTS_DE;

export const FORM_SETTINGS_TEXTS_EN: Readonly<Record<FormSettingsTextKey, string>> = {
  'formSettings.refused':
    'Not saved: settings of the survey need questions this questionnaire no longer has as they were. Change the indicators or the weighting first – or keep the questions.',
  'formSettings.indicator-question-missing':
    'Indicator {indicator}: the question {question} no longer exists (outside repeat groups).',
  'formSettings.indicator-needs-numeric':
    'Indicator {indicator} (mean): the question {question} no longer asks for a number.',
  'formSettings.indicator-needs-likert':
    'Indicator {indicator} (top-2): the question {question} is no longer a Likert scale.',
  'formSettings.indicator-needs-select':
    'Indicator {indicator} (share): the question {question} is no longer a choice question.',
  'formSettings.indicator-scale-too-short':
    'Indicator {indicator} (top-2): the scale of the question {question} has fewer than two points.',
  'formSettings.indicator-options-missing':
    'Indicator {indicator} (share): the question {question} no longer offers these answers: {options}.',
  'formSettings.weighting-question-missing': 'Weighting: the question {question} no longer exists.',
  'formSettings.weighting-question-in-repeat':
    'Weighting: the question {question} now lies in the repeat group {repeat}; only a single choice outside repeat groups can weight.',
  'formSettings.weighting-question-not-select-one':
    'Weighting: the question {question} is now of type {type}; only a single choice can weight.',
  'formSettings.weighting-options-missing':
    'Weighting: the question {question} no longer offers these answers, which have population figures: {options}.',
  'formSettings.other': 'A setting of the survey (indicators or weighting) no longer fits the questionnaire.',
};

/**
 * The sentences of a form refused for the survey's settings, or undefined when the error is not
 * one: the heading, then one per setting (the general one for an unknown code or a missing value).
 */
export function formSettingsTexts(error: unknown): CodedRefusal<FormSettingsTextKey> | undefined {
  return codedRefusal(error, 'FormBreaksSettings', 'settings', FORM_SETTINGS_TEXTS_DE, 'formSettings');
}
