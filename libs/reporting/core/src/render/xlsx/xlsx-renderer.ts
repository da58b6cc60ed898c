import ExcelJS from 'exceljs';
import { PassThrough, type Writable } from 'node:stream';
import {
  columnHeader,
  excelNumberFormat,
  excelValue,
  formatDate,
  isoDay,
  MISSING_MARK,
  SUPPRESSED_MARK,
} from '../../format/number-format';
import { documentTables } from '../../model/document-flow';
import { parseReportDocument } from '../../model/parse-report-document';
import type { Cell, NumberFormat, ReportDocument, ReportTable } from '../../model/report-document';
import { ReportingError } from '../../reporting-error';
import { textsFor, type Texts } from '../../texts';

// XLSX for analysts: a cover sheet with the report's metadata and a list of sheets, then one
// sheet per table with the header row frozen and filterable, units in the headers, numbers as
// numbers with format codes (so they can be computed with), suppressed and missing cells as
// their marks. Written with exceljs' streaming writer: rows go out as they are committed.

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Unique sheet names of at most 31 characters, as Excel requires. */
export function sheetNames(tables: ReportTable[], reserved: string[]): string[] {
  const used = new Set(reserved.map((n) => n.toLowerCase()));
  return tables.map((table) => {
    const base = (table.shortTitle ?? table.caption).replace(INVALID_SHEET_CHARS, ' ').trim().slice(0, 31);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++)
      name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}

function coverSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  document: ReportDocument,
  t: Texts,
  tables: ReportTable[],
  names: string[],
  title: string,
): void {
  const meta = document.metadata;
  const sheet = workbook.addWorksheet(title);
  sheet.columns = [{ width: 24 }, { width: 70 }];
  const rows: [string, string][] = [
    [t('meta.title'), meta.title],
    ...(meta.subtitle ? ([[t('meta.subtitle'), meta.subtitle]] as [string, string][]) : []),
    [t('meta.type'), t(`reportType.${meta.type}`)],
    [t('meta.organisation'), meta.organisation],
    ...(meta.author ? ([[t('meta.author'), meta.author]] as [string, string][]) : []),
    [t('meta.asOf'), formatDate(meta.asOf, meta.language)],
    [t('meta.generatedAt'), formatDate(meta.generatedAt, meta.language)],
    ...(meta.pin
      ? ([
          [t('meta.pin'), meta.pin.dataId],
          [t('meta.hash'), meta.pin.contentHash],
        ] as [string, string][])
      : []),
    [t('meta.language'), t('meta.languageName')],
  ];
  for (const [label, value] of rows) sheet.addRow([label, value]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([t('meta.sheets')]).getCell(1).font = { bold: true };
  tables.forEach((table, i) => {
    const source = table.source ? ` — ${t('source.label', { source: table.source })}` : '';
    sheet.addRow([names[i], `${table.caption}${source}`]);
  });
  sheet.addRow([]);
  sheet.addRow([t('legend.title')]).getCell(1).font = { bold: true };
  sheet.addRow([t('legend.suppressed', { mark: SUPPRESSED_MARK })]);
  sheet.addRow([t('legend.missing', { mark: MISSING_MARK })]);
  sheet.commit();
}

function cellValue(cell: Cell, format: NumberFormat): ExcelJS.CellValue {
  if (typeof cell === 'object') return cell.status === 'suppressed' ? SUPPRESSED_MARK : MISSING_MARK;
  if (typeof cell === 'number') return excelValue(cell, format);
  const day = format.kind === 'date' ? isoDay(cell) : null;
  if (day) return new Date(`${day}T00:00:00Z`);
  // A text cell is stored as a string, which no spreadsheet evaluates: `=HYPERLINK(…)` stays
  // text as it is. The apostrophe a CSV needs would show here as part of the text.
  return cell;
}

function tableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: ReportTable,
  name: string,
  document: ReportDocument,
): void {
  const language = document.metadata.language;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = table.columns.map((c) => columnHeader(c, language));
  sheet.columns = table.columns.map((column, i) => {
    const longest = Math.max(
      headers[i].length,
      ...table.rows.map(
        (r) =>
          String(r.cells[i] === undefined ? '' : typeof r.cells[i] === 'object' ? '' : r.cells[i]).length,
      ),
    );
    return {
      key: column.key,
      width: Math.min(60, Math.max(10, longest + 2)),
      style: { numFmt: excelNumberFormat(column.format, language) },
    };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.commit();
  for (const row of table.rows) {
    const added = sheet.addRow(row.cells.map((cell, i) => cellValue(cell, table.columns[i].format)));
    if (row.role === 'total' || row.role === 'highlight') added.font = { bold: true };
    row.cells.forEach((cell, i) => {
      if (typeof cell === 'object') added.getCell(i + 1).alignment = { horizontal: 'right' };
    });
    added.commit();
  }
  sheet.commit();
}

/** Renders the document's tables as an XLSX workbook into `output`, streaming. */
export async function renderXlsx(document: ReportDocument, output: Writable): Promise<void> {
  const valid = parseReportDocument(document);
  const t = textsFor(valid.metadata.language);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = valid.metadata.organisation;
  workbook.title = valid.metadata.title;
  workbook.created = workbook.modified = new Date(valid.metadata.generatedAt);
  const tables = documentTables(valid);
  const coverTitle = t(`reportType.${valid.metadata.type}`).slice(0, 31);
  const names = sheetNames(tables, [coverTitle]);
  try {
    coverSheet(workbook, valid, t, tables, names, coverTitle);
    tables.forEach((table, i) => tableSheet(workbook, table, names[i], valid));
    await workbook.commit();
  } catch (error) {
    throw new ReportingError('RenderFailed', `XLSX: ${(error as Error).message}`);
  }
}

export async function renderXlsxBuffer(document: ReportDocument): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.once('end', resolve);
    sink.once('error', reject);
  });
  await renderXlsx(document, sink);
  await done;
  return Buffer.concat(chunks);
}
