import { createHash } from 'node:crypto';
import { EvaluationError } from './evaluation-error';
import { buildSnapshot, canonicalJson, contentHash, parseSnapshot, verifySnapshot } from './snapshot';
import { fixtureInput, fixtureValues } from './testing/evidence-fixture';

function errorOf(run: () => unknown): EvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error('expected an EvaluationError');
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, writes −0 as 0 and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [-0, 1.5, 'x', { d: null, c: true }], e: undefined, ä: 'ü' })).toBe(
      '{"a":[0,1.5,"x",{"c":true,"d":null}],"b":1,"ä":"ü"}',
    );
    expect(canonicalJson(0.1 + 0.2)).toBe('0.30000000000000004');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('a.1: NaN cannot be serialised');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('f: a function cannot be serialised');
  });
});

describe('buildSnapshot', () => {
  it('hashes the canonical JSON of the content with SHA-256', () => {
    const snapshot = buildSnapshot(fixtureInput());
    expect(snapshot.hash).toBe(createHash('sha256').update(canonicalJson(snapshot.content)).digest('hex'));
    expect(snapshot.content.schema).toBe('quartier.evaluation.evidence');
    expect(snapshot.content.version).toBe(2);
    expect(snapshot).toMatchObject({ takenAt: '2026-02-01T12:00:00.000Z', takenBy: 'eva' });
  });

  it('gives the same hash whatever order the facts arrive in, and sorts them', () => {
    const ordered = buildSnapshot(fixtureInput());
    const input = fixtureInput([...fixtureValues()].reverse());
    const shuffled = buildSnapshot({
      ...input,
      areas: [...input.areas].reverse(),
      periods: [...input.periods].reverse(),
    });
    expect(shuffled.hash).toBe(ordered.hash);
    expect(shuffled.content.values[0]).toMatchObject({ area: 'A01', indicator: 'K', period: '2013' });
    expect(shuffled.content.areas[0].code).toBe('A01');
  });

  it('gives another hash when any number changes, and not when only the time taken does', () => {
    const base = buildSnapshot(fixtureInput());
    const values = fixtureValues();
    values[5] = { ...values[5], numerator: values[5].numerator! + 1 };
    expect(buildSnapshot(fixtureInput(values)).hash).not.toBe(base.hash);
    expect(buildSnapshot({ ...fixtureInput(), takenAt: '2027-01-01T00:00:00Z' }).hash).toBe(base.hash);
  });

  it('keeps the canonical form stable (old snapshots must keep verifying)', () => {
    const tiny = buildSnapshot({
      tenant: 't',
      evaluation: 'e',
      design: {
        outcomes: ['U'],
        pre: ['2013'],
        post: ['2015'],
        treated: ['A'],
        matching: null,
        comparison: ['B'],
        adjustments: [],
        reference: null,
      },
      areas: [
        { code: 'B', name: 'Bee', level: 'l', parent: null, population: 10 },
        { code: 'A', name: 'Ah', level: 'l', parent: null, population: null },
      ],
      periods: ['2015', '2013'],
      indicators: [
        {
          code: 'U',
          name: 'U',
          unit: '%',
          polarity: 'neutral',
          scale: 100,
          formula: null,
          definitionVersion: null,
        },
      ],
      values: [
        {
          area: 'B',
          indicator: 'U',
          period: '2013',
          value: 12.5,
          numerator: 1,
          denominator: 8,
          status: 'reported',
        },
        {
          area: 'A',
          indicator: 'U',
          period: '2015',
          value: null,
          numerator: null,
          denominator: null,
          status: 'suppressed',
        },
      ],
      surveyAggregates: [],
      networkMeasures: [],
      takenAt: '2026-01-01T00:00:00Z',
      takenBy: 'x',
    });
    expect(canonicalJson(tiny.content)).toBe(
      '{"areas":[{"code":"A","level":"l","name":"Ah","parent":null,"population":null},{"code":"B","level":"l","name":"Bee","parent":null,"population":10}],' +
        '"design":{"adjustments":[],"comparison":["B"],"matching":null,"outcomes":["U"],"post":["2015"],"pre":["2013"],"reference":null,"treated":["A"]},' +
        '"evaluation":"e","indicators":[{"code":"U","definitionVersion":null,"formula":null,"name":"U","polarity":"neutral","scale":100,"unit":"%"}],' +
        '"networkMeasures":[],"periods":["2013","2015"],"schema":"quartier.evaluation.evidence","surveyAggregates":[],"tenant":"t",' +
        '"values":[{"area":"A","denominator":null,"indicator":"U","numerator":null,"period":"2015","status":"suppressed","value":null},' +
        '{"area":"B","denominator":8,"indicator":"U","numerator":1,"period":"2013","status":"reported","value":12.5}],"version":2}',
    );
    expect(tiny.hash).toBe(createHash('sha256').update(canonicalJson(tiny.content)).digest('hex'));
  });

  it('refuses a value twice, references to unknown areas, indicators or periods, and bad shapes', () => {
    const values = fixtureValues();
    expect(errorOf(() => buildSnapshot(fixtureInput([...values, values[0]]))).message).toBe(
      'value "A01" / "U" / "2013" is listed twice',
    );
    const stray = { ...values[0], area: 'Z99' };
    expect(errorOf(() => buildSnapshot(fixtureInput([...values, stray]))).message).toMatch(
      /^values\.\d+: area "Z99" is not in the snapshot's areas$/,
    );
    const input = fixtureInput();
    expect(
      errorOf(() => buildSnapshot({ ...input, design: { ...input.design, outcomes: ['U', 'X'] } })).message,
    ).toBe('design.outcomes: indicator "X" is not in the snapshot\'s indicators');
    const bad = errorOf(() =>
      buildSnapshot(fixtureInput([{ ...values[0], denominator: -1 }, ...values.slice(1)])),
    );
    expect(bad.code).toBe('InvalidSnapshot');
    expect(bad.message).toContain('values.0.denominator: must not be negative');
    expect(errorOf(() => buildSnapshot({ ...input, takenAt: 'soon' })).message).toContain('takenAt');
  });
});

describe('parseSnapshot / verifySnapshot', () => {
  it('reads back a stored snapshot and verifies its hash', () => {
    const snapshot = buildSnapshot(fixtureInput());
    const stored = JSON.parse(JSON.stringify(snapshot));
    expect(parseSnapshot(stored)).toEqual(snapshot);
    expect(contentHash(parseSnapshot(stored).content)).toBe(snapshot.hash);
  });

  it('detects a change after the snapshot was taken', () => {
    const snapshot = buildSnapshot(fixtureInput());
    const stored = JSON.parse(JSON.stringify(snapshot));
    stored.content.values[3].value += 0.001;
    const error = errorOf(() => parseSnapshot(stored));
    expect(error.code).toBe('InvalidSnapshot');
    expect(error.message).toContain('does not match its hash');
    expect(() => verifySnapshot(snapshot)).not.toThrow();
  });

  it('refuses an unknown version and a malformed document', () => {
    const stored = JSON.parse(JSON.stringify(buildSnapshot(fixtureInput())));
    stored.content.version = 3;
    expect(errorOf(() => parseSnapshot(stored)).message).toBe(
      'snapshot version 3 is not known (this build reads 1, 2)',
    );
    expect(errorOf(() => parseSnapshot({ hash: 'x' })).code).toBe('InvalidSnapshot');
    expect(errorOf(() => parseSnapshot(null)).code).toBe('InvalidSnapshot');
  });
});
