// What the network import says about each problem of a refused upload: a translated sentence
// chosen by the problem's `code` (the network service's stable code), filled with the values the
// problem names (the value, the column, the actor), so the bad value is in the sentence itself.
// The service's own message is English and is not shown.
import { codedTextKey, type TranslationParams } from '@quartier/portal-ui/texts';

/** One problem of a refused import as the network service reports it (the 422's details). */
export interface ImportIssueView {
  readonly file: string;
  readonly line: number | null;
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly message: string;
}

export const IMPORT_ISSUE_TEXTS_DE = {
  'importIssue.NotWellFormed': 'Die Datei ist kein gültiges XML.',
  'importIssue.WrongDocument': 'Die Datei ist kein {format}-Dokument.',
  'importIssue.NotCsv': 'Die Datei ist als CSV nicht lesbar.',
  'importIssue.EmptyFile': 'Die Datei ist leer (erwartet wird eine Kopfzeile mit {columns}).',
  'importIssue.MissingColumns': 'Es fehlen die Spalten {columns}.',
  'importIssue.NodeWithoutId': 'Ein Akteur hat keine Kennung (id).',
  'importIssue.EdgeWithoutEnds': 'Einer Beziehung fehlt der Ausgangs- oder Zielakteur (source, target).',
  'importIssue.UndeclaredAttribute': 'Der Wert gehört zu einem nicht deklarierten Attribut „{key}“.',
  'importIssue.KeyForOtherElement': 'Das Attribut „{key}“ ist für eine andere Art von Element deklariert.',
  'importIssue.NotBoolean': 'Spalte „{column}“: „{value}“ ist weder wahr noch falsch (true/false).',
  'importIssue.DuplicateNode': 'Der Akteur „{id}“ steht zweimal in der Datei.',
  'importIssue.NameRequired': 'Der neue Akteur „{id}“ braucht einen Namen (Spalte name oder label).',
  'importIssue.InvalidName': 'Der Name ist ungültig (1 bis {max} Zeichen, keine Steuerzeichen).',
  'importIssue.InvalidKind': 'Die Art „{value}“ ist unbekannt.',
  'importIssue.InvalidSector': 'Den Sektor „{value}“ gibt es nicht.',
  'importIssue.UnknownArea':
    'Das Gebiet „{value}“ gibt es bei Ihrem Mandanten nicht (Schlüssel oder Kennung).',
  'importIssue.AreaOutOfScope': 'Das Gebiet dieses Akteurs liegt außerhalb Ihres Zuständigkeitsbereichs.',
  'importIssue.InvalidPosition':
    'Die Lage „{lon}“/„{lat}“ ist keine WGS84-Position (Dezimalgrad, beide Werte nötig).',
  'importIssue.InvalidOffering':
    'Das Angebot „{value}“ hat nicht die Form „Art: Beschreibung“ mit einer bekannten Art.',
  'importIssue.InvalidContact': 'Die Kontaktangaben sind ungültig ({fields}).',
  'importIssue.UnstorableText': 'Spalte „{column}“ enthält Zeichen, die nicht gespeichert werden können.',
  'importIssue.UnstorableHeader':
    'Eine Spaltenüberschrift enthält Zeichen, die nicht gespeichert werden können.',
  'importIssue.UnknownActor':
    'Die Beziehung nennt den unbekannten Akteur „{id}“ (weder in der Datei noch im Netzwerk).',
  'importIssue.InvalidTieType':
    'Die Beziehungsart „{value}“ ist unbekannt: Ordnen Sie die Werte von „{attribute}“ oben einer Beziehungsart zu.',
  'importIssue.InvalidWeight': 'Das Gewicht „{value}“ ist keine positive Zahl (Dezimalpunkt, ohne Einheit).',
  'importIssue.SelfTie': 'Die Beziehung führt von „{id}“ zu sich selbst.',
  'importIssue.ParallelTie': 'Die Beziehung {source}–{target} wiederholt eine frühere Zeile.',
  'importIssue.other': 'Diese Zeile enthält einen Fehler.',
} as const;

export type ImportIssueTextKey = keyof typeof IMPORT_ISSUE_TEXTS_DE;

export const IMPORT_ISSUE_TEXTS_EN: Readonly<Record<ImportIssueTextKey, string>> = {
  'importIssue.NotWellFormed': 'The file is not well-formed XML.',
  'importIssue.WrongDocument': 'The file is not a {format} document.',
  'importIssue.NotCsv': 'The file cannot be read as CSV.',
  'importIssue.EmptyFile': 'The file is empty (a header with {columns} is expected).',
  'importIssue.MissingColumns': 'The columns {columns} are missing.',
  'importIssue.NodeWithoutId': 'An actor has no id.',
  'importIssue.EdgeWithoutEnds': 'A tie lacks its source or target actor.',
  'importIssue.UndeclaredAttribute': 'The value belongs to an undeclared attribute “{key}”.',
  'importIssue.KeyForOtherElement': 'The attribute “{key}” is declared for another kind of element.',
  'importIssue.NotBoolean': 'Column “{column}”: “{value}” is neither true nor false.',
  'importIssue.DuplicateNode': 'The actor “{id}” appears twice in the file.',
  'importIssue.NameRequired': 'The new actor “{id}” needs a name (column name or label).',
  'importIssue.InvalidName': 'The name is invalid (1 to {max} characters, no control characters).',
  'importIssue.InvalidKind': 'The kind “{value}” is unknown.',
  'importIssue.InvalidSector': 'There is no sector “{value}”.',
  'importIssue.UnknownArea': 'Your tenant has no area “{value}” (code or id).',
  'importIssue.AreaOutOfScope': 'This actor’s area lies outside your area of responsibility.',
  'importIssue.InvalidPosition':
    'The position “{lon}”/“{lat}” is not a WGS84 position (decimal degrees, both needed).',
  'importIssue.InvalidOffering': 'The offering “{value}” is not “type: description” with a known type.',
  'importIssue.InvalidContact': 'The contact details are invalid ({fields}).',
  'importIssue.UnstorableText': 'Column “{column}” contains characters that cannot be stored.',
  'importIssue.UnstorableHeader': 'A column header contains characters that cannot be stored.',
  'importIssue.UnknownActor':
    'The tie names the unknown actor “{id}” (neither in the file nor in the network).',
  'importIssue.InvalidTieType':
    'The tie type “{value}” is unknown: map the values of “{attribute}” to tie types above.',
  'importIssue.InvalidWeight': 'The weight “{value}” is not a positive number (decimal point, no unit).',
  'importIssue.SelfTie': 'The tie leads from “{id}” to itself.',
  'importIssue.ParallelTie': 'The tie {source}–{target} repeats an earlier row.',
  'importIssue.other': 'This row contains an error.',
};

/**
 * The text key and values for one problem: by its code when the portal knows the code and the
 * problem names every value the sentence needs; a header with unstorable characters has a
 * sentence of its own; anything else gets the general sentence.
 */
export function importIssueText(issue: ImportIssueView): {
  key: ImportIssueTextKey;
  params: TranslationParams;
} {
  const params = issue.params ?? {};
  if (issue.code === 'UnstorableText' && params['column'] === undefined)
    return { key: 'importIssue.UnstorableHeader', params };
  const key = codedTextKey(
    IMPORT_ISSUE_TEXTS_DE,
    `importIssue.${issue.code ?? ''}`,
    params,
    'importIssue.other',
  );
  return { key, params };
}
