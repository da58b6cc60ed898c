import { parse } from 'csv-parse/sync';
import { sampleDocument, sampleTable } from '../../testing/sample-document';
import { neutraliseCsvCell } from '@quartier/contracts';
import { renderCsv, renderCsvFiles } from './csv-renderer';

describe('neutraliseCsvCell, as reports use it', () => {
  it.each(['=1+2', '+49 30 123', '-5+3', '@SUM(A1)', '\tTab', '\rCR'])(
    'prefixes %j with an apostrophe',
    (value) => {
      expect(neutraliseCsvCell(value)).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text alone', () => {
    expect(neutraliseCsvCell('Müggelheim')).toBe('Müggelheim');
    expect(neutraliseCsvCell('a=b')).toBe('a=b');
  });
});

describe('renderCsv', () => {
  it('writes German CSV: BOM, semicolons, decimal comma, units in the header, Destatis marks', () => {
    const bytes = renderCsv(sampleTable(), 'de');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('Indikator;Wert (%);Veränderung (Pp.);Einwohner;Budget (€)');
    expect(text.split('\r\n')[1]).toBe('Arbeitslosigkeit (SGB II);7,3;-0,4;12345;1234567,89');
    expect(text.split('\r\n')[2]).toBe('Kinderarmut;.;..;980;0,00');
  });

  it('writes English CSV with commas and decimal points, quoting where needed', () => {
    const table = sampleTable({ rows: [{ cells: ['Mitte, Tiergarten', 1.25, 0, 1000, 99] }] });
    const rows = parse(renderCsv(table, 'en').toString('utf8').slice(1)) as string[][];
    expect(rows[1]).toEqual(['Mitte, Tiergarten', '1.3', '0.0', '1000', '0.99']);
  });

  it('neutralises formula injection in text cells but keeps negative numbers numeric', () => {
    const table = sampleTable({ rows: [{ cells: ['=cmd|"/c calc"!A1', -1.5, -2, -3, -400] }] });
    const line = renderCsv(table, 'de').toString('utf8').split('\r\n')[1];
    expect(line).toBe('"\'=cmd|""/c calc""!A1";-1,5;-2,0;-3;-4,00');
  });

  it.each(['de', 'en'] as const)(
    '%s: quotes a line break inside a text cell, so a spreadsheet keeps it in its row',
    (language) => {
      const table = sampleTable({
        rows: [{ cells: ['Zeile 1\nZeile 2', 1, 0, 1, 1] }, { cells: ['A\rB', 2, 0, 2, 2] }],
      });
      const text = renderCsv(table, language).toString('utf8').slice(1);
      // Excel and LibreOffice end a row at a bare LF or CR too, unless it is inside quotes.
      expect(text).toContain('"Zeile 1\nZeile 2"');
      expect(text).toContain('"A\rB"');
      const rows = parse(text, { delimiter: language === 'de' ? ';' : ',' }) as string[][];
      expect(rows.map((r) => r[0])).toEqual([expect.any(String), 'Zeile 1\nZeile 2', 'A\rB']);
    },
  );

  it("leaves a text that is a plain number as it is, as the platform's CSV readers expect", () => {
    const table = sampleTable({ rows: [{ cells: ['-1,5', 1, 0, 1, 1] }] });
    const line = renderCsv(table, 'de').toString('utf8').split('\r\n')[1];
    expect(line.split(';')[0]).toBe('-1,5');
  });
});

describe('renderCsvFiles', () => {
  it('gives one file per table, named by the table id', () => {
    const files = renderCsvFiles(sampleDocument());
    expect(files.map((f) => f.name)).toEqual(['indikatoren.csv']);
  });
});
