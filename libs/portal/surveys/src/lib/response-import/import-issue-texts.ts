// What a refused paper import says about each bad row or cell: where it lies in the file (row,
// column) and what is wrong, chosen by the survey service's code and filled with the values it
// names. The service's English `reason` is for API clients; it is never shown. The dictionary is
// typed by the service's codes, so a code added there without a sentence here fails the typecheck.
import type { SurveySchemas } from '@quartier/portal-data-access';
import { fillPlaceholders } from '@quartier/portal-ui/texts';
import { codedReason } from '../coded-reasons';

type ImportIssue = NonNullable<
  SurveySchemas['ResponseImportProblemsDto_Output']['details']
>['issues'][number];
type ImportIssueKey =
  | `importIssue.${ImportIssue['code']}`
  | 'importIssue.other'
  | 'importIssue.where'
  | 'importIssue.whereColumn'
  | 'importIssue.refused'
  | 'importIssue.more';

export const IMPORT_ISSUE_TEXTS_DE = {
  'importIssue.refused': 'Die Datei enthält Fehler; es wurde nichts importiert.',
  'importIssue.more': '… und {count} weitere.',
  'importIssue.where': 'Zeile {row}',
  'importIssue.whereColumn': 'Zeile {row}, Spalte „{column}“',
  'importIssue.submission-not-object': 'Die Antworten haben nicht die erwartete Form.',
  'importIssue.field-unknown': '„{name}“ ist hier keine Frage.',
  'importIssue.field-in-repeat':
    '„{name}“ ist hier keine Frage (sie gehört in die Wiederholgruppe „{repeat}“).',
  'importIssue.not-answerable': '{type} „{name}“ nimmt keine Antwort an.',
  'importIssue.expected-text': 'Erwartet wird ein Text, nicht {got}.',
  'importIssue.expected-integer': 'Erwartet wird eine ganze Zahl, nicht {got}.',
  'importIssue.expected-decimal': 'Erwartet wird eine Zahl, nicht {got}.',
  'importIssue.expected-date': 'Erwartet wird ein Datum JJJJ-MM-TT, nicht {got}.',
  'importIssue.expected-time': 'Erwartet wird eine Uhrzeit HH:MM, nicht {got}.',
  'importIssue.expected-geopoint': 'Erwartet wird ein Ort „Breite Länge“, nicht {got}.',
  'importIssue.expected-option': 'Erwartet wird eine Antwort der Auswahlliste, nicht {got}.',
  'importIssue.expected-options': 'Erwartet werden Antworten der Auswahlliste, nicht {got}.',
  'importIssue.expected-area': 'Erwartet wird ein Gebiet, nicht {got}.',
  'importIssue.text-too-long': 'Der Text ist länger als {max} Zeichen.',
  'importIssue.choice-unknown': '„{value}“ ist keine Antwort der Auswahlliste „{list}“.',
  'importIssue.choices-unknown': '{values} sind keine Antworten der Auswahlliste „{list}“.',
  'importIssue.choice-twice': 'Eine Antwort ist doppelt angegeben.',
  'importIssue.rank-incomplete': 'Eine Rangfolge ordnet alle {expected} Antworten, angegeben sind {got}.',
  'importIssue.choice-filtered': '{values}: passt nicht zu den übrigen Antworten dieser Zeile.',
  'importIssue.area-unknown': '„{value}“ ist kein Gebiet der Auswahlliste „{list}“.',
  'importIssue.postcode-invalid': '„{value}“ ist keine deutsche Postleitzahl (fünf Ziffern).',
  'importIssue.postcode-outside': 'Die Postleitzahl {value} liegt in keinem Gebiet der Befragung.',
  'importIssue.postcode-shared': 'Die Postleitzahl {value} teilen sich die Gebiete {areas}.',
  'importIssue.geopoint-invalid': '„{value}“ ist kein Ort (Breite Länge).',
  'importIssue.geometries-missing': 'Für die Zuordnung des Orts fehlen die Gebietsgrenzen.',
  'importIssue.point-outside': 'Der Ort liegt außerhalb aller Gebiete der Befragung.',
  'importIssue.not-relevant': 'Beantwortet, obwohl die Frage hier nicht gestellt wird.',
  'importIssue.repeat-not-relevant': 'Antworten zu einer Wiederholgruppe, die hier nicht gestellt wird.',
  'importIssue.required': 'Eine Antwort ist erforderlich.',
  'importIssue.constraint': 'Die Antwort erfüllt die Bedingung {constraint} nicht.',
  'importIssue.form-message': '{message}',
  'importIssue.repeat-not-list': 'Eine Wiederholgruppe ist eine Liste von Antworten.',
  'importIssue.repeat-too-many': 'Mehr als {max} Wiederholungen.',
  'importIssue.repeat-count': 'Erwartet werden {expected} Wiederholungen, angegeben sind {got}.',
  'importIssue.area-required': 'Das Wohngebiet fehlt; jede Antwort braucht ein Gebiet.',
  'importIssue.network-missing': 'Der Namensgenerator ist nicht beantwortet.',
  'importIssue.network-invalid': 'Die Angaben zum Netzwerk sind ungültig.',
  'importIssue.no-questions': 'Diese Befragung hat außer dem Namensgenerator keine Fragen.',
  'importIssue.no-rows': 'Unter der Kopfzeile stehen keine Zeilen.',
  'importIssue.too-many-rows': 'Die Datei hat zu viele Zeilen.',
  'importIssue.no-responses': 'Unter der Kopfzeile stehen keine Antworten.',
  'importIssue.column-unknown': '„{column}“ ist keine Frage dieses Fragebogens.',
  'importIssue.column-twice': 'Ein Spaltenname kommt doppelt vor.',
  'importIssue.csv-unreadable': 'Die CSV-Datei lässt sich nicht lesen.',
  'importIssue.not-xlsx': 'Die Datei ist keine XLSX-Arbeitsmappe.',
  'importIssue.text-unstorable':
    'Die Zelle enthält ein unzulässiges Zeichen (NUL, ungültiges Unicode oder ein Steuerzeichen der Schreibrichtung).',
  'importIssue.other': 'Hier steht ein Fehler.',
} as const satisfies Record<ImportIssueKey, string>;

export type ImportIssueTextKey = keyof typeof IMPORT_ISSUE_TEXTS_DE;
export type ImportIssueTexts = Readonly<Record<ImportIssueTextKey, string>>;

export const IMPORT_ISSUE_TEXTS_EN: ImportIssueTexts = {
  'importIssue.refused': 'The file contains errors; nothing was imported.',
  'importIssue.more': '… and {count} more.',
  'importIssue.where': 'Row {row}',
  'importIssue.whereColumn': 'Row {row}, column “{column}”',
  'importIssue.submission-not-object': 'The answers do not have the expected form.',
  'importIssue.field-unknown': '“{name}” is not a question here.',
  'importIssue.field-in-repeat':
    '“{name}” is not a question here (it belongs inside repeat group “{repeat}”).',
  'importIssue.not-answerable': '{type} “{name}” takes no answer.',
  'importIssue.expected-text': 'Expected text, not {got}.',
  'importIssue.expected-integer': 'Expected a whole number, not {got}.',
  'importIssue.expected-decimal': 'Expected a number, not {got}.',
  'importIssue.expected-date': 'Expected a date YYYY-MM-DD, not {got}.',
  'importIssue.expected-time': 'Expected a time HH:MM, not {got}.',
  'importIssue.expected-geopoint': 'Expected a place “latitude longitude”, not {got}.',
  'importIssue.expected-option': 'Expected an answer from the choice list, not {got}.',
  'importIssue.expected-options': 'Expected answers from the choice list, not {got}.',
  'importIssue.expected-area': 'Expected an area, not {got}.',
  'importIssue.text-too-long': 'The text is longer than {max} characters.',
  'importIssue.choice-unknown': '“{value}” is not an answer of choice list “{list}”.',
  'importIssue.choices-unknown': '{values} are not answers of choice list “{list}”.',
  'importIssue.choice-twice': 'An answer is given twice.',
  'importIssue.rank-incomplete': 'A ranking orders all {expected} answers; {got} are given.',
  'importIssue.choice-filtered': '{values}: does not fit the other answers of this row.',
  'importIssue.area-unknown': '“{value}” is not an area of choice list “{list}”.',
  'importIssue.postcode-invalid': '“{value}” is not a German postcode (five digits).',
  'importIssue.postcode-outside': 'Postcode {value} lies in none of the survey’s areas.',
  'importIssue.postcode-shared': 'Postcode {value} is shared by the areas {areas}.',
  'importIssue.geopoint-invalid': '“{value}” is not a place (latitude longitude).',
  'importIssue.geometries-missing': 'The area boundaries needed to place the point are missing.',
  'importIssue.point-outside': 'The place lies outside all areas of the survey.',
  'importIssue.not-relevant': 'Answered although the question is not asked here.',
  'importIssue.repeat-not-relevant': 'Answers to a repeat group that is not asked here.',
  'importIssue.required': 'An answer is required.',
  'importIssue.constraint': 'The answer does not meet the constraint {constraint}.',
  'importIssue.form-message': '{message}',
  'importIssue.repeat-not-list': 'A repeat group is a list of answers.',
  'importIssue.repeat-too-many': 'More than {max} repeats.',
  'importIssue.repeat-count': 'Expected {expected} repeats; {got} are given.',
  'importIssue.area-required': 'The area of residence is missing; every response needs an area.',
  'importIssue.network-missing': 'The name generator is not answered.',
  'importIssue.network-invalid': 'The network answers are not valid.',
  'importIssue.no-questions': 'This survey has no questions besides the name generator.',
  'importIssue.no-rows': 'There are no rows below the header.',
  'importIssue.too-many-rows': 'The file has too many rows.',
  'importIssue.no-responses': 'There are no responses below the header.',
  'importIssue.column-unknown': '“{column}” is not a question of this questionnaire.',
  'importIssue.column-twice': 'A column name appears twice.',
  'importIssue.csv-unreadable': 'The CSV file cannot be read.',
  'importIssue.not-xlsx': 'The file is not an XLSX workbook.',
  'importIssue.text-unstorable':
    'The cell contains a character that is not allowed (NUL, invalid Unicode or a text direction control).',
  'importIssue.other': 'There is an error here.',
};

/** At most this many lines are shown; the rest is counted (the service reports up to 500). */
export const SHOWN_IMPORT_ISSUES = 20;

/** One bad row or cell: where it lies in the file, then what is wrong. */
export function importIssueLine(issue: unknown, texts: ImportIssueTexts): string {
  const { row, column } = (typeof issue === 'object' && issue !== null ? issue : {}) as {
    row?: unknown;
    column?: unknown;
  };
  const { key, params } = codedReason(issue, IMPORT_ISSUE_TEXTS_DE, 'importIssue', 'importIssue.other');
  const sentence = fillPlaceholders(texts[key], params);
  if (typeof row !== 'number') return sentence;
  const where =
    typeof column === 'string'
      ? fillPlaceholders(texts['importIssue.whereColumn'], { row, column })
      : fillPlaceholders(texts['importIssue.where'], { row });
  return `${where}: ${sentence}`;
}

/** The lines of a refused import's `details.issues`, the first ones and how many more. */
export function importIssueLines(issues: readonly unknown[], texts: ImportIssueTexts): string[] {
  const lines = issues.slice(0, SHOWN_IMPORT_ISSUES).map((issue) => importIssueLine(issue, texts));
  const more = issues.length - SHOWN_IMPORT_ISSUES;
  return more > 0 ? [...lines, fillPlaceholders(texts['importIssue.more'], { count: more })] : lines;
}
