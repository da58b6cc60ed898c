import { formatDate } from '@quartier/reporting-core';
import { assembleOptions, type RenderSpec } from './report-renderer';

const spec = (at: string, timeZone: string): RenderSpec => ({
  type: 'area-profile',
  format: 'pdf',
  language: 'de',
  params: {},
  asOf: new Date(at),
  generatedAt: new Date(at),
  timeZone,
  pin: { dataId: 'snapshot-1', contentHash: 'sha256:ab' },
});

describe('assembleOptions', () => {
  it("dates a report made at 23:30 UTC on New Year's Eve 1 January in Berlin, as of and generated on", () => {
    const options = assembleOptions(spec('2026-12-31T23:30:00.000Z', 'Europe/Berlin'));
    expect(options.asOf).toBe('2027-01-01');
    // The same instant, written on the city's clock: what the renderers print is its day.
    expect(options.generatedAt).toBe('2027-01-01T00:30:00.000+01:00');
    expect(Date.parse(options.generatedAt)).toBe(Date.parse('2026-12-31T23:30:00.000Z'));
    expect(formatDate(options.generatedAt, 'de')).toBe('01.01.2027');
    expect(formatDate(options.generatedAt, 'en')).toBe('1 January 2027');
  });

  it('keeps the UTC day where the platform runs on UTC', () => {
    const options = assembleOptions(spec('2026-12-31T23:30:00.000Z', 'UTC'));
    expect(options.asOf).toBe('2026-12-31');
    expect(formatDate(options.generatedAt, 'de')).toBe('31.12.2026');
  });
});
