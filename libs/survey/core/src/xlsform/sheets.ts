// A workbook reduced to what the XLSForm importer needs: per sheet the header row and the
// non-empty rows with their spreadsheet row numbers (header = row 1), every cell as text.
import ExcelJS from 'exceljs';
import { spreadsheetCellText } from '@quartier/contracts';
import { SurveyError } from '../errors';

export interface SheetRow {
  /** Row number as the spreadsheet shows it. */
  readonly row: number;
  /** Cell text by header (as written, trimmed); empty cells are absent. */
  readonly cells: Readonly<Record<string, string>>;
}

export interface Sheet {
  /** Header texts in column order (trimmed, empty headers dropped). */
  readonly header: readonly string[];
  readonly rows: readonly SheetRow[];
}

export interface XlsFormSheets {
  readonly survey?: Sheet;
  readonly choices?: Sheet;
  readonly settings?: Sheet;
}

/**
 * Builds a sheet from arrays, the first being the header (row 1). Empty arrays stand for blank
 * rows, so tests can place rows at exact spreadsheet row numbers.
 */
export function sheetFromRows(rows: readonly (readonly (string | undefined)[])[]): Sheet {
  const [headerRow = [], ...body] = rows;
  const header = headerRow.map((h) => (h ?? '').trim());
  const out: SheetRow[] = [];
  body.forEach((values, i) => {
    const cells: Record<string, string> = {};
    values.forEach((value, col) => {
      const key = header[col];
      const text = (value ?? '').trim();
      if (key && text !== '' && cells[key] === undefined) cells[key] = text;
    });
    if (Object.keys(cells).length > 0) out.push({ row: i + 2, cells });
  });
  return { header: header.filter((h) => h !== ''), rows: out };
}

/** A worksheet as plain cells: what exceljs gives, also when a worker thread read the file. */
export interface WorksheetCells {
  readonly name: string;
  readonly rows: readonly {
    readonly number: number;
    readonly cells: readonly { readonly col: number; readonly value: unknown }[];
  }[];
}

function sheetFromCells(sheet: WorksheetCells): Sheet {
  const headerByColumn = new Map<number, string>();
  const rows: SheetRow[] = [];
  for (const row of sheet.rows) {
    if (row.number === 1) {
      for (const cell of row.cells) {
        const text = spreadsheetCellText(cell.value).trim();
        if (text !== '') headerByColumn.set(cell.col, text);
      }
      continue;
    }
    const cells: Record<string, string> = {};
    for (const cell of row.cells) {
      const key = headerByColumn.get(cell.col);
      const text = spreadsheetCellText(cell.value).trim();
      // A duplicated header keeps its first column; the importer reports the duplicate.
      if (key !== undefined && text !== '' && cells[key] === undefined) cells[key] = text;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: row.number, cells });
  }
  return { header: [...headerByColumn.entries()].sort((a, b) => a[0] - b[0]).map(([, h]) => h), rows };
}

/** The `survey`, `choices` and `settings` sheets (names case-insensitive) of a workbook's cells. */
export function xlsFormSheetsFromCells(worksheets: readonly WorksheetCells[]): XlsFormSheets {
  const find = (name: string): Sheet | undefined => {
    const ws = worksheets.find((w) => w.name.trim().toLowerCase() === name);
    return ws ? sheetFromCells(ws) : undefined;
  };
  return { survey: find('survey'), choices: find('choices'), settings: find('settings') };
}

function cellsOf(ws: ExcelJS.Worksheet): WorksheetCells {
  const rows: { number: number; cells: { col: number; value: unknown }[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: { col: number; value: unknown }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => cells.push({ col, value: cell.value }));
    rows.push({ number, cells });
  });
  return { name: ws.name, rows };
}

/** Reads the `survey`, `choices` and `settings` sheets (names case-insensitive) of an .xlsx file. */
export async function readXlsFormWorkbook(data: ArrayBuffer | Uint8Array): Promise<XlsFormSheets> {
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    // exceljs declares `load(Buffer)` but hands the data to JSZip, which takes any ArrayBuffer;
    // passing one keeps this library free of Node's Buffer (the portal's form builder runs it too).
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await workbook.xlsx.load(copy as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new SurveyError('InvalidWorkbook', `not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  return xlsFormSheetsFromCells(workbook.worksheets.map(cellsOf));
}
