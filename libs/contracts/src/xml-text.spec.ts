import { escapeXml } from './xml-text';

describe('escapeXml', () => {
  it('escapes the five characters XML gives a meaning, ampersands first so none is escaped twice', () => {
    expect(escapeXml(`Kiez <Süd> & "Ufer" 'Nord'`)).toBe(
      'Kiez &lt;Süd&gt; &amp; &quot;Ufer&quot; &apos;Nord&apos;',
    );
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves other text as it is', () => {
    expect(escapeXml('Wedding – Nord\n3,5 %')).toBe('Wedding – Nord\n3,5 %');
  });
});
