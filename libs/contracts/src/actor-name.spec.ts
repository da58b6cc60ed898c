import { normalizeActorName } from './actor-name';

describe('normalizeActorName', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(normalizeActorName('  Familienzentrum  Mitte e.V. ')).toBe('familienzentrum mitte e v');
    expect(normalizeActorName('  KITA  Sonnenblume!')).toBe('kita sonnenblume');
    expect(normalizeActorName('Repair-Café Wedding')).toBe('repair café wedding');
  });

  it('compares Unicode forms and the capital ẞ as the same name', () => {
    expect(normalizeActorName('STRAẞENSOZIALARBEIT')).toBe(normalizeActorName('straßensozialarbeit'));
    // Composed é and e + combining acute: NFKC makes them one.
    expect(normalizeActorName('Caf\u00e9 Nord')).toBe(normalizeActorName('Cafe\u0301 Nord'));
    expect(normalizeActorName('Kita Nr. １２')).toBe('kita nr 12');
  });
});
