import { readWorkbookOffThread } from '@quartier/service-kit';
import { types } from 'node:util';

/**
 * The first worksheet of typed-in paper responses as text rows, read off the request thread and
 * within the workbook bounds ({@link readWorkbookOffThread}). Row i of the result is spreadsheet
 * row i + 1 (empty rows stay as empty arrays, so reported row numbers match the sheet); dates
 * become ISO days, other cells the text the spreadsheet shows.
 */
export async function readPaperWorkbook(bytes: Buffer): Promise<string[][]> {
  const [sheet] = await readWorkbookOffThread(bytes);
  if (!sheet) return [];
  const width = sheet.columnCount;
  const rows: string[][] = [];
  for (const row of sheet.rows) {
    const cells = Array.from({ length: width }, () => '');
    for (const cell of row.cells)
      if (cell.col <= width)
        cells[cell.col - 1] =
          // Dates arrive from the worker's realm: `instanceof Date` would not recognise them.
          types.isDate(cell.value) ? cell.value.toISOString().slice(0, 10) : (cell.text ?? '');
    rows[row.number - 1] = cells;
  }
  return Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
}
