import { Injectable } from '@angular/core';
import { featureKeyTexts, featureTexts } from '@quartier/portal-ui';

// The indicator tab's words: choosing survey items as indicators of each area, the preview of
// their values and their publication as evidence for programmes and evaluations.

const de = {
  heading: 'Indikatoren aus dieser Befragung',
  intro:
    'Ausgewählte Fragen werden je Gebiet als Indikatoren veröffentlicht: Programme können sie in ihre Wirkungsmodelle einbinden, Evaluationen als Wirkungsnachweis nutzen. Veröffentlicht werden nur Zellen, die auch in den Ergebnissen stehen (mindestens k Antworten).',
  none: 'Noch keine Indikatoren festgelegt.',
  noQuestions:
    'Der Fragebogen hat keine Frage, die sich als Indikator veröffentlichen lässt: Auswahl- oder Zahlenfragen außerhalb von Wiederholgruppen, nicht die Gebietsfrage.',
  code: 'Kennung',
  codeHint: 'Kleinbuchstaben, Ziffern und _ . - , z. B. befragung.sicherheit',
  name: 'Bezeichnung',
  question: 'Frage',
  measure: 'Maß',
  options: 'Antworten, die zählen',
  'measure.share': 'Anteil mit einer der gewählten Antworten',
  'measure.topTwoBox': 'Top-2 (Anteil der zwei günstigsten Stufen der Skala)',
  'measure.mean': 'Mittelwert',
  add: 'Indikator hinzufügen',
  edit: '{code} bearbeiten',
  editShort: 'Bearbeiten',
  removeShort: 'Entfernen',
  remove: '{code} entfernen',
  editing: 'Indikator {code} bearbeiten',
  adding: 'Neuer Indikator',
  save: 'Indikator speichern',
  cancel: 'Abbrechen',
  actions: 'Aktionen',
  saved: 'Indikatoren gespeichert ({n}).',
  'problem.codePattern':
    'Die Kennung beginnt mit einem Kleinbuchstaben und enthält nur Kleinbuchstaben, Ziffern und _ . - (2 bis 100 Zeichen).',
  'problem.codeTaken': 'Diese Kennung hat schon ein anderer Indikator der Befragung.',
  'problem.nameMissing': 'Bitte geben Sie eine Bezeichnung an (höchstens 200 Zeichen).',
  'problem.questionMissing': 'Bitte wählen Sie eine Frage.',
  'problem.measureNotAllowed': 'Dieses Maß passt nicht zur Frage.',
  'problem.optionsMissing': 'Bitte wählen Sie mindestens eine Antwort der Frage.',
  'problem.refused': 'Diese Angabe hat die Befragung abgelehnt.',
  refusedItem: 'Indikator {code}: abgelehnt bei „{field}“.',
  preview: 'Vorschau der Werte',
  previewNote:
    'Diese Werte würden für die gewählte Welle veröffentlicht: Stand der letzten Freigabe der Ergebnisse, Anteile mit 95-%-Konfidenzintervall.',
  previewWeighted: 'Die Befragung ist gewichtet; veröffentlicht werden die gewichteten Werte.',
  previewEmpty: 'Legen Sie oben Indikatoren fest, um ihre Werte zu sehen.',
  suppressedPrimary: 'unterdrückt (< k)',
  suppressedSecondary: 'unterdrückt (Schutz)',
  value: 'Wert',
  publish: 'Als Indikatoren veröffentlichen',
  publishNote:
    'Stellt die Werte dieser Welle Programmen und Evaluationen bereit; unterdrückte Gebiete werden ohne Wert gemeldet.',
  publishedOn: 'Diese Welle wurde zuletzt am {date} als Indikatoren veröffentlicht.',
  notPublishedYet: 'Diese Welle wurde noch nicht als Indikatoren veröffentlicht.',
  published:
    'Veröffentlicht für Programme und Evaluationen: {values} Wert(e) von {items} Indikator(en) für die Welle „{wave}“ (Zeitraum bis {period}).',
  publishedItem: '{code}: {values} Wert(e), {suppressed} Gebiet(e) unterdrückt',
  publishedSuppressed: 'Ohne Wert gemeldet (unterdrückt): {areas}',
  publishedNoneSuppressed: 'Kein Gebiet unterdrückt.',
};

const en: Record<keyof typeof de, string> = {
  heading: 'Indicators from this survey',
  intro:
    'Chosen questions are published as indicators of each area: programmes can bind them into their impact models, and evaluations use them as evidence. Only cells that the results show too are published (at least k answers).',
  none: 'No indicators chosen yet.',
  noQuestions:
    'The questionnaire has no question that can be published as an indicator: choice or number questions outside repeat groups, not the area question.',
  code: 'Code',
  codeHint: 'lowercase letters, digits and _ . - , e.g. survey.safety',
  name: 'Name',
  question: 'Question',
  measure: 'Measure',
  options: 'Answers that count',
  'measure.share': 'Share giving one of the chosen answers',
  'measure.topTwoBox': 'Top 2 (share of the two most favourable points of the scale)',
  'measure.mean': 'Mean',
  add: 'Add indicator',
  edit: 'Edit {code}',
  editShort: 'Edit',
  removeShort: 'Remove',
  remove: 'Remove {code}',
  editing: 'Edit indicator {code}',
  adding: 'New indicator',
  save: 'Save indicator',
  cancel: 'Cancel',
  actions: 'Actions',
  saved: 'Indicators saved ({n}).',
  'problem.codePattern':
    'The code starts with a lowercase letter and holds only lowercase letters, digits and _ . - (2 to 100 characters).',
  'problem.codeTaken': 'Another indicator of this survey has this code already.',
  'problem.nameMissing': 'Please give a name (at most 200 characters).',
  'problem.questionMissing': 'Please choose a question.',
  'problem.measureNotAllowed': 'This measure does not fit the question.',
  'problem.optionsMissing': 'Please choose at least one answer of the question.',
  'problem.refused': 'The survey refused this entry.',
  refusedItem: 'Indicator {code}: refused at “{field}”.',
  preview: 'Preview of the values',
  previewNote:
    'These values would be published for the chosen wave: as of the last release of the results, shares with their 95 % confidence interval.',
  previewWeighted: 'The survey is weighted; the weighted values are published.',
  previewEmpty: 'Choose indicators above to see their values.',
  suppressedPrimary: 'suppressed (< k)',
  suppressedSecondary: 'suppressed (protection)',
  value: 'Value',
  publish: 'Publish as indicators',
  publishNote:
    'Makes the values of this wave available to programmes and evaluations; suppressed areas are reported without a value.',
  publishedOn: 'This wave was last published as indicators on {date}.',
  notPublishedYet: 'This wave has not been published as indicators yet.',
  published:
    'Published for programmes and evaluations: {values} value(s) of {items} indicator(s) for the wave “{wave}” (period ending {period}).',
  publishedItem: '{code}: {values} value(s), {suppressed} area(s) suppressed',
  publishedSuppressed: 'Reported without a value (suppressed): {areas}',
  publishedNoneSuppressed: 'No area suppressed.',
};

export type IndicatorTextKey = keyof typeof de;

/** The indicator tab's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class IndicatorTexts {
  readonly t = featureTexts<IndicatorTextKey>(de, en);
  /** A measure in words (`measure.share`); a measure added on the server as it is. */
  readonly tk = featureKeyTexts(de, this.t);
}
