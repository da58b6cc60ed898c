import { Injectable } from '@angular/core';
import { featureKeyTexts, featureTexts, languageDictionary } from '@quartier/portal-ui';
import {
  type CodedIssueView,
  type SheetIssueView,
  XLSFORM_ISSUE_TEXTS_DE,
  XLSFORM_ISSUE_TEXTS_EN,
  issueSentence,
  sheetIssueLine,
} from './form-issue-texts';

// The form builder's words for the questionnaire model: question types, scale directions, what
// building the area list did, and every problem the survey service's check reports (by the
// problem's code and parameters — the check's own sentences are English).

const de = {
  'type.text': 'Freitext',
  'type.integer': 'Ganze Zahl',
  'type.decimal': 'Dezimalzahl',
  'type.date': 'Datum',
  'type.time': 'Uhrzeit',
  'type.geopoint': 'Ortsangabe',
  'type.select_one': 'Einfachauswahl',
  'type.select_multiple': 'Mehrfachauswahl',
  'type.rank': 'Rangfolge',
  'type.area': 'Wohngebiet',
  'type.note': 'Hinweistext',
  'type.calculate': 'Berechnung',
  'type.start': 'Beginn (Datum)',
  'type.end': 'Ende (Datum)',
  'type.today': 'Tagesdatum',
  'type.image': 'Foto (wird nicht erhoben)',
  'type.audio': 'Tonaufnahme (wird nicht erhoben)',
  'type.video': 'Video (wird nicht erhoben)',
  'type.file': 'Datei (wird nicht erhoben)',
  'type.group': 'Abschnitt',
  'type.repeat': 'Wiederholgruppe',

  scaleDirection: 'Richtung der Skala',
  'scale.ascending': 'Von ungünstig nach günstig (die letzte Antwort ist die beste)',
  'scale.descending': 'Von günstig nach ungünstig (die erste Antwort ist die beste)',
  scaleHint:
    'Top-2 und Mittelwert zählen die zwei günstigsten Antworten bzw. werten günstige Antworten hoch.',
  'scaleShown.ascending': 'Skala aufsteigend: Top-2 = {options}',
  'scaleShown.descending': 'Skala absteigend: Top-2 = {options}',
  scaleMean: 'Mittelwert der Skala',

  'sync.created':
    'Neue Auswahlliste „{list}“ mit {n} Zielgebieten angelegt; die Frage „{question}“ wählt jetzt daraus.',
  'sync.updated': 'Auswahlliste „{list}“ der Frage „{question}“ mit {n} Zielgebieten neu gefüllt.',
  'sync.questionAdded': 'Die Frage „{question}“ (Wohngebiet) wurde am Anfang des Fragebogens ergänzt.',
  'sync.kept': 'Die Liste „{list}“, die auch andere Fragen nutzen, blieb unverändert.',

  'target.question': 'Frage {name}',
  'target.group': 'Abschnitt {name}',
  'target.list': 'Liste {name}',
  'target.choice': 'Antwort {name} der Liste {list}',
  'target.settings': 'Einstellungen',
  'field.type': 'Art und Liste',
  'field.name': 'Name',
  'field.label': 'Text',
  'field.relevant': 'Nur anzeigen, wenn',
  'field.constraint': 'Bedingung',
  'field.calculation': 'Berechnung',
  'field.required': 'Pflichtfrage',
  'field.choice_filter': 'Auswahlfilter',
  'field.repeat_count': 'Anzahl Wiederholungen',
  'field.appearance': 'Darstellung',
  'field.parameters': 'Parameter',
  'field.list_name': 'Listenname',
  'field.form_id': 'Formular-Kennung',
  'field.default_language': 'Standardsprache',
  'field.form': 'Fragebogen',

  'issue.name-missing': 'Der Name fehlt.',
  'issue.name-invalid':
    'Der Name „{name}“ ist ungültig (Buchstaben, Ziffern, _ - . und nicht mit einer Ziffer beginnend).',
  'issue.name-duplicate': 'Der Name „{name}“ ist schon vergeben.',
  'issue.repeat-name-duplicate':
    'Der Name „{name}“ gehört schon einer Wiederholgruppe; Namen von Wiederholgruppen gelten im ganzen Fragebogen.',
  'issue.syntax-unterminated-string':
    'Zeichen {position}: Ein Text in Anführungszeichen ist nicht abgeschlossen.',
  'issue.syntax-dollar-without-brace': 'Zeichen {position}: Nach „$“ muss „{“ folgen, z. B. ${alter}.',
  'issue.syntax-unterminated-reference': 'Zeichen {position}: Ein Feldbezug ${…} ist nicht geschlossen.',
  'issue.syntax-invalid-reference': 'Zeichen {position}: ${{name}} ist kein gültiger Feldname.',
  'issue.syntax-relative-path':
    'Zeichen {position}: Relative Pfade („..“) gehen nicht; schreiben Sie ${name}.',
  'issue.syntax-xpath-path': 'Zeichen {position}: XPath-Pfade („/“) gehen nicht; schreiben Sie ${name}.',
  'issue.syntax-unexpected-character':
    'Zeichen {position}: Das Zeichen „{character}“ ist hier nicht erlaubt.',
  'issue.syntax-empty': 'Der Ausdruck ist leer.',
  'issue.syntax-unexpected-token': 'Zeichen {position}: {token} ist hier unerwartet.',
  'issue.syntax-unexpected-end': 'Der Ausdruck endet zu früh.',
  'issue.syntax-expected': 'Zeichen {position}: „{expected}“ erwartet, aber {found} gefunden.',
  'issue.syntax-too-long': 'Der Ausdruck ist länger als {max} Zeichen.',
  'issue.field-unknown': 'Unbekanntes Feld ${{name}}.',
  'issue.field-is-group': '${{name}} ist ein Abschnitt, kein Feld.',
  'issue.field-ambiguous': '${{name}} ist mehrdeutig: {count} Fragen heißen „{name}“.',
  'issue.field-in-repeat':
    'Das Feld ${{name}} liegt in der Wiederholgruppe „{repeat}“ und ist außerhalb nicht verfügbar.',
  'issue.current-not-allowed': '„.“ (die aktuelle Antwort) ist nur in einer Bedingung erlaubt.',
  'issue.bare-name': 'Unbekannter Name „{name}“ (Felder schreibt man ${{name}}).',
  'issue.choice-column-unknown':
    'Unbekannte Spalte „{name}“ der Auswahlliste: Es wird keine Antwort angeboten (wie in ODK Collect).',
  'issue.function-unknown': 'Unbekannte Funktion {name}().',
  'issue.function-pulldata':
    'pulldata() liest eine dem Formular beigefügte CSV-Datei, die Quartier nicht aufbewahrt: Das Ergebnis ist leer (wie in ODK Collect ohne die Datei).',
  'issue.function-arity': '{name}() erwartet {expected} Angabe(n), erhalten: {got}.',
  'arity.exactly': '{min}',
  'arity.atLeast': 'mindestens {min}',
  'arity.between': '{min} bis {max}',
  'issue.regex-too-long': 'Der reguläre Ausdruck ist länger als {max} Zeichen.',
  'issue.regex-nested-quantifiers':
    'Der reguläre Ausdruck hat verschachtelte Wiederholungen und könnte sehr langsam werden.',
  'issue.regex-backreference': 'Rückbezüge in regulären Ausdrücken werden nicht unterstützt.',
  'issue.regex-invalid': 'Der reguläre Ausdruck ist ungültig.',
  'issue.label-missing': 'Der Text fehlt.',
  'issue.calculation-missing': 'Eine Berechnung braucht eine Formel.',
  'issue.list-unknown': 'Bitte eine Auswahlliste wählen (die Liste „{list}“ gibt es nicht).',
  'issue.list-empty': 'Die Auswahlliste „{list}“ hat noch keine Antworten.',
  'issue.list-is-area-list':
    'Die Liste „{list}“ enthält die Gebiete der Frage „{areaQuestion}“ und wird bei jeder Änderung der Zielgebiete neu gefüllt; diese Frage braucht eine eigene Liste.',
  'issue.likert-too-few-points': 'Die Skala „{list}“ braucht mindestens zwei Skalenpunkte.',
  'issue.choice-name-space':
    'Der Wert „{choice}“ enthält ein Leerzeichen; die Frage „{question}“ kann ihn nicht speichern.',
  'issue.area-postcodes-missing': 'Die Gebietsliste „{list}“ hat keine Postleitzahlen.',
  'issue.matrix-question-type':
    'In einer Matrix („{group}“) sind nur Einfach- und Mehrfachauswahlen möglich.',
  'issue.matrix-one-list':
    'Alle Fragen der Matrix „{group}“ brauchen dieselbe Liste: „{question}“ nutzt „{list}“, „{first}“ nutzt „{firstList}“.',
  'issue.list-name-missing': 'Der Listenname fehlt.',
  'issue.list-name-invalid': 'Der Listenname „{list}“ ist ungültig.',
  'issue.list-duplicate': 'Eine Liste „{list}“ gibt es schon.',
  'issue.choice-name-missing': 'Der Wert einer Antwort fehlt.',
  'issue.choice-duplicate': 'Der Wert „{choice}“ kommt in der Liste „{list}“ doppelt vor.',
  'issue.calculation-cycle': 'Die Berechnungen beziehen sich im Kreis aufeinander: {cycle}.',
  'issue.repeat-count-too-large':
    'Eine Wiederholgruppe hat höchstens {max} Einträge; die Anzahl {count} ist zu groß.',
  'issue.form-id-missing': 'Die Formular-Kennung fehlt.',
  'issue.form-id-invalid': 'Die Formular-Kennung „{formId}“ ist ungültig.',
  'issue.default-language-without-labels':
    'Kein Text in der Standardsprache „{language}“ (Texte gibt es in: {languages}).',
  ...XLSFORM_ISSUE_TEXTS_DE,
};

export type BuilderTextKey = keyof typeof de;

const en: Record<BuilderTextKey, string> = {
  'type.text': 'Free text',
  'type.integer': 'Whole number',
  'type.decimal': 'Decimal number',
  'type.date': 'Date',
  'type.time': 'Time',
  'type.geopoint': 'Location',
  'type.select_one': 'Single choice',
  'type.select_multiple': 'Multiple choice',
  'type.rank': 'Ranking',
  'type.area': 'Area of residence',
  'type.note': 'Note',
  'type.calculate': 'Calculation',
  'type.start': 'Start (date)',
  'type.end': 'End (date)',
  'type.today': 'Today’s date',
  'type.image': 'Photo (not collected)',
  'type.audio': 'Audio recording (not collected)',
  'type.video': 'Video (not collected)',
  'type.file': 'File (not collected)',
  'type.group': 'Section',
  'type.repeat': 'Repeat group',

  scaleDirection: 'Direction of the scale',
  'scale.ascending': 'From unfavourable to favourable (the last answer is the best)',
  'scale.descending': 'From favourable to unfavourable (the first answer is the best)',
  scaleHint: 'Top-2 counts the two most favourable answers; the mean scores favourable answers high.',
  'scaleShown.ascending': 'Ascending scale: top-2 = {options}',
  'scaleShown.descending': 'Descending scale: top-2 = {options}',
  scaleMean: 'Scale mean',

  'sync.created':
    'New choice list “{list}” with {n} target areas created; question “{question}” now chooses from it.',
  'sync.updated': 'Choice list “{list}” of question “{question}” refilled with {n} target areas.',
  'sync.questionAdded':
    'Question “{question}” (area of residence) was added at the start of the questionnaire.',
  'sync.kept': 'List “{list}”, which other questions use, was left unchanged.',

  'target.question': 'Question {name}',
  'target.group': 'Section {name}',
  'target.list': 'List {name}',
  'target.choice': 'Answer {name} of list {list}',
  'target.settings': 'Settings',
  'field.type': 'Type and list',
  'field.name': 'Name',
  'field.label': 'Text',
  'field.relevant': 'Show only if',
  'field.constraint': 'Constraint',
  'field.calculation': 'Calculation',
  'field.required': 'Required',
  'field.choice_filter': 'Choice filter',
  'field.repeat_count': 'Number of repeats',
  'field.appearance': 'Appearance',
  'field.parameters': 'Parameters',
  'field.list_name': 'List name',
  'field.form_id': 'Form id',
  'field.default_language': 'Default language',
  'field.form': 'Questionnaire',

  'issue.name-missing': 'The name is missing.',
  'issue.name-invalid': 'The name “{name}” is invalid (letters, digits, _ - ., not starting with a digit).',
  'issue.name-duplicate': 'The name “{name}” is taken already.',
  'issue.repeat-name-duplicate':
    'The name “{name}” belongs to a repeat group already; repeat names hold for the whole questionnaire.',
  'issue.syntax-unterminated-string': 'Character {position}: a quoted text is not closed.',
  'issue.syntax-dollar-without-brace': 'Character {position}: “$” must be followed by “{”, e.g. ${age}.',
  'issue.syntax-unterminated-reference': 'Character {position}: a field reference ${…} is not closed.',
  'issue.syntax-invalid-reference': 'Character {position}: ${{name}} is not a valid field name.',
  'issue.syntax-relative-path':
    'Character {position}: relative paths (“..”) are not supported; write ${name}.',
  'issue.syntax-xpath-path': 'Character {position}: XPath paths (“/”) are not supported; write ${name}.',
  'issue.syntax-unexpected-character': 'Character {position}: “{character}” is not allowed here.',
  'issue.syntax-empty': 'The expression is empty.',
  'issue.syntax-unexpected-token': 'Character {position}: {token} is unexpected here.',
  'issue.syntax-unexpected-end': 'The expression ends too early.',
  'issue.syntax-expected': 'Character {position}: expected “{expected}” but found {found}.',
  'issue.syntax-too-long': 'The expression is longer than {max} characters.',
  'issue.field-unknown': 'Unknown field ${{name}}.',
  'issue.field-is-group': '${{name}} is a section, not a field.',
  'issue.field-ambiguous': '${{name}} is ambiguous: {count} questions are named “{name}”.',
  'issue.field-in-repeat':
    'Field ${{name}} lies inside repeat group “{repeat}” and is not available outside it.',
  'issue.current-not-allowed': '“.” (the current answer) is only allowed in a constraint.',
  'issue.bare-name': 'Unknown name “{name}” (fields are written ${{name}}).',
  'issue.choice-column-unknown':
    'Unknown column “{name}” of the choice list: no answer is offered (as in ODK Collect).',
  'issue.function-unknown': 'Unknown function {name}().',
  'issue.function-pulldata':
    'pulldata() reads a CSV file attached to the form, which Quartier does not keep: the result is empty (as in ODK Collect without the file).',
  'issue.function-arity': '{name}() takes {expected} argument(s), got {got}.',
  'arity.exactly': '{min}',
  'arity.atLeast': 'at least {min}',
  'arity.between': '{min} to {max}',
  'issue.regex-too-long': 'The regular expression is longer than {max} characters.',
  'issue.regex-nested-quantifiers':
    'The regular expression has nested repetitions and could become very slow.',
  'issue.regex-backreference': 'Back-references in regular expressions are not supported.',
  'issue.regex-invalid': 'The regular expression is invalid.',
  'issue.label-missing': 'The text is missing.',
  'issue.calculation-missing': 'A calculation needs a formula.',
  'issue.list-unknown': 'Please choose a choice list (list “{list}” does not exist).',
  'issue.list-empty': 'Choice list “{list}” has no answers yet.',
  'issue.list-is-area-list':
    'List “{list}” holds the areas of question “{areaQuestion}” and is refilled whenever the target areas change; this question needs a list of its own.',
  'issue.likert-too-few-points': 'Scale “{list}” needs at least two scale points.',
  'issue.choice-name-space': 'Value “{choice}” contains a space; question “{question}” cannot store it.',
  'issue.area-postcodes-missing': 'Area list “{list}” has no postcodes.',
  'issue.matrix-question-type': 'A matrix (“{group}”) can only hold single and multiple choice questions.',
  'issue.matrix-one-list':
    'All questions of matrix “{group}” need the same list: “{question}” uses “{list}”, “{first}” uses “{firstList}”.',
  'issue.list-name-missing': 'The list name is missing.',
  'issue.list-name-invalid': 'The list name “{list}” is invalid.',
  'issue.list-duplicate': 'A list “{list}” exists already.',
  'issue.choice-name-missing': 'An answer’s value is missing.',
  'issue.choice-duplicate': 'Value “{choice}” occurs twice in list “{list}”.',
  'issue.calculation-cycle': 'The calculations refer to each other in a circle: {cycle}.',
  'issue.repeat-count-too-large': 'A repeat group holds at most {max} entries; {count} is too many.',
  'issue.form-id-missing': 'The form id is missing.',
  'issue.form-id-invalid': 'The form id “{formId}” is invalid.',
  'issue.default-language-without-labels':
    'No text in the default language “{language}” (texts exist in: {languages}).',
  ...XLSFORM_ISSUE_TEXTS_EN,
};

/** The form builder's texts in the shell's language. */
@Injectable({ providedIn: 'root' })
export class BuilderTexts {
  readonly t = featureTexts<BuilderTextKey>(de, en);
  private readonly tk = featureKeyTexts(de, this.t);
  private readonly dictionary = languageDictionary(de, en);

  /** A question type (or `group`/`repeat`) as people call it; unknown types as they are. */
  readonly type = (type: string): string => this.tk('type', type);

  /** A problem of the service's check in words, by its code (the service's reason is English). */
  readonly problem = (problem: CodedIssueView): string => issueSentence(problem, this.dictionary());

  /** An error of a refused XLSForm upload: sheet, row and column, then what is wrong. */
  readonly sheetIssue = (issue: SheetIssueView): string => sheetIssueLine(issue, this.dictionary());

  /** Where a problem is (`question alter`, `choice x of list y`, `settings`) in words. */
  readonly target = (target: string): string => {
    const choice = /^choice (.+) of list (.+)$/.exec(target);
    if (choice) return this.t('target.choice', { name: choice[1], list: choice[2] });
    const [kind, ...rest] = target.split(' ');
    const key = `target.${kind}` as BuilderTextKey;
    return key in de ? this.t(key, { name: rest.join(' ') }) : target;
  };

  readonly field = (field: string): string => this.tk('field', field);
}
