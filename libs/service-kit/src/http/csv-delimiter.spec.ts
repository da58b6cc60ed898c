import { csvDelimiter } from './csv-delimiter';

describe('csvDelimiter', () => {
  it('takes the semicolon when the header line has more of them than commas', () => {
    expect(csvDelimiter('code;name;wert\r\n01;Mitte;1,5\n')).toBe(';');
    expect(csvDelimiter('\uFEFFcode;name\n')).toBe(';');
  });

  it('takes the comma otherwise, and for a file of one line or none', () => {
    expect(csvDelimiter('code,name,note\n01,Mitte,"a;b;c;d"\n')).toBe(',');
    expect(csvDelimiter('code')).toBe(',');
    expect(csvDelimiter('')).toBe(',');
  });

  it('counts the header line only', () => {
    expect(csvDelimiter('a,b\n1;2;3;4\n')).toBe(',');
  });
});
