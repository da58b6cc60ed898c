// SDMX-CSV (1.0 `DATAFLOW,…`, 2.x `STRUCTURE,STRUCTURE_ID[,ACTION],…`): which column is the area,
// the period and the indicator — `REF_AREA`, `TIME_PERIOD`, `INDICATOR`/`MEASURE` unless a
// dimension mapping says otherwise (Eurostat's `geo`, BIS's `DER_REP_CTY`) — and what becomes of
// the other dimensions: fixed to one value by the mapping, or required to keep one value.
import { type DimensionMapping, findDimension, NO_MAPPING, unknownMappedDimensions } from './dimension-map';
import type { RowError } from './observation';

/** Which column of an SDMX-CSV file holds what: one of the tabular layouts. */
export interface SdmxLayout {
  kind: 'sdmx';
  area: number;
  period: number;
  indicator: number;
  value: number;
  status?: number;
  numerator?: number;
  denominator?: number;
  /** Columns whose cells carry `code: label`. */
  labelled: Set<number>;
  /** Dimensions fixed to one value by the mapping: rows with another value are left out. */
  fixed: { index: number; value: string }[];
  /** Other dimensions: they must keep one value throughout the file. */
  free: number[];
}

/** Columns before TIME_PERIOD that are not dimensions (structure and Eurostat's own attributes). */
const NOT_DIMENSIONS = new Set([
  'DATAFLOW',
  'STRUCTURE',
  'STRUCTURE_ID',
  'STRUCTURE_NAME',
  'ACTION',
  'LAST UPDATE',
]);

export function detectSdmx(
  header: string[],
  mapping: DimensionMapping = NO_MAPPING,
): { ok: true; layout: SdmxLayout; header: string[] } | { ok: false; message: string } {
  const labelled = new Set<number>();
  const ids = header.map((h, i) => {
    const cut = h.indexOf(':');
    if (cut > 0) labelled.add(i);
    return (cut > 0 ? h.slice(0, cut) : h).trim().toUpperCase();
  });
  if (ids[0] !== 'DATAFLOW' && ids[0] !== 'STRUCTURE')
    return { ok: false, message: 'SDMX-CSV starts with a DATAFLOW (1.0) or STRUCTURE (2.0) column' };
  const unknown = unknownMappedDimensions(ids, mapping);
  if (unknown) return { ok: false, message: unknown };
  const find = (...names: string[]) => {
    for (const name of names) {
      const i = ids.indexOf(name);
      if (i >= 0) return i;
    }
    return -1;
  };
  const role = (r: 'area' | 'period' | 'indicator', ...defaults: string[]) => {
    const mapped = mapping.roles[r];
    return mapped !== undefined ? findDimension(ids, mapped) : find(...defaults);
  };
  const area = role('area', 'REF_AREA');
  const period = role('period', 'TIME_PERIOD');
  const indicator = role('indicator', 'INDICATOR', 'MEASURE');
  const value = find('OBS_VALUE');
  const missing = [
    ['REF_AREA (or a dimension mapped to area)', area],
    ['TIME_PERIOD (or a dimension mapped to period)', period],
    ['INDICATOR or MEASURE (or a dimension mapped to indicator)', indicator],
    ['OBS_VALUE', value],
  ].filter(([, i]) => i === -1);
  if (missing.length > 0)
    return {
      ok: false,
      message: `SDMX-CSV header lacks ${missing.map(([n]) => n).join(', ')}; dimensions: ${dimensionIds(ids).join(', ')}`,
    };
  const fixed = Object.entries(mapping.fixed).map(([dim, fixedValue]) => ({
    index: findDimension(ids, dim),
    value: fixedValue,
  }));
  const taken = new Set([area, period, indicator, ...fixed.map((f) => f.index)]);
  const free = dimensionIndices(ids).filter((i) => !taken.has(i));
  const optional = (name: string) => {
    const i = find(name);
    return i >= 0 ? { [name.toLowerCase() === 'obs_status' ? 'status' : name.toLowerCase()]: i } : {};
  };
  return {
    ok: true,
    header: ids,
    layout: {
      kind: 'sdmx',
      area,
      period,
      indicator,
      value,
      labelled,
      fixed,
      free,
      ...optional('OBS_STATUS'),
      ...optional('NUMERATOR'),
      ...optional('DENOMINATOR'),
    },
  };
}

/** The dimension columns: from after the structure columns up to TIME_PERIOD (or OBS_VALUE). */
function dimensionIndices(ids: readonly string[]): number[] {
  const end = ids.indexOf('TIME_PERIOD') >= 0 ? ids.indexOf('TIME_PERIOD') : ids.indexOf('OBS_VALUE');
  const out: number[] = [];
  for (let i = 0; i < (end < 0 ? ids.length : end); i++) if (!NOT_DIMENSIONS.has(ids[i])) out.push(i);
  return out;
}

function dimensionIds(ids: readonly string[]): string[] {
  return [
    ...dimensionIndices(ids).map((i) => ids[i]),
    ...(ids.includes('TIME_PERIOD') ? ['TIME_PERIOD'] : []),
  ];
}

/** A cell's code: in `labels=both` columns the part before ": ". */
export function sdmxCode(layout: { labelled: Set<number> }, index: number, text: string): string {
  if (!layout.labelled.has(index)) return text;
  const cut = text.indexOf(': ');
  return cut > 0 ? text.slice(0, cut) : text;
}

/**
 * Decides per data row: read it, leave it out (a fixed dimension has another value), or refuse it
 * (an unmapped dimension changes its value: the file holds more than one series per cell).
 */
export class SdmxRowGate {
  private readonly first = new Map<number, { value: string; line: number }>();

  constructor(
    private readonly layout: SdmxLayout,
    private readonly header: readonly string[],
  ) {}

  check(line: number, cells: readonly (string | number | null | undefined)[]): 'keep' | 'skip' | RowError {
    const code = (i: number) => sdmxCode(this.layout, i, String(cells[i] ?? '').trim());
    for (const { index, value } of this.layout.fixed) if (code(index) !== value) return 'skip';
    for (const index of this.layout.free) {
      const value = code(index);
      const first = this.first.get(index);
      if (!first) this.first.set(index, { value, line });
      else if (first.value !== value) {
        const dim = this.header[index];
        return {
          line,
          column: dim,
          reason: 'malformed',
          message: `dimension ${dim} is "${value}" here but "${first.value}" in line ${first.line}: map it (${dim}=area, period or indicator) or read one value only (${dim}=${first.value})`,
        };
      }
    }
    return 'keep';
  }
}
