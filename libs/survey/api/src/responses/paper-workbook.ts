import { spreadsheetCellText, textProblem } from '@quartier/contracts';
import { readWorkbookOffThread } from '@quartier/service-kit';
import { SurveyApiError } from '../survey.errors';
import { type ImportIssue, importIssue } from './response-issue-codes';

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
      if (cell.col <= width) cells[cell.col - 1] = spreadsheetCellText(cell.value);
    rows[row.number - 1] = cells;
  }
  return Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
}

/**
 * The table as read, or an InvalidImport naming every cell (row as the spreadsheet shows it,
 * column by its header) whose text cannot be stored: nothing of such a file is imported.
 */
export function refuseUnstorableCells(table: string[][]): string[][] {
  const header = table[0] ?? [];
  const issues: ImportIssue[] = [];
  table.forEach((cells, index) =>
    cells.forEach((text, col) => {
      const problem = textProblem(text);
      if (problem && issues.length < 500) {
        const name = header[col] && !textProblem(header[col]) ? header[col] : `column ${col + 1}`;
        issues.push(importIssue({ row: index + 1, column: name }, 'text-unstorable', { problem }));
      }
    }),
  );
  if (issues.length > 0)
    throw new SurveyApiError('InvalidImport', `${issues.length} cell(s) cannot be stored`, { issues });
  return table;
}
