import { neutraliseCsvCell, neutraliseCsvRow, restoreCsvCell } from './csv-safety';

describe('neutraliseCsvCell', () => {
  it('prefixes texts a spreadsheet would evaluate with an apostrophe', () => {
    expect(neutraliseCsvCell('=HYPERLINK("http://example.org","x")')).toBe(
      `'=HYPERLINK("http://example.org","x")`,
    );
    expect(neutraliseCsvCell('+49 30 1234')).toBe(`'+49 30 1234`);
    expect(neutraliseCsvCell('-2+3+cmd|" /C calc"!A0')).toBe(`'-2+3+cmd|" /C calc"!A0`);
    expect(neutraliseCsvCell('@SUM(A1:A2)')).toBe(`'@SUM(A1:A2)`);
    expect(neutraliseCsvCell('\t=1+1')).toBe(`'\t=1+1`);
    expect(neutraliseCsvCell('\r=1+1')).toBe(`'\r=1+1`);
  });

  it('keeps numbers and texts that are plain numbers, so negative values stay values', () => {
    expect(neutraliseCsvCell(-1.5)).toBe(-1.5);
    expect(neutraliseCsvCell('-1.5')).toBe('-1.5');
    expect(neutraliseCsvCell('-1,5')).toBe('-1,5');
    expect(neutraliseCsvCell('+3')).toBe('+3');
    expect(neutraliseCsvCell('-2.5e-3')).toBe('-2.5e-3');
    expect(neutraliseCsvCell(null)).toBeNull();
    expect(neutraliseCsvCell(true)).toBe(true);
  });

  it('leaves ordinary text alone, also with formula characters inside', () => {
    expect(neutraliseCsvCell('Kita a=b')).toBe('Kita a=b');
    expect(neutraliseCsvCell('')).toBe('');
    expect(neutraliseCsvCell("'quoted")).toBe("'quoted");
  });

  it('neutralises a whole row', () => {
    expect(neutraliseCsvRow(['01', '=1', -4, '-4'])).toEqual(['01', "'=1", -4, '-4']);
  });
});

describe('restoreCsvCell', () => {
  it('undoes exactly what neutraliseCsvCell did', () => {
    for (const text of ['=1+1', '+49 30', '-x', '@SUM(A1)', '\t=1', 'plain', "'quoted", "'-1", '-1', ''])
      expect(restoreCsvCell(neutraliseCsvCell(text))).toBe(text);
    expect(restoreCsvCell("'plain")).toBe("'plain");
  });
});
