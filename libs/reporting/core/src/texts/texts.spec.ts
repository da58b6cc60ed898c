import { text, TEXTS, textsFor } from './index';

describe('texts', () => {
  it('has every text in German and English, none empty', () => {
    for (const [key, entry] of Object.entries(TEXTS)) {
      expect([key, entry.de.trim().length > 0, entry.en.trim().length > 0]).toEqual([key, true, true]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, entry] of Object.entries(TEXTS)) {
      expect([key, placeholders(entry.de)]).toEqual([key, placeholders(entry.en)]);
    }
  });

  it('fills placeholders and refuses to print an unfilled one', () => {
    expect(text('de', 'page.footer', { page: 3, pages: 12 })).toBe('Seite 3 von 12');
    expect(textsFor('en')('page.footer', { page: 3, pages: 12 })).toBe('Page 3 of 12');
    expect(() => text('de', 'page.footer', { page: 3 })).toThrow('needs the parameter "pages"');
  });
});
