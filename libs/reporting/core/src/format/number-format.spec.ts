import type { NumberFormat } from '../model/report-document';
import {
  columnHeader,
  excelNumberFormat,
  excelValue,
  formatCell,
  formatDate,
  formatNumber,
  MISSING_MARK,
  plainCell,
  SUPPRESSED_MARK,
} from './number-format';

const NBSP = '\u00a0';

describe('formatNumber', () => {
  it.each<[NumberFormat, number, string, string]>([
    [{ kind: 'integer' }, 1234567, '1.234.567', '1,234,567'],
    [{ kind: 'integer' }, 1234.6, '1.235', '1,235'],
    [{ kind: 'decimal', digits: 1 }, 1234.5, '1.234,5', '1,234.5'],
    [{ kind: 'decimal', digits: 2 }, -0.456, '-0,46', '-0.46'],
    [{ kind: 'decimal', digits: 1, signed: true }, 0.25, '+0,3', '+0.3'],
    [{ kind: 'decimal', digits: 1, signed: true }, 0, '0,0', '0.0'],
    [{ kind: 'percent', digits: 1 }, 12.34, '12,3', '12.3'],
    [{ kind: 'percentage-points', digits: 1 }, -1.25, '-1,3', '-1.3'],
    [{ kind: 'eur-cents', digits: 2 }, 123456789, '1.234.567,89', '1,234,567.89'],
    [{ kind: 'eur-cents', digits: 0 }, 150049, '1.500', '1,500'],
  ])('writes %j %p as %p (de) and %p (en)', (format, value, de, en) => {
    expect(formatNumber(value, format, 'de')).toBe(de);
    expect(formatNumber(value, format, 'en')).toBe(en);
  });

  it('adds the unit for key facts as each language writes it', () => {
    expect(formatNumber(12.3, { kind: 'percent', digits: 1 }, 'de', { unit: true })).toBe(`12,3${NBSP}%`);
    expect(formatNumber(12.3, { kind: 'percent', digits: 1 }, 'en', { unit: true })).toBe('12.3%');
    expect(formatNumber(1.2, { kind: 'percentage-points', digits: 1 }, 'de', { unit: true })).toBe(
      `+1,2${NBSP}Pp.`,
    );
    expect(formatNumber(250000, { kind: 'eur-cents', digits: 0 }, 'de', { unit: true })).toBe(
      `2.500${NBSP}€`,
    );
    expect(formatNumber(250000, { kind: 'eur-cents', digits: 0 }, 'en', { unit: true })).toBe('€2,500');
  });

  it('refuses to format a number in a text column', () => {
    expect(() => formatNumber(1, { kind: 'text' }, 'de')).toThrow('a text column holds text');
  });
});

describe('formatCell', () => {
  it('prints the marks of suppressed and missing cells, distinct from zero', () => {
    const format: NumberFormat = { kind: 'integer' };
    expect(formatCell({ status: 'suppressed' }, format, 'de')).toEqual({
      text: SUPPRESSED_MARK,
      mark: 'suppressed',
      numeric: true,
    });
    expect(formatCell({ status: 'missing' }, format, 'de')).toEqual({
      text: MISSING_MARK,
      mark: 'missing',
      numeric: true,
    });
    expect(formatCell(0, format, 'de')).toEqual({ text: '0', numeric: true });
  });

  it('formats ISO dates in date columns and leaves text alone', () => {
    expect(formatCell('2024-12-31', { kind: 'date' }, 'de').text).toBe('31.12.2024');
    expect(formatCell('2024-12-31', { kind: 'date' }, 'en').text).toBe('31 December 2024');
    expect(formatCell('Mitte', { kind: 'text' }, 'en')).toEqual({ text: 'Mitte', numeric: false });
  });
});

describe('formatDate', () => {
  it('prints the day written in a date-time, the day of its own offset, whatever the machine time zone', () => {
    expect(formatDate('2025-03-01T23:30:00Z', 'de')).toBe('01.03.2025');
    // 23:30 UTC on New Year's Eve, written in Berlin time: 1 January.
    expect(formatDate('2027-01-01T00:30:00.000+01:00', 'de')).toBe('01.01.2027');
    expect(formatDate('2027-01-01T00:30:00.000+01:00', 'en')).toBe('1 January 2027');
    expect(formatDate('2026-12-31T18:30:00-05:00', 'de')).toBe('31.12.2026');
  });

  it('rejects what is not a date', () => {
    expect(() => formatDate('gestern', 'de')).toThrow('"gestern" is not an ISO date');
    expect(() => formatDate('2025-02-30', 'de')).toThrow('"2025-02-30" is not an ISO date');
    expect(() => formatDate('2025-03-01Tmorgens', 'de')).toThrow('is not an ISO date');
  });
});

describe('columnHeader', () => {
  it('puts the explicit or implied unit in the header', () => {
    expect(
      columnHeader({ key: 'a', header: 'Fläche', unit: 'km²', format: { kind: 'decimal', digits: 1 } }, 'de'),
    ).toBe('Fläche (km²)');
    expect(columnHeader({ key: 'a', header: 'Quote', format: { kind: 'percent', digits: 1 } }, 'de')).toBe(
      'Quote (%)',
    );
    expect(
      columnHeader({ key: 'a', header: 'Change', format: { kind: 'percentage-points', digits: 1 } }, 'en'),
    ).toBe('Change (pp)');
    expect(columnHeader({ key: 'a', header: 'Name', format: { kind: 'text' } }, 'de')).toBe('Name');
  });
});

describe('plainCell (CSV)', () => {
  it('writes numbers without grouping in the language notation and cents as euros', () => {
    expect(plainCell(1234.5, { kind: 'decimal', digits: 1 }, 'de')).toBe('1234,5');
    expect(plainCell(1234.5, { kind: 'decimal', digits: 1 }, 'en')).toBe('1234.5');
    expect(plainCell(-0.25, { kind: 'percentage-points', digits: 2 }, 'de')).toBe('-0,25');
    expect(plainCell(123456, { kind: 'eur-cents', digits: 0 }, 'de')).toBe('1234,56');
  });

  it('writes Destatis symbols for marks, so our indicator import reads them back', () => {
    expect(plainCell({ status: 'suppressed' }, { kind: 'integer' }, 'de')).toBe('.');
    expect(plainCell({ status: 'missing' }, { kind: 'integer' }, 'de')).toBe('..');
  });
});

describe('Excel number formats', () => {
  it('gives invariant format codes and euro values', () => {
    expect(excelNumberFormat({ kind: 'decimal', digits: 2 }, 'de')).toBe('#,##0.00');
    expect(excelNumberFormat({ kind: 'percentage-points', digits: 1 }, 'de')).toBe('+#,##0.0;-#,##0.0;0');
    expect(excelNumberFormat({ kind: 'integer' }, 'en')).toBe('#,##0');
    expect(excelNumberFormat({ kind: 'text' }, 'en')).toBeUndefined();
    expect(excelValue(123456, { kind: 'eur-cents', digits: 2 })).toBe(1234.56);
    expect(excelValue(12.5, { kind: 'percent', digits: 1 })).toBe(12.5);
  });
});
