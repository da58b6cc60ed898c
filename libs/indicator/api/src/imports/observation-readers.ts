import {
  CsvRecordSplitter,
  detectTabularLayout,
  observationsOfRow,
  SdmxRowGate,
  spreadsheetCellValue,
  type RawObservation,
  type TabularLayout,
} from '@quartier/indicator-core';
import { describeTextProblem, restoreCsvCell, textProblem } from '@quartier/contracts';
import { assertZipWithinBounds, DATA_WORKBOOK_LIMITS, ZipBoundsError } from '@quartier/service-kit';
import ExcelJS from 'exceljs';
import { StringDecoder } from 'node:string_decoder';
import type { ImportFormat } from './import-formats';
import { readDhis2, readJsonStat } from './json-readers';
import {
  BATCH_OBSERVATIONS,
  countingStream,
  emptyBatch,
  ImportFileError,
  type FormatInfo,
  type ObservationBatch,
  type ReaderOptions,
} from './reader-support';

export {
  ImportFileError,
  type FormatInfo,
  type ObservationBatch,
  type ReaderOptions,
} from './reader-support';

// Format readers: each turns a spooled upload into batches of raw observations (and row
// errors for rows that cannot even be split into observations), reading the file as a stream.
// Batches, not single items: a million awaits per file would cost more than the parsing.

const TEXT_FIELDS = ['area', 'period', 'indicator', 'value', 'numerator', 'denominator'] as const;

/**
 * Moves observations carrying text that cannot be stored (a NUL in a CSV cell or a DHIS2
 * orgUnit) to the row errors, naming the line and the field: one check for every format.
 */
function screenUnsafeText(batch: ObservationBatch): ObservationBatch {
  if (batch.storable) return batch;
  const observations: RawObservation[] = [];
  const errors = [...batch.errors];
  for (const o of batch.observations) {
    const field = TEXT_FIELDS.find((f) => typeof o[f] === 'string' && textProblem(o[f] as string));
    if (field === undefined) {
      observations.push(o);
      continue;
    }
    errors.push({
      line: o.line,
      column: field === 'value' ? o.column : field,
      reason: 'malformed',
      message: `${field} ${describeTextProblem(textProblem(o[field] as string) ?? 'nul')}`,
    });
  }
  return { observations, errors, rows: batch.rows };
}

async function* screened(batches: AsyncGenerator<ObservationBatch>): AsyncGenerator<ObservationBatch> {
  for await (const batch of batches) yield screenUnsafeText(batch);
}

export function readObservations(
  format: ImportFormat,
  file: string,
  options: ReaderOptions,
  info: FormatInfo,
): AsyncGenerator<ObservationBatch> {
  return screened(formatReader(format, file, options, info));
}

function formatReader(
  format: ImportFormat,
  file: string,
  options: ReaderOptions,
  info: FormatInfo,
): AsyncGenerator<ObservationBatch> {
  switch (format) {
    case 'csv':
      return readCsv(file, options, info, false);
    case 'sdmx-csv':
      info.dialect = 'sdmx';
      return readCsv(file, options, info, true);
    case 'xlsx':
      return readXlsx(file, options);
    case 'json-stat':
      info.dialect = 'jsonstat';
      return readJsonStat(file, options, info.mapping);
    case 'dhis2':
      info.dialect = 'dhis2';
      return readDhis2(file, options);
  }
}

const APOSTROPHE = 0x27;

async function* readCsv(
  file: string,
  options: ReaderOptions,
  info: FormatInfo,
  sdmx: boolean,
): AsyncGenerator<ObservationBatch> {
  const splitter = new CsvRecordSplitter();
  const decoder = new StringDecoder('utf8');
  let layout: TabularLayout | null = null;
  let gate: SdmxRowGate | null = null;
  let header: string[] = [];
  let rows = 0;
  const take = (records: { line: number; fields: string[] }[]): ObservationBatch => {
    const batch = emptyBatch();
    // Index loops, not for…of: in a process's first import this runs mostly unoptimised, where
    // every step of an iterator costs a call and a result object.
    for (let r = 0; r < records.length; r++) {
      const record = records[r];
      // Our own exports guard formula cells with an apostrophe; they import back unchanged. Only a
      // cell starting with one can be such a cell: the test here saves a call per cell.
      const fields = record.fields;
      for (let i = 0; i < fields.length; i++)
        if (fields[i].charCodeAt(0) === APOSTROPHE) fields[i] = restoreCsvCell(fields[i]);
      if (layout === null) {
        const detected = detectTabularLayout(record.fields, sdmx, info.mapping);
        if (!detected.ok) throw new ImportFileError(detected.message, record.line);
        layout = detected.layout;
        header = detected.header;
        if (layout.kind === 'sdmx') gate = new SdmxRowGate(layout, header);
        info.decimalComma = splitter.delimiter === ';';
        continue;
      }
      rows++;
      if (record.fields.length !== header.length) {
        batch.errors.push({
          line: record.line,
          column: header[Math.min(record.fields.length, header.length - 1)],
          reason: 'malformed',
          message: `the row has ${record.fields.length} field(s), the header ${header.length}`,
        });
        continue;
      }
      const verdict = gate ? gate.check(record.line, record.fields) : 'keep';
      if (verdict === 'skip') continue;
      if (verdict !== 'keep') {
        batch.errors.push(verdict);
        continue;
      }
      observationsOfRow(layout, header, record.line, record.fields, batch.observations);
    }
    batch.rows = rows;
    return batch;
  };
  // Text that cannot be stored is looked for in each decoded chunk once, not in every cell:
  // until a chunk has some, the records (made of the chunks so far) are known to be clean.
  let storable = true;
  const taken = (records: { line: number; fields: string[] }[]): ObservationBatch => {
    const batch = take(records);
    if (storable) batch.storable = true;
    return batch;
  };
  for await (const chunk of countingStream(file, options) as AsyncIterable<Buffer>) {
    const text = decoder.write(chunk);
    if (storable && textProblem(text) !== null) storable = false;
    const records = splitter.push(text);
    if (records.length > 0) yield taken(records);
  }
  const last = splitter.end();
  const batch = taken(last.records);
  if (last.error)
    batch.errors.push({
      line: last.error.line,
      column: header[0] ?? '',
      reason: 'malformed',
      message: last.error.message,
    });
  if (layout === null) throw new ImportFileError('the file is empty: expected a header row');
  yield batch;
}

async function* readXlsx(file: string, options: ReaderOptions): AsyncGenerator<ObservationBatch> {
  // Bounds first: the streaming reader below inflates whatever the archive holds.
  try {
    await assertZipWithinBounds(file, DATA_WORKBOOK_LIMITS);
  } catch (error) {
    if (error instanceof ZipBoundsError) throw new ImportFileError(error.message);
    throw error;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(countingStream(file, options), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  let layout: TabularLayout | null = null;
  let header: string[] = [];
  let rows = 0;
  let batch = emptyBatch();
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based (index 0 unused).
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(spreadsheetCellValue);
        if (layout === null) {
          const detected = detectTabularLayout(cells.map((c) => (c === null ? '' : String(c))));
          if (!detected.ok) throw new ImportFileError(detected.message, row.number);
          layout = detected.layout;
          header = detected.header;
          continue;
        }
        if (cells.every((c) => c === null || c === '')) continue;
        rows++;
        if (cells.length > header.length && cells.slice(header.length).some((c) => c !== null && c !== '')) {
          batch.errors.push({
            line: row.number,
            column: `column ${header.length + 1}`,
            reason: 'malformed',
            message: `the row has values beyond the ${header.length} header columns`,
          });
          continue;
        }
        observationsOfRow(layout, header, row.number, cells, batch.observations);
        if (batch.observations.length >= BATCH_OBSERVATIONS) {
          batch.rows = rows;
          yield batch;
          batch = emptyBatch();
        }
      }
      break; // the first worksheet holds the data
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  if (layout === null) throw new ImportFileError('the first worksheet is empty: expected a header row');
  batch.rows = rows;
  yield batch;
}
