import { calendarDay, ShiftedClock } from './clock';

describe('ShiftedClock', () => {
  it('starts at the given instant and runs on with the system clock', () => {
    let system = Date.parse('2030-07-01T00:00:00Z');
    const clock = new ShiftedClock(new Date('2026-03-02T09:00:00Z'), () => system);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    system += 90_000;
    expect(clock.now().toISOString()).toBe('2026-03-02T09:01:30.000Z');
  });
});

describe('calendarDay', () => {
  it('is the UTC day of the instant, from its first to its last millisecond', () => {
    expect(calendarDay(new Date('2026-03-02T00:00:00.000Z'))).toBe('2026-03-02');
    expect(calendarDay(new Date('2026-03-02T23:59:59.999Z'))).toBe('2026-03-02');
    expect(calendarDay(new Date('2026-03-03T00:30:00+01:00'))).toBe('2026-03-02');
  });
});
