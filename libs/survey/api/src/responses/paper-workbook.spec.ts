import { buildXlsxBomb, ZipBoundsError } from '@quartier/service-kit';
import ExcelJS from 'exceljs';
import { SurveyApiError } from '../survey.errors';
import { readPaperWorkbook, refuseUnstorableCells } from './paper-workbook';

describe('readPaperWorkbook', () => {
  it('reads the first sheet as text rows with spreadsheet row numbers and ISO days', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('antworten');
    sheet.addRow(['gebiet', 'alter', 'datum']);
    sheet.addRow(['011101', 35, new Date('2025-03-01T00:00:00Z')]);
    sheet.getCell('A4').value = '011102';
    workbook.addWorksheet('ignored').addRow(['x']);
    const rows = await readPaperWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([
      ['gebiet', 'alter', 'datum'],
      ['011101', '35', '2025-03-01'],
      [],
      ['011102', '', ''],
    ]);
  });

  it('reads a formula as the text of its result, a date result as its ISO day, an error as its code', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('antworten');
    sheet.addRow(['gebiet', 'datum', 'alter']);
    sheet.addRow([
      { formula: '"0111"&"01"', result: '011101' },
      { formula: 'DATE(2025,3,1)', result: new Date('2025-03-01T00:00:00Z') },
      { error: '#N/A' },
    ]);
    const rows = await readPaperWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows[1]).toEqual(['011101', '2025-03-01', '#N/A']);
  });

  it('refuses a workbook bomb with ArchiveTooLarge before parsing it', async () => {
    const bomb = await buildXlsxBomb({ sharedStringBytes: 200 * 1024 * 1024 });
    await expect(readPaperWorkbook(bomb)).rejects.toBeInstanceOf(ZipBoundsError);
  });
});

describe('refuseUnstorableCells', () => {
  it('names every cell with NUL or a lone surrogate by row and header, and passes clean tables', () => {
    const clean = [
      ['gebiet', 'kommentar'],
      ['011101', 'gut'],
    ];
    expect(refuseUnstorableCells(clean)).toBe(clean);
    try {
      refuseUnstorableCells([
        ['gebiet', 'kommentar'],
        ['011101', 'gu\u0000t'],
        ['\ud800', 'ok'],
      ]);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(SurveyApiError);
      expect((error as SurveyApiError).code).toBe('InvalidImport');
      expect((error as SurveyApiError).details).toEqual({
        issues: [
          {
            row: 2,
            column: 'kommentar',
            code: 'text-unstorable',
            params: { problem: 'nul' },
            reason: 'contains a NUL character (U+0000), which cannot be stored',
          },
          {
            row: 3,
            column: 'gebiet',
            code: 'text-unstorable',
            params: { problem: 'surrogate' },
            reason: 'contains a lone UTF-16 surrogate (invalid Unicode), which cannot be stored',
          },
        ],
      });
    }
  });
});
