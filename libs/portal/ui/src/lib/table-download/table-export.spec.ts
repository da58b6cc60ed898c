import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvText, safeFileName, sheetName } from './table-export.ts';

describe('table downloads', () => {
  const marked = (text: string) => (text.startsWith('=') ? `'${text}` : text);

  it('writes RFC 4180 CSV: quotes doubled, separators and line breaks quoted, numbers plain, gaps empty', () => {
    assert.equal(
      csvText(
        [
          ['Gebiet', 'Wert', 'Hinweis'],
          ['Mitte, Nord', 4.97, 'sagt "ja"'],
          ['Wedding', null, 'Zeile 1\nZeile 2'],
          ['Moabit', 1234567.5, undefined],
          ['Tiergarten', Number.NaN, 'a;b'],
        ],
        marked,
      ),
      [
        'Gebiet,Wert,Hinweis',
        '"Mitte, Nord",4.97,"sagt ""ja"""',
        'Wedding,,"Zeile 1\nZeile 2"',
        'Moabit,1234567.5,',
        'Tiergarten,,"a;b"',
      ].join('\r\n'),
    );
  });

  it('passes text, never numbers, through the formula neutraliser before quoting', () => {
    assert.equal(csvText([['=HYPERLINK("x")', -3]], marked), `"'=HYPERLINK(""x"")",-3`);
  });

  it('makes file and sheet names every system accepts', () => {
    assert.equal(safeFileName('kennzahlen: Mitte/Wedding?\u0007'), 'kennzahlen- Mitte-Wedding-');
    assert.equal(safeFileName('  '), 'download');
    assert.equal(
      sheetName('Klassen [MSS 2019]: Mitte / Tiergarten und Wedding'),
      'Klassen MSS 2019 Mitte Tiergart',
    );
    assert.equal(sheetName('???'), 'Tabelle');
  });
});
