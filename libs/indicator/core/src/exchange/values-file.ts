// A whole values file in memory, read with the same layout, cube and DHIS2 rules as the
// platform's streaming import — for `quartier indicator convert` and tests. The platform streams
// (its files may be gigabytes); this reads a file a person converts at the command line.
import ExcelJS from 'exceljs';
import { csvField, CsvRecordSplitter } from './csv-records';
import { dhis2Observation, dhis2SetDefaults, isRowError } from './dhis2';
import type { DimensionMapping } from './dimension-map';
import { jsonStatCube, jsonStatDataset, jsonStatStatus } from './json-stat';
import { checkObservation, type RawObservation, type RowError } from './observation';
import type { PeriodDialect } from './period';
import { SdmxRowGate } from './sdmx-layout';
import { valueCellText } from './value-cell';
import { detectTabularLayout, observationsOfRow, type TabularLayout } from './tabular-layout';

export type ValuesFileFormat = 'csv-long' | 'csv-wide' | 'xlsx' | 'sdmx-csv' | 'json-stat' | 'dhis2';

export interface ValuesFileInfo {
  dialect: PeriodDialect;
  decimalComma: boolean;
}

export type ValuesFileRead =
  | {
      observations: RawObservation[];
      errors: RowError[];
      info: ValuesFileInfo;
      /** Cells or rows left out because a fixed dimension has another category. */
      skipped: number;
      /** What `line` counts: file lines, or positions in a JSON array. */
      unit: 'line' | 'value';
    }
  | { fileError: string; line?: number };

type Cells = readonly (string | number | null | undefined)[];

function tabular(
  rows: Iterable<{ line: number; cells: Cells }>,
  sdmx: boolean,
  mapping: DimensionMapping,
  want: (layout: TabularLayout) => string | null,
  info: ValuesFileInfo,
): ValuesFileRead {
  let layout: TabularLayout | null = null;
  let header: string[] = [];
  let gate: SdmxRowGate | null = null;
  const observations: RawObservation[] = [];
  const errors: RowError[] = [];
  let skipped = 0;
  for (const { line, cells } of rows) {
    if (layout === null) {
      const detected = detectTabularLayout(
        cells.map((c) => (c === null || c === undefined ? '' : String(c))),
        sdmx,
        mapping,
      );
      if (!detected.ok) return { fileError: detected.message, line };
      const unwanted = want(detected.layout);
      if (unwanted) return { fileError: unwanted, line };
      ({ layout, header } = detected);
      if (layout.kind === 'sdmx') gate = new SdmxRowGate(layout, header);
      continue;
    }
    if (cells.every((c) => c === null || c === undefined || c === '')) continue;
    if (
      cells.length !== header.length &&
      cells.slice(header.length).some((c) => c !== null && c !== '' && c !== undefined)
    ) {
      errors.push({
        line,
        column: header[header.length - 1],
        reason: 'malformed',
        message: `the row has ${cells.length} field(s), the header ${header.length}`,
      });
      continue;
    }
    const verdict = gate ? gate.check(line, cells) : 'keep';
    if (verdict === 'skip') skipped++;
    else if (verdict !== 'keep') errors.push(verdict);
    else observationsOfRow(layout, header, line, cells, observations);
  }
  if (layout === null) return { fileError: 'the file is empty: expected a header row' };
  return { observations, errors, info, skipped, unit: 'line' };
}

function csvRows(text: string, info: ValuesFileInfo): { line: number; cells: Cells }[] {
  const splitter = new CsvRecordSplitter();
  const records = splitter.push(text);
  const end = splitter.end();
  info.decimalComma = splitter.delimiter === ';';
  const rows = [...records, ...end.records].map((r) => ({ line: r.line, cells: r.fields }));
  if (end.error) throw new RangeError(`line ${end.error.line}: ${end.error.message}`);
  return rows;
}

/**
 * A spreadsheet cell's plain value, as the import and the converter read it: numbers stay
 * numbers, dates become ISO dates, formulas their result, links and rich text their text.
 */
export function spreadsheetCellValue(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // An Excel date has no time zone: exceljs gives it as UTC midnight, so its UTC day is the date
  // as written (the platform's time zone is for instants, not for such dates).
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return spreadsheetCellValue((value as { result?: ExcelJS.CellValue }).result);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

async function xlsxRows(bytes: Uint8Array): Promise<{ line: number; cells: Cells }[]> {
  const workbook = new ExcelJS.Workbook();
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  await workbook.xlsx.load(copy as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0];
  const rows: { line: number; cells: Cells }[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    rows.push({ line, cells: (row.values as ExcelJS.CellValue[]).slice(1).map(spreadsheetCellValue) });
  });
  return rows;
}

function jsonStat(document: unknown, mapping: DimensionMapping): ValuesFileRead {
  const dataset = jsonStatDataset(document);
  if ('message' in dataset) return { fileError: dataset.message };
  const result = jsonStatCube(dataset.header, mapping);
  if (!result.ok) return { fileError: result.message };
  const holder =
    dataset.valuePath === 'value'
      ? document
      : (document as Record<string, unknown>)[dataset.valuePath.split('.')[0]];
  const { value, status } = holder as { value?: unknown; status?: unknown };
  if (value === undefined) return { fileError: 'the dataset has no "value"' };
  const entries: [number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>).map(([k, v]) => [Number(k), v]);
  const flagOf = (n: number) =>
    jsonStatStatus(
      typeof status === 'string'
        ? status
        : Array.isArray(status)
          ? status[n]
          : (status as Record<string, unknown> | undefined)?.[n],
    );
  const observations: RawObservation[] = [];
  const errors: RowError[] = [];
  let skipped = 0;
  for (const [n, v] of entries) {
    if (!Number.isInteger(n) || n < 0 || n >= result.cube.total) {
      errors.push({
        line: n + 1,
        column: `value[${n}]`,
        reason: 'malformed',
        message: `observation ${n} lies outside the cube of ${result.cube.total} cells`,
      });
      continue;
    }
    const at = result.cube.coordinates(n);
    if (at === null) {
      skipped++;
      continue;
    }
    const flag = flagOf(n);
    observations.push({
      line: n + 1,
      column: `value[${n}]`,
      ...at,
      value: typeof v === 'number' || v === null ? v : String(v),
      ...(flag ? { status: flag } : {}),
    });
  }
  return { observations, errors, info: { dialect: 'jsonstat', decimalComma: false }, skipped, unit: 'value' };
}

function dhis2(document: unknown): ValuesFileRead {
  const values = (document as { dataValues?: unknown } | null)?.dataValues;
  if (!Array.isArray(values))
    return { fileError: 'the file is not a DHIS2 dataValueSet (no "dataValues" array)' };
  const defaults = dhis2SetDefaults(document);
  const observations: RawObservation[] = [];
  const errors: RowError[] = [];
  values.forEach((v, i) => {
    const item = dhis2Observation(v, i, defaults);
    if (isRowError(item)) errors.push(item);
    else observations.push(item);
  });
  return { observations, errors, info: { dialect: 'dhis2', decimalComma: false }, skipped: 0, unit: 'value' };
}

/** Reads a values file of the given format; `fileError` when it cannot be read at all. */
export async function readValuesFile(
  format: ValuesFileFormat,
  bytes: Uint8Array,
  mapping: DimensionMapping,
): Promise<ValuesFileRead> {
  const info: ValuesFileInfo = { dialect: format === 'sdmx-csv' ? 'sdmx' : 'quartier', decimalComma: false };
  const text = () => new TextDecoder('utf-8').decode(bytes);
  try {
    switch (format) {
      case 'csv-long':
      case 'csv-wide': {
        const want = (layout: TabularLayout) =>
          format === 'csv-long' && layout.kind !== 'long'
            ? 'not a long file: expected the columns area, period, indicator, value'
            : format === 'csv-wide' && layout.kind === 'long'
              ? 'not a wide file: this is the long layout (use --from csv-long)'
              : null;
        return tabular(csvRows(text(), info), false, mapping, want, info);
      }
      case 'sdmx-csv':
        return tabular(csvRows(text(), info), true, mapping, () => null, info);
      case 'xlsx':
        return tabular(await xlsxRows(bytes), false, mapping, () => null, info);
      case 'json-stat':
        return jsonStat(JSON.parse(text()), mapping);
      case 'dhis2':
        return dhis2(JSON.parse(text()));
    }
  } catch (error) {
    const message = (error as Error).message;
    return {
      fileError:
        format === 'xlsx'
          ? `not a readable XLSX workbook: ${message}`
          : format === 'json-stat' || format === 'dhis2'
            ? `not valid JSON: ${message}`
            : message,
    };
  }
}

/**
 * The long CSV `area,indicator,period,value` the import would load from these observations:
 * each checked as the import checks it (periods, numbers), duplicates named with their first line.
 */
export function longValuesCsv(
  observations: readonly RawObservation[],
  info: ValuesFileInfo,
): { text: string; rows: number; errors: RowError[] } {
  const lookups = { area: (code: string) => code, indicator: () => ({ scale: 1 }) };
  const errors: RowError[] = [];
  const first = new Map<string, number>();
  const lines = ['area,indicator,period,value'];
  for (const raw of observations) {
    const checked = checkObservation(raw, lookups, {
      dialect: info.dialect,
      decimalComma: info.decimalComma,
    });
    if (!checked.ok) {
      errors.push(...checked.errors);
      continue;
    }
    const o = checked.observation;
    const key = JSON.stringify([o.area, raw.indicator, o.period]);
    const seen = first.get(key);
    if (seen !== undefined) {
      errors.push({
        line: raw.line,
        column: raw.column,
        reason: 'duplicate',
        message: `duplicate of line ${seen}: same area, period and indicator`,
      });
      continue;
    }
    first.set(key, raw.line);
    lines.push(`${csvField(o.area)},${csvField(raw.indicator)},${o.period},${valueCellText(o)}`);
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1, errors };
}
