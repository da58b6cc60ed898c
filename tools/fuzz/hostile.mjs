// The hostile inputs of issue 10, as values (strings and JSON texts) the generator places into
// otherwise plausible requests.

export const NUL = 'Kiez\u0000Mitte';
export const HIGH_SURROGATE = 'Kiez \ud800';
export const LOW_SURROGATE = '\udc00Kiez';
export const BIDI_OVERRIDE = 'Kita \u202eetiM';
export const BIDI_ISOLATE = '\u2067Treff\u2069';
export const DIRECTION_MARK = 'Kiez\u200f';
export const FORMULA = '=HYPERLINK("http://attacker.example","klick")';

/** Hostile strings by name; `huge` and `giant` are made on demand (64 KB and 1.5 MB). */
export const HOSTILE_STRINGS = {
  nul: NUL,
  'high-surrogate': HIGH_SURROGATE,
  'low-surrogate': LOW_SURROGATE,
  'bidi-override': BIDI_OVERRIDE,
  'bidi-isolate': BIDI_ISOLATE,
  'direction-mark': DIRECTION_MARK,
  formula: FORMULA,
  huge: 'x'.repeat(64 * 1024),
  giant: 'y'.repeat(1536 * 1024),
};

/** Values of the wrong type for any field. */
export const WRONG_TYPES = [123, -1.5e308, true, null, [], {}, [null], 'x', '', { $ne: null }];

/** Whole bodies that are not what any endpoint expects (sent as raw JSON text). */
export const ODD_BODIES = [
  '[]',
  '"text"',
  '123',
  'null',
  '{',
  '{"a":1,}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

/** A JSON text nested `depth` levels deep (JSON.stringify itself overflows on such values). */
export function deepJson(depth) {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Path and query variants: percent-encoded NUL, an invalid UTF-8 surrogate, bidi, a long id. */
export const HOSTILE_SEGMENTS = ['%00', 'a%00b', '%ED%A0%80', '%E2%80%AE', 'x'.repeat(5000), '..%2F..%2Fetc'];

/** Uploads: CSV and GeoJSON texts carrying the same characters as the JSON cases. */
export const HOSTILE_CSV = [
  'area,period,indicator,value\n01,2022,S1,1\u0000\n',
  'id,name\na,Kita\u0000\nb,\u202eetiM\n',
  'source,target\na\u0000,b\n',
  `id,name\nx,${'n'.repeat(300_000)}\n`,
  '\u0000\u0000\u0000',
  'a;b;c\n"unterminated\n',
];

export function hostileGeoJson(kind) {
  const feature = (name) => ({
    type: 'Feature',
    properties: { id: '99', name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [13.4, 52.5],
          [13.5, 52.5],
          [13.5, 52.6],
          [13.4, 52.5],
        ],
      ],
    },
  });
  switch (kind) {
    case 'empty':
      return JSON.stringify({ type: 'FeatureCollection', features: [] });
    case 'long-name':
      return JSON.stringify({ type: 'FeatureCollection', features: [feature('n'.repeat(1024 * 1024))] });
    case 'nul-name':
      return JSON.stringify({ type: 'FeatureCollection', features: [feature('Mi\u0000tte')] });
    default:
      return JSON.stringify({ type: 'FeatureCollection', features: [feature('Mitte \u202eetiM')] });
  }
}
