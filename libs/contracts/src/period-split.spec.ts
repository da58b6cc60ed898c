import { splitAtStart } from './period-split';

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
