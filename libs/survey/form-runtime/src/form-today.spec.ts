import { parseIsoDate } from '@quartier/survey-core/browser';
import { formToday } from './form-today';

const day = (iso: string) => parseIsoDate(iso);
// 23:30 UTC on New Year's Eve: 1 January in Berlin.
const NOW = new Date('2026-12-31T23:30:00Z');

describe('formToday', () => {
  it('is the day the server sent', () => {
    expect(formToday({ today: '2026-12-31', timeZone: 'Europe/Berlin' }, NOW)).toEqual(day('2026-12-31'));
  });

  it('without a day from the server, is the day on the platform’s calendar the page names, not the UTC day', () => {
    expect(formToday({ today: '', timeZone: 'Europe/Berlin' }, NOW)).toEqual(day('2027-01-01'));
    expect(formToday({ today: 'kein Datum', timeZone: 'America/New_York' }, NOW)).toEqual(day('2026-12-31'));
  });

  it('falls back to the browser’s own day for a zone it does not know or none named', () => {
    const local = (at: Date) =>
      `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    expect(formToday({ today: '', timeZone: 'Europe/Springfield' }, NOW)).toEqual(day(local(NOW)));
    expect(formToday({ today: '' }, NOW)).toEqual(day(local(NOW)));
  });
});
