import { neutraliseCsvCell } from '@quartier/contracts/browser';
import { csvText, safeFileName, sheetName, type TableRows } from './table-export';

type ExcelJs = typeof import('exceljs');

/**
 * exceljs from its browser bundle, a UMD file: the production build hands it over as the
 * module's `default` only (`{ Workbook }` from the namespace was undefined — "e is not a
 * constructor"), the development server with named exports too. Either shape works here.
 */
export async function loadExcelJs(): Promise<ExcelJs> {
  const loaded = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
  const module = typeof loaded.Workbook === 'function' ? loaded : loaded.default;
  if (!module || typeof module.Workbook !== 'function') throw new Error('exceljs could not be loaded');
  return module;
}

/**
 * An XLSX workbook of one sheet with the header row in bold. Text cells are stored as strings,
 * which a spreadsheet never evaluates, so they need no apostrophe as in CSV.
 */
export async function xlsxBlob(rows: TableRows, sheet: string): Promise<Blob> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  const worksheet = workbook.addWorksheet(sheetName(sheet));
  for (const row of rows) worksheet.addRow(row.map((value) => (value === undefined ? null : value)));
  if (rows.length > 0) worksheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** CSV with a byte-order mark, so Excel opens umlauts as UTF-8. */
export function csvBlob(rows: TableRows): Blob {
  return new Blob(['\uFEFF', csvText(rows, (text) => String(neutraliseCsvCell(text)))], {
    type: 'text/csv;charset=utf-8',
  });
}

/**
 * Hands a file to the browser as a download under a name the file system accepts (the one way
 * the portal saves what it made or fetched: tables, maps, reports, questionnaires, evidence).
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(fileName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
