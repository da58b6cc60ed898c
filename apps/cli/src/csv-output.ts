// The CSV files the commands write (results, converted networks), written alike. Their cells come
// from the user's files (area codes, actor names, form labels), and people open the results in a
// spreadsheet: every text cell goes through the platform's one formula guard, and a line break
// inside a cell is quoted. csv-stringify loads on first use, so `quartier --help` stays fast.

export type CsvOutputCell = string | number;

/**
 * Rows (header first) as a command's CSV: RFC 4180 with LF line ends; a cell holding the comma,
 * a quote, an LF or a CR quoted; every text through contracts' `neutraliseCsvCell` (numbers, and
 * texts that are plain numbers such as `-1.5`, stay as they are). `verbatim` names columns whose
 * values belong to a documented output contract and are written unchanged.
 */
export async function csvOutput(
  rows: readonly (readonly CsvOutputCell[])[],
  options: { verbatim?: readonly number[] } = {},
): Promise<string> {
  const [{ stringify }, { neutraliseCsvCell }] = await Promise.all([
    import('csv-stringify/sync'),
    import('@quartier/contracts'),
  ]);
  const verbatim = new Set(options.verbatim);
  // No record_delimiter option: once one is named, csv-stringify quotes only that sequence and
  // would write a CR inside a cell bare.
  return stringify(
    rows.map((row) => row.map((cell, column) => (verbatim.has(column) ? cell : neutraliseCsvCell(cell)))),
  );
}
