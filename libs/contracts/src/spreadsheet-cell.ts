import type ExcelJS from 'exceljs';

// Every import of a workbook (an XLSForm, paper responses, a programme's measure table) reads its
// cells by this one rule, so a formula, a link or a date reads alike wherever a table is uploaded.

/**
 * A spreadsheet cell as the text the spreadsheet shows: dates as ISO days, formulas as their
 * result, rich text and links as their text, errors as their code (`#N/A`).
 */
export function spreadsheetCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Not `instanceof`: cells read by a worker thread carry that realm's Date. An Excel date has no
  // time zone: exceljs gives it as UTC midnight, so the UTC day is the date as written.
  if (Object.prototype.toString.call(value) === '[object Date]')
    return (value as Date).toISOString().slice(0, 10);
  if (typeof value !== 'object') return '';
  if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return spreadsheetCellText((value as ExcelJS.CellFormulaValue).result);
  if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  if ('text' in value && typeof value.text === 'string') return value.text;
  return '';
}
