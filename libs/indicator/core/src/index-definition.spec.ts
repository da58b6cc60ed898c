import { IndicatorError } from './indicator-error';
import { parseIndexDefinition, requiredIndicators, type IndexDefinition } from './index-definition';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const statusClasses = [
  { code: '1', label: 'hoch', upTo: -1, inclusive: false },
  { code: '2', label: 'mittel', upTo: 1, inclusive: true },
  { code: '3', label: 'niedrig', upTo: 1.5, inclusive: true },
  { code: '4', label: 'sehr niedrig' },
];

function definitionWith(patch: Record<string, unknown>, indexPatch: Record<string, unknown> = {}): unknown {
  return {
    id: 'd',
    population: 'EW',
    indices: [{ id: 'status', indicators: ['S1', 'S3'], classes: statusClasses, ...indexPatch }],
    ...patch,
  };
}

function messageOf(input: unknown): string {
  try {
    parseIndexDefinition(input);
  } catch (error) {
    expect(error).toBeInstanceOf(IndicatorError);
    expect((error as IndicatorError).code).toBe('InvalidIndexDefinition');
    return (error as Error).message;
  }
  throw new Error('expected the definition to be rejected');
}

describe('parseIndexDefinition', () => {
  it('accepts the example Berlin 2021 definition and keeps optional fields optional', () => {
    const raw = JSON.parse(
      readFileSync(join(__dirname, '../fixtures/berlin-mss-2021.definition.json'), 'utf8'),
    );
    const definition: IndexDefinition = parseIndexDefinition(raw);
    expect(definition.id).toBe('berlin-mss-2021');
    expect(definition.minPopulation).toBe(300);
    expect(definition.excludeAreas).toEqual(['10100205']);
    expect(definition.indices.map((i) => i.id)).toEqual(['status', 'dynamics']);
    expect(definition.indices[1].weights).toBeUndefined();
    expect(requiredIndicators(definition)).toEqual(['EW', 'S1', 'S3', 'S4', 'D1', 'D3', 'D4']);
  });

  it('keeps labels in further languages and refuses what is not a language tag', () => {
    const classes = statusClasses.map((c, i) => ({
      ...c,
      labels: { en: ['high', 'medium', 'low', 'very low'][i] },
    }));
    const definition = parseIndexDefinition(
      definitionWith({ labels: { en: 'Index' } }, { labels: { en: 'Status index' }, classes }),
    );
    expect(definition.labels).toEqual({ en: 'Index' });
    expect(definition.indices[0].labels).toEqual({ en: 'Status index' });
    expect(definition.indices[0].classes.map((c) => c.labels?.['en'])).toEqual([
      'high',
      'medium',
      'low',
      'very low',
    ]);
    expect(messageOf(definitionWith({}, { labels: { English: 'Status index' } }))).toContain(
      'indices.0.labels.English',
    );
  });

  it('rejects two open classes as an unknown class layout, with the path', () => {
    const classes = [
      { code: 'a', label: 'A' },
      { code: 'b', label: 'B' },
    ];
    expect(messageOf(definitionWith({}, { classes }))).toBe(
      'invalid index definition:\nindices.0.classes: unknown class layout: exactly one class without "upTo" (the open top class) is required, found 2',
    );
  });

  it('rejects a layout without an open class', () => {
    const classes = [
      { code: 'a', label: 'A', upTo: 0 },
      { code: 'b', label: 'B', upTo: 1 },
    ];
    expect(messageOf(definitionWith({}, { classes }))).toContain(
      'indices.0.classes: unknown class layout: exactly one class without "upTo" (the open top class) is required, found 0',
    );
  });

  it('rejects an open class that is not last', () => {
    const classes = [
      { code: 'a', label: 'A' },
      { code: 'b', label: 'B', upTo: 1 },
    ];
    expect(messageOf(definitionWith({}, { classes }))).toContain(
      'indices.0.classes.0: unknown class layout: the open class "a" (no "upTo") must be the last class',
    );
  });

  it('rejects bounds that are not strictly increasing (equal bounds too)', () => {
    const classes = [
      { code: 'a', label: 'A', upTo: 1 },
      { code: 'b', label: 'B', upTo: 1, inclusive: true },
      { code: 'c', label: 'C' },
    ];
    expect(messageOf(definitionWith({}, { classes }))).toContain(
      'indices.0.classes.1.upTo: unknown class layout: bounds must be strictly increasing, but class "b" has upTo 1 after 1',
    );
    const descending = [
      { code: 'a', label: 'A', upTo: 2 },
      { code: 'b', label: 'B', upTo: -1 },
      { code: 'c', label: 'C' },
    ];
    expect(messageOf(definitionWith({}, { classes: descending }))).toContain('class "b" has upTo -1 after 2');
  });

  it('rejects "inclusive" on the open class, duplicate class codes and a single class', () => {
    expect(
      messageOf(
        definitionWith(
          {},
          {
            classes: [
              { code: 'a', label: 'A', upTo: 0 },
              { code: 'b', label: 'B', inclusive: true },
            ],
          },
        ),
      ),
    ).toContain(
      'indices.0.classes.1.inclusive: unknown class layout: "inclusive" needs an "upTo" bound (class "b")',
    );
    expect(
      messageOf(
        definitionWith(
          {},
          {
            classes: [
              { code: 'a', label: 'A', upTo: 0 },
              { code: 'a', label: 'B' },
            ],
          },
        ),
      ),
    ).toContain('indices.0.classes.1.code: class code "a" is used twice');
    expect(messageOf(definitionWith({}, { classes: [{ code: 'a', label: 'A' }] }))).toContain(
      'indices.0.classes: an index needs at least two classes',
    );
  });

  it('rejects weights and polarity for indicators the index does not use, bad polarity and non-positive weights', () => {
    expect(messageOf(definitionWith({}, { weights: { S2: 1 } }))).toContain(
      'indices.0.weights.S2: "S2" is not one of the indicators of index "status"',
    );
    expect(messageOf(definitionWith({}, { polarity: { S1: 2 } }))).toContain('indices.0.polarity.S1');
    expect(messageOf(definitionWith({}, { weights: { S1: 0 } }))).toContain(
      'indices.0.weights.S1: weights must be positive',
    );
  });

  it('rejects duplicate indicators, duplicate index ids, unknown keys and missing fields', () => {
    expect(messageOf(definitionWith({}, { indicators: ['S1', 'S1'] }))).toContain(
      'indices.0.indicators.1: indicator "S1" is listed twice',
    );
    const twice = definitionWith({}) as { indices: unknown[] };
    expect(messageOf({ ...twice, indices: [twice.indices[0], twice.indices[0]] })).toContain(
      'indices.1.id: index id "status" is used twice',
    );
    expect(messageOf(definitionWith({ minPopulaton: 300 }))).toMatch(/minPopulaton/);
    expect(messageOf({ id: 'x', indices: [] })).toMatch(
      /population: .*\nindices: a definition needs at least one index/,
    );
    expect(messageOf(definitionWith({ minPopulation: -1 }))).toMatch(
      /^invalid index definition:\nminPopulation: /,
    );
  });
});
