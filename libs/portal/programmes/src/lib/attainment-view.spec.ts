import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lightCounts, sparklinePoints, statusKey, type AttainmentLike } from './attainment-view.ts';

const measured = (
  value: number,
  period: string,
  capped: number,
  light: 'green' | 'amber' | 'red',
): AttainmentLike => ({
  state: 'measured',
  raw: capped,
  capped,
  light,
  actual: { status: 'value', value, period },
});

describe('attainment view', () => {
  it('names the light, or the state when there is none', () => {
    assert.equal(statusKey(measured(1, '2020', 0.9, 'green')), 'light.green');
    assert.equal(
      statusKey({ state: 'no-actual', raw: null, capped: null, light: null, actual: null }),
      'state.no-actual',
    );
    assert.equal(
      statusKey({
        state: 'suppressed',
        raw: null,
        capped: null,
        light: null,
        actual: { status: 'suppressed', period: '2021' },
      }),
      'state.suppressed',
    );
  });

  it('keeps suppressed periods as gaps in the sparkline and leaves out missing ones', () => {
    assert.deepEqual(
      sparklinePoints([
        measured(10, '2019', 0, 'red'),
        {
          state: 'suppressed',
          raw: null,
          capped: null,
          light: null,
          actual: { status: 'suppressed', period: '2020' },
        },
        { state: 'no-actual', raw: null, capped: null, light: null, actual: { status: 'missing' } },
        measured(8, '2021', 0.5, 'amber'),
      ]),
      [
        { period: '2019', value: 10 },
        { period: '2020', value: null },
        { period: '2021', value: 8 },
      ],
    );
  });

  it('counts lights', () => {
    assert.deepEqual(
      lightCounts([
        measured(1, 'a', 1, 'green'),
        measured(1, 'b', 0.5, 'amber'),
        measured(1, 'c', 0.9, 'green'),
        { state: 'no-actual', raw: null, capped: null, light: null, actual: null },
      ]),
      { green: 2, amber: 1, red: 0, none: 1 },
    );
  });
});
