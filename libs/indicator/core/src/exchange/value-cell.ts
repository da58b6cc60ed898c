// One observation's value as it stands in a file cell. Official statistics mark cells that are
// secret or unknown with symbols instead of numbers; those must become *suppressed* or
// *missing* — never 0, never silently dropped.
//
//   number              → value (decimal point; with `decimalComma` a comma, as in German CSV)
//   empty, `NA`, `..`,  → missing ("no data")
//   `missing`
//   `.`, `x`, `X`,      → suppressed (Destatis: "." = secret / unknown, "x" = cell blocked)
//   `suppressed`
//   anything else       → error (non-numeric)

export type ValueCell =
  | { status: 'value'; value: number }
  | { status: 'missing' }
  | { status: 'suppressed' }
  | { status: 'invalid'; text: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', '..', 'missing']);
const SUPPRESSED = new Set(['.', 'x', 'suppressed']);

/** Parses a number strictly (no thousands separators, no units); null when it is not one. */
export function parseNumber(raw: string, decimalComma = false): number | null {
  let text = raw.trim();
  if (decimalComma && text.includes(',')) {
    if (text.includes('.')) return null;
    text = text.replace(',', '.');
  }
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** A value as the cell of a long file that parseValueCell reads back: `.` suppressed, empty missing. */
export function valueCellText(cell: {
  status: 'value' | 'suppressed' | 'missing';
  value?: number | null;
}): string {
  return cell.status === 'value' ? String(cell.value) : cell.status === 'suppressed' ? '.' : '';
}

const MISSING_CELL: ValueCell = Object.freeze({ status: 'missing' });
const SUPPRESSED_CELL: ValueCell = Object.freeze({ status: 'suppressed' });

export function parseValueCell(raw: string | number | null | undefined, decimalComma = false): ValueCell {
  // An empty cell (a long file's empty counts) is missing: no trimming and lookups for it.
  if (raw === null || raw === undefined || raw === '') return MISSING_CELL;
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? { status: 'value', value: raw } : { status: 'invalid', text: String(raw) };
  // Fast path for the common case, a plain decimal number (checked by the same grammar).
  if (raw.length > 0 && raw.length < 32 && NUMBER.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return { status: 'value', value };
  }
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (MISSING.has(lower)) return MISSING_CELL;
  if (SUPPRESSED.has(lower)) return SUPPRESSED_CELL;
  const value = parseNumber(text, decimalComma);
  return value === null ? { status: 'invalid', text: raw } : { status: 'value', value };
}
