import { createScheduleSchema, firstRunOf } from './schedule.dto';

const RUN = '00000000-0000-4000-8000-000000000001';
const body = (extra: Record<string, unknown> = {}) => ({
  name: 'Monitoring zum 1. März',
  cron: '0 6 1 3 *',
  request: { type: 'monitoring', indexRunId: RUN },
  ...extra,
});
// 23:30 UTC on New Year's Eve: already 2027 in Berlin, still 2026 in New York.
const NOW = new Date('2026-12-31T23:30:00Z');

describe('a new report schedule’s time zone', () => {
  it('is left to the server when the request names none', () => {
    expect(createScheduleSchema.parse(body()).timezone).toBeUndefined();
  });

  it('is the platform’s when the request names none: 06:00 on 1 March on the city’s clock', () => {
    const input = createScheduleSchema.parse(body());
    expect(firstRunOf(input, NOW, 'America/New_York')).toEqual({
      timezone: 'America/New_York',
      nextRunAt: new Date('2027-03-01T11:00:00Z'),
    });
    expect(firstRunOf(input, NOW, 'Europe/Berlin')).toEqual({
      timezone: 'Europe/Berlin',
      nextRunAt: new Date('2027-03-01T05:00:00Z'),
    });
  });

  it('is the one the request names, whatever the platform’s', () => {
    const input = createScheduleSchema.parse(body({ timezone: 'Asia/Kolkata' }));
    expect(firstRunOf(input, NOW, 'Europe/Berlin')).toEqual({
      timezone: 'Asia/Kolkata',
      nextRunAt: new Date('2027-03-01T00:30:00Z'),
    });
  });

  it('refuses a zone the runtime does not know, naming the field', () => {
    const parsed = createScheduleSchema.safeParse(body({ timezone: 'Europe/Springfield' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['timezone'], message: 'not an IANA time zone (e.g. Europe/Berlin)' }),
    ]);
  });
});
