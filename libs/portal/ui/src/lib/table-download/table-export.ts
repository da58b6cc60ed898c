// What a table download writes: the cells as the table shows them (header row first), to CSV
// for any tool and to XLSX for the spreadsheets offices use. Pure where it can be, so the
// escaping is unit-tested; the browser parts (Blob, link click) are a few lines below.

export type TableCell = string | number | null | undefined;
export type TableRows = readonly (readonly TableCell[])[];

/**
 * RFC 4180 CSV (comma, CRLF, quotes doubled) of a table. Text passes through `neutralise`
 * (contracts' `neutraliseCsvCell` — a name typed as `=HYPERLINK(…)` must not become a formula)
 * before it is quoted. Numbers stay numbers (no thousands separators), so the file reads back
 * as data. The neutraliser comes in as a parameter so this stays free of imports for its test.
 */
export function csvText(rows: TableRows, neutralise: (text: string) => string): string {
  const cell = (value: TableCell): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
    const text = neutralise(String(value));
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n');
}

/** A file name without the characters Windows, macOS or a download attribute refuse. */
export function safeFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('');
  const cleaned = printable
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? 'download' : cleaned;
}

/** Excel's limits on a sheet name: 31 characters, none of `: \ / ? * [ ]`. */
export function sheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned === '' ? 'Tabelle' : cleaned;
}
