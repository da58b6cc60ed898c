import type { DimensionMapping } from './dimension-map';
import type { RawObservation } from './observation';
import { normalisePeriod } from './period';
import { detectSdmx, sdmxCode, type SdmxLayout } from './sdmx-layout';

// Which column holds what in a tabular file (CSV, XLSX, SDMX-CSV), decided once from the
// header row. Column names are matched case-insensitively.
//
// - long: `area, period, indicator, value[, numerator, denominator]` — one observation per row.
// - wide by indicator: `area, period, <indicator code>…` — one column per indicator.
// - wide by period: `area, indicator, <period>…` — one column per period (every other header
//   must be a period, e.g. `2019`, `2020H1`).
// - SDMX-CSV (1.0 `DATAFLOW,…` or 2.0 `STRUCTURE,STRUCTURE_ID,…`): `REF_AREA`, `TIME_PERIOD`,
//   `INDICATOR` (or `MEASURE`), `OBS_VALUE`, optional `OBS_STATUS` (C = confidential →
//   suppressed; M, O, L = missing) and the attributes `NUMERATOR` / `DENOMINATOR`. Headers in the
//   "labels=both" form `REF_AREA: Reference area` are accepted; their cells `01011101: Name`
//   are cut at the first ": ".
//
// In the wide layouts an empty cell means "no observation" (a table has every column for every
// row, wanted or not); an explicit `..` / `NA` records a missing value, `.` / `x` a suppressed
// one. In the long layouts every row is an observation, so an empty value there is missing.

export type TabularLayout =
  | {
      kind: 'long';
      area: number;
      period: number;
      indicator: number;
      value: number;
      numerator?: number;
      denominator?: number;
    }
  | { kind: 'wide-indicators'; area: number; period: number; values: { index: number; indicator: string }[] }
  | { kind: 'wide-periods'; area: number; indicator: number; values: { index: number; period: string }[] }
  | SdmxLayout;

export type LayoutResult =
  { ok: true; layout: TabularLayout; header: string[] } | { ok: false; message: string };

const norm = (name: string) => name.trim().toLowerCase();

/** Decides the layout of a CSV/XLSX file from its header. */
export function detectTabularLayout(
  headerCells: readonly string[],
  sdmx = false,
  mapping?: DimensionMapping,
): LayoutResult {
  const header = headerCells.map((h) => h.trim());
  if (sdmx) return detectSdmx(header, mapping);
  const names = header.map(norm);
  const find = (name: string) => names.indexOf(name);
  const duplicate = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (duplicate) return { ok: false, message: `column "${duplicate}" appears twice in the header` };
  const area = find('area');
  if (area < 0) return { ok: false, message: 'the header has no "area" column (area code)' };
  const period = find('period');
  const indicator = find('indicator');
  const value = find('value');
  if (period >= 0 && indicator >= 0) {
    if (value < 0)
      return { ok: false, message: 'a long file needs a "value" column next to area, period and indicator' };
    const numerator = find('numerator');
    const denominator = find('denominator');
    const known = new Set([area, period, indicator, value, numerator, denominator]);
    const extra = header.filter((_, i) => !known.has(i));
    if (extra.length > 0)
      return { ok: false, message: `unknown column(s) in a long file: ${extra.join(', ')}` };
    return {
      ok: true,
      header,
      layout: {
        kind: 'long',
        area,
        period,
        indicator,
        value,
        ...(numerator >= 0 ? { numerator } : {}),
        ...(denominator >= 0 ? { denominator } : {}),
      },
    };
  }
  if (period >= 0) {
    const values = header
      .map((h, index) => ({ index, indicator: h }))
      .filter((c) => c.index !== area && c.index !== period);
    if (values.length === 0)
      return { ok: false, message: 'a wide file by indicator needs at least one indicator column' };
    const empty = values.find((c) => c.indicator === '');
    if (empty) return { ok: false, message: `column ${empty.index + 1} has no name (indicator code)` };
    return { ok: true, header, layout: { kind: 'wide-indicators', area, period, values } };
  }
  if (indicator >= 0) {
    const values: { index: number; period: string }[] = [];
    for (const [index, h] of header.entries()) {
      if (index === area || index === indicator) continue;
      const p = normalisePeriod(h);
      if (p === null)
        return {
          ok: false,
          message: `column "${h}" is neither area, indicator nor a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM-DD)`,
        };
      values.push({ index, period: p });
    }
    if (values.length === 0)
      return { ok: false, message: 'a wide file by period needs at least one period column' };
    return { ok: true, header, layout: { kind: 'wide-periods', area, indicator, values } };
  }
  return {
    ok: false,
    message: 'the header needs "period" and/or "indicator" next to "area" (long or wide layout)',
  };
}

const SDMX_MISSING = new Set(['M', 'O', 'L']);

type Cells = readonly (string | number | null | undefined)[];

/** A cell as text, trimmed; '' for an empty cell, a cell past the row's end or no column. */
function cellText(cells: Cells, i: number | undefined): string {
  if (i === undefined) return '';
  const cell = cells[i];
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/** A cell as read (numbers stay numbers); '' for an empty cell, null for no column. */
function cellValue(cells: Cells, i: number | undefined): string | number | null {
  if (i === undefined) return null;
  const cell = cells[i];
  return typeof cell === 'number' ? cell : cell === null || cell === undefined ? '' : cell;
}

/**
 * The observations of one data row, appended to `out` (and `out` returned). Cells are strings
 * (CSV) or numbers/strings (XLSX); `undefined` cells (short rows) read as empty.
 *
 * This runs once per row of million-row files, and in a process's first import mostly before V8
 * has optimised it: the readers pass their batch as `out` (no array per row to copy from), the
 * cell helpers are module functions (no two closures per row) and the long layout, nearly every
 * file, is built field by field (no spreads).
 */
export function observationsOfRow(
  layout: TabularLayout,
  header: readonly string[],
  line: number,
  cells: Cells,
  out: RawObservation[] = [],
): RawObservation[] {
  switch (layout.kind) {
    case 'long': {
      const observation: RawObservation = {
        line,
        column: header[layout.value],
        area: cellText(cells, layout.area),
        period: cellText(cells, layout.period),
        indicator: cellText(cells, layout.indicator),
        value: cellValue(cells, layout.value),
      };
      if (layout.numerator !== undefined) observation.numerator = cellValue(cells, layout.numerator);
      if (layout.denominator !== undefined) observation.denominator = cellValue(cells, layout.denominator);
      out.push(observation);
      return out;
    }
    case 'wide-indicators':
    case 'wide-periods': {
      // A wide row holds one observation per filled value column: the column's header names its
      // indicator (or its period), the row names the other.
      const area = cellText(cells, layout.area);
      const rowPeriod = layout.kind === 'wide-indicators' ? cellText(cells, layout.period) : '';
      const rowIndicator = layout.kind === 'wide-periods' ? cellText(cells, layout.indicator) : '';
      for (const c of layout.values as readonly { index: number; indicator?: string; period?: string }[])
        if (cellText(cells, c.index) !== '')
          out.push({
            line,
            column: header[c.index],
            area,
            period: c.period ?? rowPeriod,
            indicator: c.indicator ?? rowIndicator,
            value: cellValue(cells, c.index),
          });
      return out;
    }
    case 'sdmx': {
      const id = (i: number) => sdmxCode(layout, i, cellText(cells, i));
      const status = layout.status !== undefined ? cellText(cells, layout.status).toUpperCase() : '';
      out.push({
        line,
        column: header[layout.value],
        area: id(layout.area),
        period: id(layout.period),
        indicator: id(layout.indicator),
        value: cellValue(cells, layout.value),
        ...(layout.numerator !== undefined ? { numerator: cellValue(cells, layout.numerator) } : {}),
        ...(layout.denominator !== undefined ? { denominator: cellValue(cells, layout.denominator) } : {}),
        ...(status === 'C'
          ? { status: 'suppressed' as const }
          : SDMX_MISSING.has(status)
            ? { status: 'missing' as const }
            : {}),
      });
      return out;
    }
  }
}
