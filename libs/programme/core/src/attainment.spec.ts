import {
  attainmentSeries,
  computeAttainment,
  parseTrafficLightThresholds,
  type ActualObservation,
  type AttainmentInput,
} from './attainment';
import type { EvidenceSource } from './impact-model/evidence';
import { ProgrammeError } from './programme-error';

const childPoverty: EvidenceSource = {
  kind: 'indicator',
  indicatorCode: 'S4',
  areas: { kind: 'programme-areas' },
};

function binding(baseline: number, target: number, polarity: 'higher-is-better' | 'lower-is-better') {
  return {
    baseline: { value: baseline, period: '2019' },
    target: { value: target, date: '2027-12-31' },
    polarity,
    source: childPoverty,
  } satisfies AttainmentInput['binding'];
}
const value = (v: number, period = '2023'): ActualObservation => ({
  status: 'value',
  value: v,
  period,
  origin: 'import 41',
});

describe('computeAttainment', () => {
  it('measures progress toward a higher target (20 → 30, actual 26: 0.6, amber)', () => {
    const result = computeAttainment({ binding: binding(20, 30, 'higher-is-better'), actual: value(26) });
    expect(result).toEqual({
      state: 'measured',
      raw: 0.6,
      capped: 0.6,
      light: 'amber',
      reason: null,
      baseline: { value: 20, period: '2019' },
      target: { value: 30, date: '2027-12-31' },
      polarity: 'higher-is-better',
      source: childPoverty,
      actual: { status: 'value', value: 26, period: '2023', origin: 'import 41' },
    });
  });

  it('measures progress toward a lower target without floating-point noise (10 → 8, actual 8.4: exactly 0.8, green)', () => {
    // (8.4 − 10) / (8 − 10) is 0.7999999999999998 in binary arithmetic.
    const result = computeAttainment({ binding: binding(10, 8, 'lower-is-better'), actual: value(8.4) });
    expect(result).toMatchObject({ state: 'measured', raw: 0.8, capped: 0.8, light: 'green' });
  });

  it('caps overshooting at 1 and shows the raw value', () => {
    expect(computeAttainment({ binding: binding(10, 8, 'lower-is-better'), actual: value(7) })).toMatchObject(
      {
        raw: 1.5,
        capped: 1,
        light: 'green',
      },
    );
  });

  it('caps a move away from the target at 0 (red) and keeps the negative raw value', () => {
    expect(
      computeAttainment({ binding: binding(10, 8, 'lower-is-better'), actual: value(11) }),
    ).toMatchObject({
      raw: -0.5,
      capped: 0,
      light: 'red',
    });
    const still = computeAttainment({ binding: binding(10, 8, 'lower-is-better'), actual: value(10) });
    expect(Object.is(still.raw, 0)).toBe(true);
    expect(still.light).toBe('red');
  });

  it('applies per-programme thresholds inclusively (green ≥ 0.9, amber ≥ 0.5)', () => {
    const thresholds = { green: 0.9, amber: 0.5 };
    const light = (actual: number) =>
      computeAttainment({ binding: binding(0, 100, 'higher-is-better'), actual: value(actual), thresholds })
        .light;
    expect([light(90), light(89.9), light(50), light(49.9), light(0)]).toEqual([
      'green',
      'amber',
      'amber',
      'red',
      'red',
    ]);
  });

  it('refuses to divide by zero when the target equals the baseline', () => {
    const result = computeAttainment({ binding: binding(12, 12, 'lower-is-better'), actual: value(10) });
    expect(result).toMatchObject({
      state: 'target-equals-baseline',
      raw: null,
      capped: null,
      light: null,
      reason: {
        code: 'target-equals-baseline',
        message: 'the target (12) equals the baseline (12 in 2019): there is no distance to attain',
      },
    });
  });

  it('flags a target on the worse side of the baseline instead of flipping it', () => {
    const result = computeAttainment({ binding: binding(10, 8, 'higher-is-better'), actual: value(8) });
    expect(result).toMatchObject({
      state: 'target-against-polarity',
      raw: 1,
      capped: 1,
      light: null,
      reason: {
        code: 'target-against-polarity',
        message:
          'the target (8) is below the baseline (10) although higher values are better: check the target or the polarity',
      },
    });
    const noActual = computeAttainment({ binding: binding(10, 12, 'lower-is-better'), actual: null });
    expect(noActual).toMatchObject({ state: 'target-against-polarity', raw: null, capped: null });
    expect(noActual.reason?.message).toContain('is above the baseline (10) although lower values are better');
  });

  it('reports a missing actual explicitly', () => {
    for (const actual of [null, undefined]) {
      expect(computeAttainment({ binding: binding(20, 30, 'higher-is-better'), actual })).toMatchObject({
        state: 'no-actual',
        raw: null,
        light: null,
        actual: null,
        reason: { code: 'no-actual', message: 'no actual value yet' },
      });
    }
    expect(
      computeAttainment({
        binding: binding(20, 30, 'higher-is-better'),
        actual: { status: 'missing', period: '2023' },
      }).reason,
    ).toEqual({ code: 'no-actual', message: 'no value for 2023 yet' });
  });

  it('keeps a suppressed actual apart from zero and from missing', () => {
    const actual: ActualObservation = { status: 'suppressed', period: '2023', origin: 'import 41' };
    expect(computeAttainment({ binding: binding(20, 30, 'higher-is-better'), actual })).toMatchObject({
      state: 'suppressed',
      raw: null,
      capped: null,
      light: null,
      actual,
      reason: {
        code: 'suppressed',
        message: 'the value for 2023 is suppressed for confidentiality (small counts)',
      },
    });
  });

  it('rejects non-finite numbers, naming the field', () => {
    const cases: [AttainmentInput, string][] = [
      [
        { binding: binding(NaN, 30, 'higher-is-better'), actual: value(1) },
        'baseline.value must be a finite number (got NaN)',
      ],
      [
        { binding: binding(1, Infinity, 'higher-is-better'), actual: value(1) },
        'target.value must be a finite number (got Infinity)',
      ],
      [
        { binding: binding(1, 2, 'higher-is-better'), actual: value(NaN) },
        'actual.value must be a finite number (got NaN)',
      ],
    ];
    for (const [input, message] of cases) {
      expect(() => computeAttainment(input)).toThrow(message);
      expect(() => computeAttainment(input)).toThrow(ProgrammeError);
    }
  });

  it('computes a series per actual (the sparkline)', () => {
    const series = attainmentSeries(binding(20, 30, 'higher-is-better'), [
      value(21, '2020'),
      { status: 'suppressed', period: '2021' },
      value(29, '2022'),
    ]);
    expect(series.map((a) => [a.actual?.period, a.state, a.capped, a.light])).toEqual([
      ['2020', 'measured', 0.1, 'red'],
      ['2021', 'suppressed', null, null],
      ['2022', 'measured', 0.9, 'green'],
    ]);
  });
});

describe('parseTrafficLightThresholds', () => {
  it('accepts 0 < amber < green ≤ 1', () => {
    expect(parseTrafficLightThresholds({ green: 1, amber: 0.5 })).toEqual({ green: 1, amber: 0.5 });
    expect(parseTrafficLightThresholds({ green: 0.8, amber: 0.4, note: 'ignored' })).toEqual({
      green: 0.8,
      amber: 0.4,
    });
  });

  it.each([
    [null, 'traffic-light thresholds: thresholds must be an object {green, amber}'],
    [[0.8, 0.4], 'traffic-light thresholds: thresholds must be an object {green, amber}'],
    [{ amber: 0.4 }, 'traffic-light thresholds: green must be a finite number'],
    [{ green: 0.8, amber: '0.4' }, 'traffic-light thresholds: amber must be a finite number'],
    [{ green: 1.2, amber: 0.4 }, 'traffic-light thresholds: green must lie in (0, 1] (got 1.2)'],
    [{ green: 0, amber: 0.4 }, 'traffic-light thresholds: green must lie in (0, 1] (got 0)'],
    [
      { green: 0.8, amber: 0.8 },
      'traffic-light thresholds: amber must lie in (0, green) = (0, 0.8) (got 0.8)',
    ],
    [{ green: 0.8, amber: 0 }, 'traffic-light thresholds: amber must lie in (0, green) = (0, 0.8) (got 0)'],
  ])('rejects %j', (input, message) => {
    let caught: unknown;
    try {
      parseTrafficLightThresholds(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProgrammeError);
    expect((caught as ProgrammeError).code).toBe('InvalidThresholds');
    expect((caught as ProgrammeError).message).toBe(message);
  });
});
