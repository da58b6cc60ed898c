import {
  CsvRecordSplitter,
  detectTabularLayout,
  jsonStatCube,
  jsonStatStatus,
  observationsOfRow,
  type JsonStatHeader,
  type PeriodDialect,
  type RawObservation,
  type RowError,
  type TabularLayout,
} from '@quartier/indicator-core';
import { describeTextProblem, restoreCsvCell, textProblem } from '@quartier/contracts';
import { assertZipWithinBounds, DATA_WORKBOOK_LIMITS, ZipBoundsError } from '@quartier/service-kit';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
import Assembler from 'stream-json/Assembler';
import { ignore } from 'stream-json/filters/Ignore';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';
import type { ImportFormat } from './import-formats';

// Format readers: each turns a spooled upload into batches of raw observations (and row
// errors for rows that cannot even be split into observations), reading the file as a stream.
// Batches, not single items: a million awaits per file would cost more than the parsing.

export interface ObservationBatch {
  observations: RawObservation[];
  errors: RowError[];
  /** Data rows (or JSON records) read so far. */
  rows: number;
}

export interface ReaderOptions {
  onBytes(bytes: number): void;
}

export interface FormatInfo {
  dialect: PeriodDialect;
  decimalComma: boolean;
}

/** A problem with the file as a whole (header, structure): nothing can be read. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    // Parser messages may quote the file; what cannot be stored is replaced, so the report can be.
    super(storable(message));
  }
}

/** The text with NUL and lone surrogates replaced by U+FFFD. */
function storable(text: string): string {
  return textProblem(text) ? [...text].map((c) => (textProblem(c) ? '\uFFFD' : c)).join('') : text;
}

const TEXT_FIELDS = ['area', 'period', 'indicator', 'value', 'numerator', 'denominator'] as const;

/**
 * Moves observations carrying text that cannot be stored (a NUL in a CSV cell or a DHIS2
 * orgUnit) to the row errors, naming the line and the field: one check for every format.
 */
function screenUnsafeText(batch: ObservationBatch): ObservationBatch {
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

function countingStream(file: string, options: ReaderOptions) {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes(bytes);
  });
  return stream;
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
      return readJsonStat(file, options);
    case 'dhis2':
      info.dialect = 'dhis2';
      return readDhis2(file, options);
  }
}

async function* readCsv(
  file: string,
  options: ReaderOptions,
  info: FormatInfo,
  sdmx: boolean,
): AsyncGenerator<ObservationBatch> {
  const splitter = new CsvRecordSplitter();
  const decoder = new StringDecoder('utf8');
  let layout: TabularLayout | null = null;
  let header: string[] = [];
  let rows = 0;
  const take = (records: { line: number; fields: string[] }[]): ObservationBatch => {
    const batch: ObservationBatch = { observations: [], errors: [], rows: 0 };
    for (const record of records) {
      // Our own exports guard formula cells with an apostrophe; they import back unchanged.
      record.fields = record.fields.map(restoreCsvCell);
      if (layout === null) {
        const detected = detectTabularLayout(record.fields, sdmx);
        if (!detected.ok) throw new ImportFileError(detected.message, record.line);
        layout = detected.layout;
        header = detected.header;
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
      for (const o of observationsOfRow(layout, header, record.line, record.fields))
        batch.observations.push(o);
    }
    batch.rows = rows;
    return batch;
  };
  for await (const chunk of countingStream(file, options) as AsyncIterable<Buffer>) {
    const records = splitter.push(decoder.write(chunk));
    if (records.length > 0) yield take(records);
  }
  const last = splitter.end();
  const batch = take(last.records);
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

type CellValue = ExcelJS.CellValue;

/** A cell's plain value: numbers stay numbers, dates become ISO dates, formulas their result. */
function plainCell(value: CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return plainCell((value as { result?: CellValue }).result as CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
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
  let batch: ObservationBatch = { observations: [], errors: [], rows: 0 };
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based (index 0 unused).
        const cells = (row.values as CellValue[]).slice(1).map(plainCell);
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
        for (const o of observationsOfRow(layout, header, row.number, cells)) batch.observations.push(o);
        if (batch.observations.length >= 5000) {
          batch.rows = rows;
          yield batch;
          batch = { observations: [], errors: [], rows: 0 };
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

interface Token {
  name: string;
  value?: string | number | boolean | null;
}

/** JSON-stat: pass 1 reads everything but `value`/`status`, pass 2 the status, pass 3 streams the values. */
async function* readJsonStat(file: string, options: ReaderOptions): AsyncGenerator<ObservationBatch> {
  const header = await jsonHeader(file);
  const cubeResult = jsonStatCube(header);
  if (!cubeResult.ok) throw new ImportFileError(cubeResult.message);
  const { cube } = cubeResult;
  const status = await jsonStatStatuses(file);
  let batch: ObservationBatch = { observations: [], errors: [], rows: 0 };
  let rows = 0;
  const emit = (n: number, value: string | number | null) => {
    rows++;
    if (!Number.isInteger(n) || n < 0 || n >= cube.total) {
      batch.errors.push({
        line: rows,
        column: `value[${n}]`,
        reason: 'malformed',
        message: `observation ${n} lies outside the cube of ${cube.total} cells`,
      });
      return;
    }
    const at = cube.coordinates(n);
    const flag = jsonStatStatus(typeof status === 'string' ? status : status.get(n));
    batch.observations.push({
      line: n + 1,
      column: `value[${n}]`,
      ...at,
      value,
      ...(flag ? { status: flag } : {}),
    });
  };
  const tokens = chain([
    countingStream(file, options),
    parser({ packValues: true, streamValues: false }),
    pick({ filter: 'value' }),
  ]) as AsyncIterable<Token>;
  let depth = 0;
  let index = 0;
  let key: string | null = null;
  let sawValue = false;
  try {
    for await (const token of tokens) {
      sawValue = true;
      if (token.name === 'startArray' || token.name === 'startObject') {
        if (++depth > 1) throw new ImportFileError(`value: observation ${index} is not a number or null`);
        continue;
      }
      if (token.name === 'endArray' || token.name === 'endObject') {
        depth--;
        continue;
      }
      if (token.name === 'keyValue') {
        key = String(token.value);
        continue;
      }
      const value =
        token.name === 'numberValue'
          ? Number(token.value)
          : token.name === 'nullValue'
            ? null
            : token.name === 'stringValue'
              ? String(token.value)
              : String(token.value);
      emit(key !== null ? Number(key) : index, value);
      index++;
      key = null;
      if (batch.observations.length >= 5000) {
        batch.rows = rows;
        yield batch;
        batch = { observations: [], errors: [], rows: 0 };
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!sawValue) throw new ImportFileError('the dataset has no "value"');
  batch.rows = rows;
  yield batch;
}

async function jsonHeader(file: string): Promise<JsonStatHeader> {
  const pipeline = chain([createReadStream(file), parser(), ignore({ filter: /^(value|status)$/ })]);
  try {
    const assembler = Assembler.connectTo(pipeline);
    await new Promise<void>((resolve, reject) => {
      pipeline.on('end', () => resolve());
      pipeline.on('error', reject);
    });
    const current: unknown = assembler.current;
    if (!current || typeof current !== 'object' || Array.isArray(current))
      throw new ImportFileError('a JSON-stat file is a JSON object (a dataset)');
    return current as JsonStatHeader;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
}

/** The `status` member: one symbol for every cell, or position → symbol (only flagged cells are kept). */
async function jsonStatStatuses(file: string): Promise<string | Map<number, string>> {
  const flags = new Map<number, string>();
  const tokens = chain([
    createReadStream(file),
    parser({ packValues: true, streamValues: false }),
    pick({ filter: 'status' }),
  ]) as AsyncIterable<Token>;
  let index = 0;
  let key: string | null = null;
  let depth = 0;
  for await (const token of tokens) {
    if (token.name === 'startArray' || token.name === 'startObject') {
      depth++;
      continue;
    }
    if (token.name === 'endArray' || token.name === 'endObject') {
      depth--;
      continue;
    }
    if (token.name === 'keyValue') {
      key = String(token.value);
      continue;
    }
    if (depth === 0 && token.name === 'stringValue') return String(token.value);
    if (token.name === 'stringValue') flags.set(key !== null ? Number(key) : index, String(token.value));
    index++;
    key = null;
  }
  return flags;
}

interface Dhis2DataValue {
  dataElement?: unknown;
  period?: unknown;
  orgUnit?: unknown;
  value?: unknown;
}

/** DHIS2 `dataValueSets` JSON: `{ "dataValues": [ { dataElement, period, orgUnit, value }, … ] }`. */
async function* readDhis2(file: string, options: ReaderOptions): AsyncGenerator<ObservationBatch> {
  const items = chain([
    countingStream(file, options),
    parser(),
    pick({ filter: 'dataValues' }),
    streamArray(),
  ]) as AsyncIterable<{ key: number; value: unknown }>;
  let batch: ObservationBatch = { observations: [], errors: [], rows: 0 };
  let rows = 0;
  let saw = false;
  try {
    for await (const { key, value } of items) {
      saw = true;
      rows++;
      const line = key + 1;
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        batch.errors.push({
          line,
          column: `dataValues[${key}]`,
          reason: 'malformed',
          message: 'a data value is an object',
        });
        continue;
      }
      const dv = value as Dhis2DataValue;
      const text = (v: unknown) =>
        typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
      batch.observations.push({
        line,
        column: `dataValues[${key}].value`,
        area: text(dv.orgUnit),
        period: text(dv.period),
        indicator: text(dv.dataElement),
        value:
          typeof dv.value === 'number'
            ? dv.value
            : dv.value === null || dv.value === undefined
              ? ''
              : String(dv.value),
      });
      if (batch.observations.length >= 5000) {
        batch.rows = rows;
        yield batch;
        batch = { observations: [], errors: [], rows: 0 };
      }
    }
  } catch (error) {
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!saw && rows === 0) {
    // An empty array is a valid (empty) import; a missing one is not a dataValueSet.
    const head = await new Promise<string>((resolve, reject) => {
      let t = '';
      createReadStream(file, { encoding: 'utf8', end: 1 << 20 })
        .on('data', (c) => (t += c))
        .on('end', () => resolve(t))
        .on('error', reject);
    });
    if (!/"dataValues"\s*:\s*\[/.test(head))
      throw new ImportFileError('the file is not a DHIS2 dataValueSet (no "dataValues" array)');
  }
  batch.rows = rows;
  yield batch;
}
