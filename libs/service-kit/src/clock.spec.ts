import {
  calendarDay,
  DEFAULT_TIME_ZONE,
  FixedClock,
  isTimeZone,
  ShiftedClock,
  SystemClock,
  zonedDateTime,
} from './clock';
import { ConfigError, loadServiceConfig } from './config';

describe('ShiftedClock', () => {
  it('starts at the given instant and runs on with the system clock', () => {
    let system = Date.parse('2030-07-01T00:00:00Z');
    const clock = new ShiftedClock(new Date('2026-03-02T09:00:00Z'), { system: () => system });
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    system += 90_000;
    expect(clock.now().toISOString()).toBe('2026-03-02T09:01:30.000Z');
  });

  it('tells the day in its time zone', () => {
    const start = new Date('2026-12-31T23:30:00Z');
    expect(new ShiftedClock(start).today()).toBe('2027-01-01');
    expect(new ShiftedClock(start, { timeZone: 'UTC' }).today()).toBe('2026-12-31');
  });
});

describe('calendarDay', () => {
  const berlin = (iso: string) => calendarDay(new Date(iso), 'Europe/Berlin');

  it('turns to the new year at midnight in Berlin, an hour before it does in UTC', () => {
    expect(berlin('2026-12-31T22:59:59.999Z')).toBe('2026-12-31');
    expect(berlin('2026-12-31T23:00:00.000Z')).toBe('2027-01-01');
    expect(berlin('2026-12-31T23:30:00.000Z')).toBe('2027-01-01');
    expect(calendarDay(new Date('2026-12-31T23:30:00.000Z'), 'UTC')).toBe('2026-12-31');
  });

  it('follows daylight saving time: midnight is 22:00 UTC in summer, 23:00 in winter', () => {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST. The day before starts at 23:00 UTC,
    // the day after at 22:00 UTC.
    expect(berlin('2026-03-28T22:59:59.999Z')).toBe('2026-03-28');
    expect(berlin('2026-03-28T23:00:00.000Z')).toBe('2026-03-29');
    expect(berlin('2026-03-29T01:30:00.000Z')).toBe('2026-03-29');
    expect(berlin('2026-03-29T21:59:59.999Z')).toBe('2026-03-29');
    expect(berlin('2026-03-29T22:00:00.000Z')).toBe('2026-03-30');
    // 25 October 2026: 03:00 CEST back to 02:00 CET; the day is 25 hours long.
    expect(berlin('2026-10-24T21:59:59.999Z')).toBe('2026-10-24');
    expect(berlin('2026-10-24T22:00:00.000Z')).toBe('2026-10-25');
    expect(berlin('2026-10-25T22:59:59.999Z')).toBe('2026-10-25');
    expect(berlin('2026-10-25T23:00:00.000Z')).toBe('2026-10-26');
  });

  it('works for zones on the other side of UTC and with half-hour offsets', () => {
    expect(calendarDay(new Date('2027-01-01T04:59:59Z'), 'America/New_York')).toBe('2026-12-31');
    expect(calendarDay(new Date('2027-01-01T05:00:00Z'), 'America/New_York')).toBe('2027-01-01');
    expect(calendarDay(new Date('2026-06-30T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-06-30');
    expect(calendarDay(new Date('2026-06-30T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-01');
  });

  it('is the UTC day in UTC, from its first to its last millisecond', () => {
    expect(calendarDay(new Date('2026-03-02T00:00:00.000Z'), 'UTC')).toBe('2026-03-02');
    expect(calendarDay(new Date('2026-03-02T23:59:59.999Z'), 'UTC')).toBe('2026-03-02');
  });
});

describe('zonedDateTime', () => {
  const zoned = (iso: string, zone: string) => zonedDateTime(new Date(iso), zone);

  it("writes 23:30 UTC on New Year's Eve as half past midnight on 1 January in Berlin, the same instant", () => {
    const written = zoned('2026-12-31T23:30:00.000Z', 'Europe/Berlin');
    expect(written).toBe('2027-01-01T00:30:00.000+01:00');
    expect(new Date(written).toISOString()).toBe('2026-12-31T23:30:00.000Z');
  });

  it('writes summer time, zones west of UTC, half-hour offsets, UTC and the milliseconds', () => {
    expect(zoned('2026-07-01T21:59:59.999Z', 'Europe/Berlin')).toBe('2026-07-01T23:59:59.999+02:00');
    // Just after the October change: 02:30 CET, the second 02:30 of the night.
    expect(zoned('2026-10-25T01:30:00.000Z', 'Europe/Berlin')).toBe('2026-10-25T02:30:00.000+01:00');
    expect(zoned('2027-01-01T04:59:59.000Z', 'America/New_York')).toBe('2026-12-31T23:59:59.000-05:00');
    expect(zoned('2026-06-30T18:30:00.000Z', 'Asia/Kolkata')).toBe('2026-07-01T00:00:00.000+05:30');
    expect(zoned('2026-03-02T00:00:00.123Z', 'UTC')).toBe('2026-03-02T00:00:00.123+00:00');
  });

  it('answers the UTC form where the offset was not whole minutes (local mean time)', () => {
    // Berlin kept LMT (+00:53:28) until April 1893.
    expect(zoned('1890-01-01T12:00:00.000Z', 'Europe/Berlin')).toBe('1890-01-01T12:00:00.000Z');
  });
});

describe('Clock', () => {
  it('is in Europe/Berlin unless given a zone', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Berlin');
    expect(new SystemClock().timeZone).toBe('Europe/Berlin');
    expect(new FixedClock(new Date('2026-12-31T23:30:00Z')).today()).toBe('2027-01-01');
  });

  it('answers a moved clock’s new day at once, also within the same second of another day', () => {
    const clock = new FixedClock(new Date('2026-12-31T22:59:59.000Z'));
    expect(clock.today()).toBe('2026-12-31');
    clock.set(new Date('2026-12-31T23:00:00.000Z'));
    expect(clock.today()).toBe('2027-01-01');
    expect(clock.dayOf(new Date('2026-12-31T22:59:59.500Z'))).toBe('2026-12-31');
  });

  it('refuses a zone the runtime does not know', () => {
    expect(isTimeZone('Europe/Vienna')).toBe(true);
    expect(isTimeZone('Europe/Gotham')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(() => new SystemClock('Mitteleuropa')).toThrow(RangeError);
  });
});

describe('QUARTIER_TIME_ZONE', () => {
  const base = {
    DATABASE_URL: 'postgres://localhost/quartier',
    OIDC_ISSUER: 'https://sso.example.de/realms/quartier',
    METRICS_DISABLED: 'true',
  };

  it('defaults to Europe/Berlin and takes any zone the runtime knows', () => {
    expect(loadServiceConfig(base).QUARTIER_TIME_ZONE).toBe('Europe/Berlin');
    expect(loadServiceConfig({ ...base, QUARTIER_TIME_ZONE: 'Europe/Vienna' }).QUARTIER_TIME_ZONE).toBe(
      'Europe/Vienna',
    );
  });

  it('stops the start with the unknown zone named', () => {
    let problems: string[] = [];
    try {
      loadServiceConfig({ ...base, QUARTIER_TIME_ZONE: 'Berlin' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'QUARTIER_TIME_ZONE: QUARTIER_TIME_ZONE must be an IANA time zone such as Europe/Berlin or Europe/Vienna; "Berlin" is unknown to this runtime',
    ]);
  });
});
