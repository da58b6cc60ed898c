import { periodCalendar } from './period-calendar';

describe('periodCalendar', () => {
  it('fills missing years, half-years and quarters', () => {
    expect(periodCalendar(['2021', '2018', '2020'])).toEqual(['2018', '2019', '2020', '2021']);
    expect(periodCalendar(['2020H2', '2019H1'])).toEqual(['2019H1', '2019H2', '2020H1', '2020H2']);
    expect(periodCalendar(['2019Q4', '2020Q2', '2020Q2'])).toEqual(['2019Q4', '2020Q1', '2020Q2']);
  });

  it('keeps observed reference dates and mixed kinds as they are, in time order', () => {
    expect(periodCalendar(['2020-12-31', '2019-06-30'])).toEqual(['2019-06-30', '2020-12-31']);
    expect(periodCalendar(['2020', '2019Q1'])).toHaveLength(2);
    expect(periodCalendar([])).toEqual([]);
  });
});
