import { periodEndDate } from './period-dates';

describe('periodEndDate', () => {
  it('ends years, half-years and quarters on their last day and keeps reference dates', () => {
    expect(periodEndDate('2019')).toBe('2019-12-31');
    expect(periodEndDate('2019H1')).toBe('2019-06-30');
    expect(periodEndDate('2019H2')).toBe('2019-12-31');
    expect(periodEndDate('2019Q1')).toBe('2019-03-31');
    expect(periodEndDate('2019Q3')).toBe('2019-09-30');
    expect(periodEndDate('2025-10-31')).toBe('2025-10-31');
    expect(periodEndDate('2024-02-29')).toBe('2024-02-29');
  });

  it('ends months on their last day, February by the leap year', () => {
    expect(periodEndDate('2024-05')).toBe('2024-05-31');
    expect(periodEndDate('2024-02')).toBe('2024-02-29');
    expect(periodEndDate('2023-02')).toBe('2023-02-28');
    expect(periodEndDate('2024-12')).toBe('2024-12-31');
  });

  it('ends ISO weeks on their Sunday, also across the turn of the year', () => {
    expect(periodEndDate('2024-W10')).toBe('2024-03-10');
    // 2019's week 1 starts on Monday 31 December 2018.
    expect(periodEndDate('2019-W01')).toBe('2019-01-06');
    // 2020 has 53 ISO weeks; the last one ends in 2021.
    expect(periodEndDate('2020-W53')).toBe('2021-01-03');
  });

  it('ends spans (DHIS2 financial years and weeks from another weekday) on their last day', () => {
    expect(periodEndDate('2024-04-01/P1Y')).toBe('2025-03-31');
    expect(periodEndDate('2024-01-03/P1W')).toBe('2024-01-09');
  });

  it('dates no wave by a text that is no period, nor by an impossible one', () => {
    for (const garbage of [
      '',
      'spring 2024',
      '2024-13',
      '2024Q5',
      '2024H3',
      '2025-W53',
      '2023-02-29',
      '202403',
      '24',
    ])
      expect(periodEndDate(garbage)).toBeNull();
  });

  it('orders periods of different kinds chronologically', () => {
    const periods = ['2020', '2019Q2', '2019H1', '2019-05-01', '2019', '2019-05', '2019-W02', '2018-W52'];
    const end = (p: string) => periodEndDate(p)!;
    expect([...periods].sort((a, b) => end(a).localeCompare(end(b)))).toEqual([
      '2018-W52',
      '2019-W02',
      '2019-05-01',
      '2019-05',
      '2019Q2',
      '2019H1',
      '2019',
      '2020',
    ]);
  });
});
