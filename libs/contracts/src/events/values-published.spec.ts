import { randomUUID } from 'node:crypto';
import { PUBLISHED_VALUES_PER_PART, validateEvent } from '../index';

describe('indicator.values.published', () => {
  const indicator = {
    tenantId: 'berlin-demo',
    indicatorCode: 'ALQ',
    definitionVersion: 3,
    name: 'Arbeitslosenquote',
    unit: '%',
    polarity: 'higher-is-worse' as const,
    scale: 100,
    minNumerator: 3,
    sourceId: 'import-1',
    part: 1,
    parts: 1,
  };
  const [a, b] = [randomUUID(), randomUUID()];
  const v2 = {
    ...indicator,
    period: '2024',
    areaIds: [a, b],
    status: ['value', 'suppressed'],
    value: [12.5, null],
    numerator: [25, 2],
    denominator: [200, 40],
  };

  it('takes version 2: one period, values in columns', () => {
    expect(validateEvent('indicator.values.published', 2, v2)).toEqual({
      ok: true,
      type: 'indicator.values.published',
      payload: v2,
    });
  });

  it('refuses columns of another length than the areas, naming the column', () => {
    const result = validateEvent('indicator.values.published', 2, { ...v2, numerator: [25] });
    expect(result).toEqual({
      ok: false,
      reason: 'invalid indicator.values.published payload at numerator: 1 entries for 2 areas',
    });
  });

  it.each([
    [{ areaIds: [a, 'b'] }, 'areaIds.1: expected a UUID'],
    [{ status: ['value', 'gone'] }, 'status.1: expected value, suppressed or missing'],
    [{ value: ['12', null] }, 'value.0: expected a finite number or null'],
    [{ numerator: null }, 'numerator: expected an array'],
    [{ denominator: 'x' }, 'denominator: expected an array'],
  ])('names the entry that is wrong: %j', (change, where) => {
    const result = validateEvent('indicator.values.published', 2, { ...v2, ...change });
    expect(result).toEqual({
      ok: false,
      reason: `invalid indicator.values.published payload at ${where}`,
    });
  });

  it(`refuses more than ${PUBLISHED_VALUES_PER_PART} values a part`, () => {
    const n = PUBLISHED_VALUES_PER_PART + 1;
    const big = {
      ...v2,
      areaIds: Array.from({ length: n }, () => a),
      status: Array(n).fill('missing'),
      value: Array(n).fill(null),
      numerator: Array(n).fill(null),
      denominator: Array(n).fill(null),
    };
    expect(validateEvent('indicator.values.published', 2, big).ok).toBe(false);
  });

  const v1 = (periods: string[]) => ({
    ...indicator,
    values: periods.map((period, i) => ({
      areaId: [a, b][i],
      period,
      status: v2.status[i],
      value: v2.value[i],
      numerator: v2.numerator[i],
      denominator: v2.denominator[i],
    })),
  });

  it('reads a version-1 part of one period as version 2', () => {
    expect(validateEvent('indicator.values.published', 1, v1(['2024', '2024']))).toEqual({
      ok: true,
      type: 'indicator.values.published',
      payload: v2,
      upgradedFrom: 1,
    });
  });

  it('refuses version-1 parts without one period, and invalid ones, with the reason', () => {
    expect(validateEvent('indicator.values.published', 1, v1(['2023', '2024']))).toEqual({
      ok: false,
      reason: 'indicator.values.published v1 cannot be read as v2: a version-1 part with 2 periods, not one',
    });
    expect(validateEvent('indicator.values.published', 1, v1([]))).toMatchObject({ ok: false });
    const good = v1(['2024', '2024']);
    const bad = { ...good, values: [good.values[0], { ...good.values[1], areaId: 'not-a-uuid' }] };
    expect(validateEvent('indicator.values.published', 1, bad)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^invalid indicator.values.published v1 payload at values.1.areaId/),
    });
    expect(validateEvent('indicator.values.published', 3, v2)).toEqual({
      ok: false,
      reason: 'unsupported version 3 of indicator.values.published (known: 2, 1)',
    });
  });
});
