import { neutraliseCsvCell } from '@quartier/contracts';
import { stringify } from 'csv-stringify/sync';
import { columnHeader, plainCell } from '../../format/number-format';
import { documentTables } from '../../model/document-flow';
import { parseReportDocument } from '../../model/parse-report-document';
import type { ReportDocument, ReportLanguage, ReportTable } from '../../model/report-document';

// CSV for the numbers: one table per file, UTF-8 with a byte-order mark (Excel otherwise reads
// UTF-8 as Windows-1252 and breaks every umlaut), `;` and decimal comma in German (what German
// Excel expects), `,` and decimal point in English, CRLF line ends (RFC 4180).

const BOM = '\ufeff';

export function csvDelimiter(language: ReportLanguage): ';' | ',' {
  return language === 'de' ? ';' : ',';
}

/** One table as CSV bytes: header row with units, then the rows. */
export function renderCsv(table: ReportTable, language: ReportLanguage): Buffer {
  const header = table.columns.map((column) => neutraliseCsvCell(columnHeader(column, language)));
  const rows = table.rows.map((row) =>
    row.cells.map((cell, i) => {
      const text = plainCell(cell, table.columns[i].format, language);
      return typeof cell === 'string' ? neutraliseCsvCell(text) : text;
    }),
  );
  const csv = stringify([header, ...rows], {
    delimiter: csvDelimiter(language),
    record_delimiter: 'windows',
    // Once a record delimiter is named, csv-stringify quotes only that sequence: a lone LF or CR
    // inside a text would be written bare, and a spreadsheet ends the row there.
    quote_record_delimiter: true,
  });
  return Buffer.from(BOM + csv, 'utf8');
}

export interface CsvFile {
  /** `<table id>.csv`; unique within the document (ids are). */
  name: string;
  bytes: Buffer;
}

/** Every table of a document (including the data behind figures) as one CSV file each. */
export function renderCsvFiles(document: ReportDocument): CsvFile[] {
  const valid = parseReportDocument(document);
  return documentTables(valid).map((table) => ({
    name: `${table.id}.csv`,
    bytes: renderCsv(table, valid.metadata.language),
  }));
}
