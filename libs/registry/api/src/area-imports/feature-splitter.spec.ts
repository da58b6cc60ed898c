import { FeatureSplitter, JsonSyntaxError } from './feature-splitter';

/** Feeds `text` in chunks of `size` bytes; answers the parsed elements and the frame's text. */
function split(text: string, size = Infinity): { elements: unknown[]; frame: string } {
  const bytes = Buffer.from(text, 'utf8');
  const splitter = new FeatureSplitter();
  const elements: unknown[] = [];
  const step = Number.isFinite(size) ? size : Math.max(1, bytes.length);
  for (let i = 0; i < bytes.length; i += step)
    for (const element of splitter.push(bytes.subarray(i, i + step)))
      elements.push(JSON.parse(element.toString('utf8')));
  return { elements, frame: splitter.end() };
}

const feature = (code: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { code, ...extra },
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

describe('FeatureSplitter', () => {
  const collection = {
    type: 'FeatureCollection',
    name: 'planungsraeume',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    features: [
      feature('01011101', { name: 'Stülerstraße, "Tiergarten" [Süd]', note: 'a \\ b, c: {d}' }),
      feature('01011102', { features: [1, 2], nested: { features: { x: 1 } } }),
      feature('01011103'),
    ],
    bbox: [13.4, 52.5, 13.5, 52.6],
  };

  it('hands out each element of the top-level features array and keeps the rest as the frame', () => {
    const text = JSON.stringify(collection, null, 2);
    const { elements, frame } = split(text);
    expect(elements).toEqual(collection.features);
    expect(JSON.parse(frame)).toEqual({ ...collection, features: [] });
  });

  it('gives the same result whatever the chunks, down to single bytes inside multi-byte letters', () => {
    const text = JSON.stringify(collection);
    const whole = split(text);
    for (const size of [1, 2, 3, 7, 64]) expect(split(text, size)).toEqual(whole);
  });

  it('splits a features array that follows other keys, and only the top-level one', () => {
    const text = `{"type":"FeatureCollection","x":{"features":[9]},"features" : [ {"a":[1,{"features":[2]}]} , "s]" ,3 ],"y":["features",[4]]}`;
    const { elements, frame } = split(text);
    expect(elements).toEqual([{ a: [1, { features: [2] }] }, 's]', 3]);
    expect(JSON.parse(frame)).toEqual({
      type: 'FeatureCollection',
      x: { features: [9] },
      features: [],
      y: ['features', [4]],
    });
  });

  it('knows the key written with escapes, and ignores a features value that is not an array', () => {
    expect(split('{"feat\\u0075res":[{"a":1}]}').elements).toEqual([{ a: 1 }]);
    expect(split('{"features":{"a":[1]}}')).toEqual({ elements: [], frame: '{"features":{"a":[1]}}' });
    expect(split('{"features":"[1]","b":[2]}').elements).toEqual([]);
    expect(split('[{"features":[1]},"features",[2]]').elements).toEqual([]);
  });

  it('refuses stray commas in the features array, and leaves other mistakes to JSON.parse', () => {
    expect(() => split('{"features":[,{}]}')).toThrow(JsonSyntaxError);
    expect(() => split('{"features":[{},,{}]}')).toThrow(JsonSyntaxError);
    expect(() => split('{"features":[{},]}')).toThrow(JsonSyntaxError);
    expect(split('{"features":[ ]}')).toEqual({ elements: [], frame: '{"features":[]}' });
    // Two elements without a comma stay one element, which does not parse.
    expect(() => split('{"features":[{} {}]}')).toThrow(SyntaxError);
    // A document cut off inside a feature: the frame does not parse.
    const cut = split('{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":');
    expect(cut.elements).toEqual([{ type: 'Feature' }]);
    expect(() => JSON.parse(cut.frame)).toThrow(SyntaxError);
    // Trailing text after the document stays in the frame.
    expect(() => JSON.parse(split('{"features":[1]} x').frame)).toThrow(SyntaxError);
  });
});
