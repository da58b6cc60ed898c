import { periodEndDate } from './period-dates';

describe('periodEndDate', () => {
  it('ends years, half-years and quarters on their last day and keeps reference dates', () => {
    expect(periodEndDate('2019')).toBe('2019-12-31');
    expect(periodEndDate('2019H1')).toBe('2019-06-30');
    expect(periodEndDate('2019H2')).toBe('2019-12-31');
    expect(periodEndDate('2019Q1')).toBe('2019-03-31');
    expect(periodEndDate('2019Q3')).toBe('2019-09-30');
    expect(periodEndDate('2025-10-31')).toBe('2025-10-31');
  });

  it('orders periods of different kinds chronologically', () => {
    const periods = ['2020', '2019Q2', '2019H1', '2019-05-01', '2019'];
    expect([...periods].sort((a, b) => periodEndDate(a).localeCompare(periodEndDate(b)))).toEqual([
      '2019-05-01',
      '2019Q2',
      '2019H1',
      '2019',
      '2020',
    ]);
  });
});
