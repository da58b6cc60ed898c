// What the import wizard says about a bad row of a value file: a translated sentence chosen by
// the row's `reason` (the service's stable code), with the column it names. The service's own
// message is English and technical and is not shown; the bad value it quotes has a column of its
// own (`value`).

/** One bad row as the indicator service reports it (`ValueImportJobDto.errors`). */
export interface RowErrorView {
  readonly line: number;
  readonly column: string;
  readonly reason: string;
  readonly message: string;
  /** The cell's text, where the problem is a bad value. */
  readonly value?: string;
}

export const ROW_ERROR_TEXTS_DE = {
  'rowError.unknown-area': 'Spalte „{column}“: Den Gebietsschlüssel gibt es nicht, oder er fehlt.',
  'rowError.unknown-indicator': 'Spalte „{column}“: Den Indikator gibt es im Katalog nicht, oder er fehlt.',
  'rowError.bad-period':
    'Spalte „{column}“: Das ist kein Zeitraum (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD) oder keiner, der zur Periodizität des Indikators passt.',
  'rowError.non-numeric': 'Spalte „{column}“: Das ist keine Zahl.',
  'rowError.negative-count': 'Spalte „{column}“: Eine Fallzahl darf nicht negativ sein.',
  'rowError.duplicate': 'Gebiet, Zeitraum und Indikator stehen schon in einer früheren Zeile.',
  'rowError.malformed': 'Die Zeile ist so nicht lesbar (Spalten, Aufbau oder Zeichen).',
  'rowError.malformedFile':
    'Die Datei ist so nicht lesbar (Kopfzeile, Aufbau oder Zuordnung der Dimensionen).',
  'rowError.other': 'Die Zeile enthält einen Fehler.',
  importFailedUnexpected:
    'Nichts importiert: Der Import ist fehlgeschlagen. Bitte versuchen Sie es noch einmal.',
} as const;

export type RowErrorTextKey = keyof typeof ROW_ERROR_TEXTS_DE;

export const ROW_ERROR_TEXTS_EN: Readonly<Record<RowErrorTextKey, string>> = {
  'rowError.unknown-area': 'Column “{column}”: this area code does not exist, or it is missing.',
  'rowError.unknown-indicator': 'Column “{column}”: the catalogue has no such indicator, or it is missing.',
  'rowError.bad-period':
    'Column “{column}”: this is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD) or not one that fits the indicator’s periodicity.',
  'rowError.non-numeric': 'Column “{column}”: this is not a number.',
  'rowError.negative-count': 'Column “{column}”: a count cannot be negative.',
  'rowError.duplicate': 'Area, period and indicator already appear in an earlier row.',
  'rowError.malformed': 'The row cannot be read this way (columns, structure or characters).',
  'rowError.malformedFile': 'The file cannot be read this way (header, structure or dimension mapping).',
  'rowError.other': 'The row contains an error.',
  importFailedUnexpected: 'Nothing imported: the import failed. Please try again.',
};

const WITH_COLUMN = new Set([
  'unknown-area',
  'unknown-indicator',
  'bad-period',
  'non-numeric',
  'negative-count',
]);

/**
 * The text key and placeholders for one bad row: by its reason; a problem of the file as a whole
 * (line 0) says so; a reason the portal does not know yet, or one naming no column, gets the
 * general sentence.
 */
export function rowErrorText(error: RowErrorView): { key: RowErrorTextKey; params: { column: string } } {
  const params = { column: error.column };
  if (error.reason === 'malformed')
    return { key: error.line > 0 ? 'rowError.malformed' : 'rowError.malformedFile', params };
  if (error.reason === 'duplicate') return { key: 'rowError.duplicate', params };
  if (WITH_COLUMN.has(error.reason) && error.column !== '')
    return { key: `rowError.${error.reason}` as RowErrorTextKey, params };
  return { key: 'rowError.other', params };
}
