import ExcelJS from 'exceljs';
import { readValuesFile } from './values-file';

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Werte');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('readValuesFile (xlsx)', () => {
  it('reads cells as the import does: dates as ISO days, formulas as their result, links as their text', async () => {
    const bytes = await workbook([
      ['area', 'indicator', 'period', 'value'],
      ['0101', 'alq', '2024', 7.5],
      [
        { text: '0102', hyperlink: 'https://example.org/0102' },
        'alq',
        { formula: 'DATE(2024,12,31)', result: new Date(Date.UTC(2024, 11, 31)) },
        { formula: '2*4', result: 8 },
      ],
      ['0103', 'alq', new Date(Date.UTC(2024, 11, 31)), { error: '#N/A' }],
    ]);
    const read = await readValuesFile('xlsx', bytes, { roles: {}, fixed: {} });
    if ('fileError' in read) throw new Error(read.fileError);
    expect(read.observations.map((o) => [o.area, o.period, o.value])).toEqual([
      ['0101', '2024', 7.5],
      ['0102', '2024-12-31', 8],
      ['0103', '2024-12-31', '#N/A'],
    ]);
  });
});
