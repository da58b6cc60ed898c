import {
  REPORT_LOCALES,
  type Cell,
  type CellMark,
  type NumberFormat,
  type ReportLanguage,
  type TableColumn,
} from '../model/report-document';
import { text } from '../texts';

// The one place numbers, dates and cell marks become text. German print writes 1.234,5 and
// "12,3 %" (a space before the percent sign, kept on the line by a no-break space); English
// writes 1,234.5 and "12.3%". PDF and DOCX print formatted text, XLSX keeps numbers and gets
// format codes, CSV gets plain numbers in the language's decimal notation (see plainNumber).

/** Printed in place of a suppressed value (official statistics' "secret" cells). */
export const SUPPRESSED_MARK = '•';
/** Printed in place of a missing value. An en dash, so it never looks like a minus. */
export const MISSING_MARK = '–';
/** CSV symbols: the Destatis convention our indicator import reads back ("." secret, ".." no data). */
export const CSV_SUPPRESSED = '.';
export const CSV_MISSING = '..';

const NBSP = '\u00a0';

const numberFormats = new Map<string, Intl.NumberFormat>();
export function numberFormat(language: ReportLanguage, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  // Intl.NumberFormat is expensive to construct and a monitoring report formats thousands of cells.
  const key = `${language}|${JSON.stringify(options)}`;
  let formatter = numberFormats.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(REPORT_LOCALES[language], options);
    numberFormats.set(key, formatter);
  }
  return formatter;
}

function fixed(language: ReportLanguage, value: number, fractionDigits: number, signed = false): string {
  return numberFormat(language, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(value);
}

/** The unit a format implies when the column or fact names none. */
export function impliedUnit(format: NumberFormat, language: ReportLanguage): string | undefined {
  switch (format.kind) {
    case 'percent':
      return text(language, 'unit.percent');
    case 'percentage-points':
      return text(language, 'unit.percentagePoints');
    case 'eur-cents':
      return text(language, 'unit.euro');
    default:
      return undefined;
  }
}

function withUnit(number: string, format: NumberFormat, language: ReportLanguage): string {
  switch (format.kind) {
    case 'percent':
      return language === 'de' ? `${number}${NBSP}%` : `${number}%`;
    case 'percentage-points':
      return `${number}${NBSP}${text(language, 'unit.percentagePoints')}`;
    case 'eur-cents':
      return language === 'de' ? `${number}${NBSP}€` : `€${number}`;
    default:
      return number;
  }
}

/**
 * A number as printed. Table cells leave the unit to the column header (`unit: false`); key
 * facts print it (`unit: true`).
 * @throws Error for a text/date format — those hold strings, not numbers.
 */
export function formatNumber(
  value: number,
  format: NumberFormat,
  language: ReportLanguage,
  options: { unit?: boolean } = {},
): string {
  let number: string;
  switch (format.kind) {
    case 'integer':
      number = fixed(language, Math.round(value), 0, format.signed);
      break;
    case 'decimal':
    case 'percent':
      number = fixed(language, value, format.digits, format.signed);
      break;
    case 'percentage-points':
      number = fixed(language, value, format.digits, true);
      break;
    case 'eur-cents':
      number = fixed(language, value / 100, format.digits);
      break;
    default:
      throw new Error(`a ${format.kind} column holds text, not the number ${value}`);
  }
  return options.unit ? withUnit(number, format, language) : number;
}

const dateFormats: Record<ReportLanguage, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat(REPORT_LOCALES.de, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat(REPORT_LOCALES.en, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/**
 * The day an ISO date or date-time names, as written, or null when it names none. Of a date-time
 * it is the day of its own offset: the reporting service writes when a report was made with the
 * platform zone's offset (`2027-01-01T00:30:00+01:00`), so the city's day is meant, not the UTC
 * one (31 December), and no renderer needs to know the zone.
 */
export function isoDay(iso: string): string | null {
  const day = /^(\d{4}-\d{2}-\d{2})(T.+)?$/.exec(iso)?.[1];
  if (!day || Number.isNaN(Date.parse(iso))) return null;
  const date = new Date(`${day}T00:00:00Z`);
  // Date rolls 30 February over into March; a day that does not come back as written is not one.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : null;
}

/** An ISO date (or the day of a date-time, see isoDay) as a reader expects it: 31.12.2024 / 31 December 2024. */
export function formatDate(iso: string, language: ReportLanguage): string {
  const day = isoDay(iso);
  if (!day) throw new Error(`"${iso}" is not an ISO date`);
  return dateFormats[language].format(new Date(`${day}T00:00:00Z`));
}

export function cellMark(cell: Cell): CellMark | undefined {
  return typeof cell === 'object' ? cell.status : undefined;
}

export interface FormattedCell {
  text: string;
  mark?: CellMark;
  numeric: boolean;
}

/** A cell as printed in PDF and DOCX: a formatted number or text, or the mark of a suppressed/missing cell. */
export function formatCell(
  cell: Cell,
  format: NumberFormat,
  language: ReportLanguage,
  options: { unit?: boolean } = {},
): FormattedCell {
  const numeric = format.kind !== 'text' && format.kind !== 'date';
  if (typeof cell === 'object') {
    return {
      text: cell.status === 'suppressed' ? SUPPRESSED_MARK : MISSING_MARK,
      mark: cell.status,
      numeric,
    };
  }
  if (typeof cell === 'number') return { text: formatNumber(cell, format, language, options), numeric };
  return { text: format.kind === 'date' ? formatDate(cell, language) : cell, numeric };
}

/** A column header with its unit: "Arbeitslosigkeit (%)", "Budget (€)". */
export function columnHeader(column: TableColumn, language: ReportLanguage): string {
  const unit = column.unit ?? impliedUnit(column.format, language);
  return unit ? `${column.header} (${unit})` : column.header;
}

/**
 * A cell for CSV: numbers without grouping in the language's decimal notation (German Excel
 * reads 1234,5 from a semicolon CSV), euros rather than cents, marks as Destatis symbols.
 */
export function plainCell(cell: Cell, format: NumberFormat, language: ReportLanguage): string {
  if (typeof cell === 'object') return cell.status === 'suppressed' ? CSV_SUPPRESSED : CSV_MISSING;
  if (typeof cell === 'string') return cell;
  const digits =
    format.kind === 'integer' ? 0 : format.kind === 'eur-cents' ? 2 : 'digits' in format ? format.digits : 6;
  const value =
    format.kind === 'eur-cents' ? cell / 100 : format.kind === 'integer' ? Math.round(cell) : cell;
  const plain = value.toFixed(digits);
  return language === 'de' ? plain.replace('.', ',') : plain;
}

/**
 * The numeric value XLSX stores for a cell: the published number, euros for cents. Excel shows it
 * through `excelNumberFormat`, so a reader can compute with it.
 */
export function excelValue(cell: number, format: NumberFormat): number {
  return format.kind === 'eur-cents' ? cell / 100 : cell;
}

/**
 * The Excel format code of a column. Codes are written in Excel's invariant notation (`,`
 * groups, `.` decimals) and shown in the reader's locale, so one code serves both languages.
 */
export function excelNumberFormat(format: NumberFormat, language: ReportLanguage): string | undefined {
  const decimals = (n: number) => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (format.kind) {
    case 'integer':
      return format.signed ? '+#,##0;-#,##0;0' : '#,##0';
    case 'decimal':
    case 'percent': {
      const code = `#,##0${decimals(format.digits)}`;
      return format.signed ? `+${code};-${code};0` : code;
    }
    case 'percentage-points': {
      const code = `#,##0${decimals(format.digits)}`;
      return `+${code};-${code};0`;
    }
    case 'eur-cents':
      return `#,##0${decimals(format.digits)}`;
    case 'date':
      return language === 'de' ? 'dd.mm.yyyy' : 'd mmmm yyyy';
    default:
      return undefined;
  }
}
