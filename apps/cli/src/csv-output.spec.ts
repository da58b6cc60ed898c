import { csvOutput } from './csv-output';

describe('a command CSV', () => {
  it('quotes delimiters, quotes and both line breaks; LF line ends', async () => {
    expect(
      await csvOutput([
        ['a', 'b'],
        ['Nord, West', 'sagt "ja"'],
        ['Zeile 1\nZeile 2', 'A\rB'],
      ]),
    ).toBe('a,b\n"Nord, West","sagt ""ja"""\n"Zeile 1\nZeile 2","A\rB"\n');
  });

  it('neutralises formula-like texts, keeps numbers and plain-number texts, and leaves verbatim columns', async () => {
    expect(
      await csvOutput(
        [
          ['=1+1', '@SUM(1)', '-1.5', -2, '+/-'],
          ['\tx', '+49 30', '-1,5', 0, '-'],
        ],
        { verbatim: [4] },
      ),
    ).toBe(`'=1+1,'@SUM(1),-1.5,-2,+/-\n'\tx,'+49 30,"-1,5",0,-\n`);
  });
});
