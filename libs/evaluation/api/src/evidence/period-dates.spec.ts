import { periodEndDate, splitAtStart } from './period-dates';

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

describe('splitAtStart', () => {
  const months = ['2024-04', '2023-12', '2024-02', '2024-01', '2024-03'];

  it('splits a monthly series at a week start by dates: the month the week falls in is after', () => {
    // Week 10 of 2024 runs from Monday 4 to Sunday 10 March.
    expect(splitAtStart(months, '2024-W10')).toEqual({
      pre: ['2023-12', '2024-01', '2024-02'],
      post: ['2024-03', '2024-04'],
    });
  });

  it('splits a monthly series at a half-year or quarter start', () => {
    expect(splitAtStart(months, '2024H1')).toEqual({
      pre: ['2023-12'],
      post: ['2024-01', '2024-02', '2024-03', '2024-04'],
    });
    expect(splitAtStart(months, '2024Q2')).toEqual({
      pre: ['2023-12', '2024-01', '2024-02', '2024-03'],
      post: ['2024-04'],
    });
  });

  it('orders the periods chronologically, whatever their kind', () => {
    expect(splitAtStart(['2024H1', '2024-12', '2023-W52', '2024'], '2025')).toEqual({
      pre: ['2023-W52', '2024', '2024H1', '2024-12'],
      post: [],
    });
  });

  it('counts a period the start falls into as after, never as before', () => {
    expect(splitAtStart(['2023', '2024', '2025'], '2024H2')).toEqual({
      pre: ['2023'],
      post: ['2024', '2025'],
    });
    // Week 1 of 2025 begins on Monday 30 December 2024: the last days of 2024 are after.
    expect(splitAtStart(['2024-12-29', '2024-12-30', '2024'], '2025-W01')).toEqual({
      pre: ['2024-12-29'],
      post: ['2024', '2024-12-30'],
    });
    expect(splitAtStart(['2023-04-01/P1Y', '2024-04-01/P1Y'], '2024-04')).toEqual({
      pre: ['2023-04-01/P1Y'],
      post: ['2024-04-01/P1Y'],
    });
  });

  it('leaves out texts that are no period, and refuses a start that is none', () => {
    expect(splitAtStart(['2023', '2025-W53', 'x', '2024'], '2024')).toEqual({
      pre: ['2023'],
      post: ['2024'],
    });
    expect(() => splitAtStart(['2023'], '2025-W53')).toThrow(RangeError);
  });
});
