import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromParagraphs, toParagraphs } from './paragraphs.ts';

describe('paragraph lists', () => {
  it('splits at blank lines (also with spaces or Windows line ends) and keeps single line breaks', () => {
    assert.deepEqual(toParagraphs('Erste Frage\nzweite Zeile\r\n\r\nZweite Frage\n  \n\n Dritte '), [
      'Erste Frage\nzweite Zeile',
      'Zweite Frage',
      'Dritte',
    ]);
  });

  it('gives no paragraph for blank text', () => {
    assert.deepEqual(toParagraphs('  \n\n \n'), []);
  });

  it('round-trips a list of paragraphs', () => {
    const list = ['Eins', 'Zwei\nmit Umbruch'];
    assert.deepEqual(toParagraphs(fromParagraphs(list)), list);
  });
});
