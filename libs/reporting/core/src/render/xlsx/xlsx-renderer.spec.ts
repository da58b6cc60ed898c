import ExcelJS from 'exceljs';
import { sampleDocument, sampleTable } from '../../testing/sample-document';
import { renderXlsxBuffer, sheetNames } from './xlsx-renderer';

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('renderXlsx', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    const document = sampleDocument();
    document.sections[1].blocks.push({
      kind: 'table',
      table: sampleTable({
        id: 'injektion',
        caption: 'Freitext',
        shortTitle: undefined,
        rows: [{ cells: ['=HYPERLINK("x")', 1, 2, 3, 4] }],
      }),
    });
    workbook = await read(await renderXlsxBuffer(document));
  });

  it('starts with a cover sheet of metadata, sheet list and legend', () => {
    const cover = workbook.worksheets[0];
    expect(cover.name).toBe('Sozialraumprofil');
    const rows = cover
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as ExcelJS.CellValue[]).slice(1).join('|'));
    expect(rows).toEqual(
      expect.arrayContaining([
        'Titel|Sozialraumprofil Müggelheim',
        'Datenstand|31.12.2024',
        'Datengrundlage|run-2024-12',
        'Prüfsumme|sha256:9f2c1e',
        'Kernindikatoren|Kernindikatoren im Vergleich — Quelle: Amt für Statistik (synthetisch)',
        '• Wert gesperrt (Geheimhaltung kleiner Fallzahlen)',
      ]),
    );
  });

  it("prints the day the report was made on in the zone it was written in: 1 January for 23:30 UTC on New Year's Eve in Berlin", async () => {
    const made = sampleDocument();
    made.metadata.generatedAt = '2027-01-01T00:30:00.000+01:00';
    const cover = (await read(await renderXlsxBuffer(made))).worksheets[0];
    const rows = cover
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as ExcelJS.CellValue[]).slice(1).join('|'));
    expect(rows).toContain('Erstellt am|01.01.2027');
  });

  it('writes one sheet per table with units in the frozen header row and numbers as numbers', () => {
    const sheet = workbook.getWorksheet('Kernindikatoren')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Indikator',
      'Wert (%)',
      'Veränderung (Pp.)',
      'Einwohner',
      'Budget (€)',
    ]);
    const first = sheet.getRow(2);
    expect(first.getCell(2).value).toBe(7.25);
    expect(first.getCell(2).numFmt).toBe('#,##0.0');
    expect(first.getCell(3).numFmt).toBe('+#,##0.0;-#,##0.0;0');
    expect(first.getCell(5).value).toBe(1234567.89);
    expect(first.getCell(5).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(3).getCell(2).value).toBe('•');
    expect(sheet.getRow(3).getCell(3).value).toBe('–');
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual('Arbeitslosigkeit (SGB II)'.length);
  });

  it('stores formula-like text as a string cell, as it reads, never as a formula', () => {
    const cell = workbook.getWorksheet('Freitext')!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("x")');
  });

  it('writes the days of a date column as dates, the day a date-time names, and a day that is none as text', async () => {
    const document = sampleDocument();
    document.sections[1].blocks.push({
      kind: 'table',
      table: {
        id: 'termine',
        caption: 'Termine',
        columns: [{ key: 'tag', header: 'Tag', format: { kind: 'date' } }],
        rows: [
          { cells: ['2024-12-31'] },
          { cells: ['2027-01-01T00:30:00+01:00'] },
          { cells: ['2024-02-30'] },
        ],
      },
    });
    const sheet = (await read(await renderXlsxBuffer(document))).getWorksheet('Termine')!;
    expect([2, 3, 4].map((row) => sheet.getRow(row).getCell(1).value)).toEqual([
      new Date('2024-12-31T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
      '2024-02-30',
    ]);
  });
});

describe('sheetNames', () => {
  it('cuts names to 31 characters, strips forbidden characters and keeps them unique', () => {
    const long = sampleTable({
      shortTitle: undefined,
      caption: 'Kernindikatoren: Vergleich [alle] Planungsräume 2024/2025',
    });
    const names = sheetNames([long, long, sampleTable({ shortTitle: 'Bericht' })], ['Bericht']);
    expect(names[0]).toBe('Kernindikatoren  Vergleich  all');
    expect(names[1]).toBe('Kernindikatoren  Vergleich  (2)');
    expect(names[2]).toBe('Bericht (2)');
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });
});
