import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileNameFromDisposition } from './content-disposition.ts';

describe('file name of a Content-Disposition header', () => {
  it('prefers the UTF-8 name over the ASCII fallback (umlauts and ß of German names)', () => {
    assert.equal(
      fileNameFromDisposition(
        `attachment; filename="Sozialraumprofil_0101_Tiergarten_Sud.pdf"; filename*=UTF-8''Sozialraumprofil_0101_Tiergarten_S%C3%BCd.pdf`,
      ),
      'Sozialraumprofil_0101_Tiergarten_Süd.pdf',
    );
    assert.equal(
      fileNameFromDisposition(`attachment; filename*=utf-8''Gro%C3%9Fe%20Stra%C3%9Fe.csv`),
      'Große Straße.csv',
    );
  });

  it('reads ISO-8859-1 names and plain quoted or token names', () => {
    assert.equal(fileNameFromDisposition(`attachment; filename*=iso-8859-1'de'M%FCnchen.pdf`), 'München.pdf');
    assert.equal(
      fileNameFromDisposition('attachment; filename="Bericht \\"2025\\".pdf"'),
      'Bericht -2025-.pdf',
    );
    assert.equal(fileNameFromDisposition('attachment; filename=bericht.zip'), 'bericht.zip');
  });

  it('falls back to the plain name when the UTF-8 name is malformed', () => {
    assert.equal(
      fileNameFromDisposition(`attachment; filename="Profil.pdf"; filename*=UTF-8''Profil%E0%A4%A.pdf`),
      'Profil.pdf',
    );
  });

  it('never lets a name pick a folder', () => {
    assert.equal(
      fileNameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`),
      '..-..-etc-passwd',
    );
    assert.equal(fileNameFromDisposition('attachment; filename="C:\\\\temp\\\\x.pdf"'), 'C-temp-x.pdf');
  });

  it('is null without a file name', () => {
    assert.equal(fileNameFromDisposition(null), null);
    assert.equal(fileNameFromDisposition('inline'), null);
    assert.equal(fileNameFromDisposition('attachment; filename=""'), null);
  });
});
