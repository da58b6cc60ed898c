import { escapeXml } from './xml-text';

describe('escapeXml', () => {
  it('escapes the five characters XML gives a meaning, ampersands first so none is escaped twice', () => {
    expect(escapeXml(`Kiez <Süd> & "Ufer" 'Nord'`)).toBe(
      'Kiez &lt;Süd&gt; &amp; &quot;Ufer&quot; &apos;Nord&apos;',
    );
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('turns control characters XML 1.0 cannot carry into spaces, keeping tab and line breaks', () => {
    expect(escapeXml('a\fb\u0000c\u0085d\ufffe')).toBe('a b c d ');
    expect(escapeXml('a\tb\r\nc')).toBe('a\tb\r\nc');
  });

  it('leaves other text as it is', () => {
    expect(escapeXml('Wedding – Nord\n3,5 %')).toBe('Wedding – Nord\n3,5 %');
  });
});
