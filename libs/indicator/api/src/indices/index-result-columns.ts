import type { AreaIndexValue, IndexDefinition, InvalidAreaReason } from '@quartier/indicator-core';

/** One area's result of a run: its index values and classes when valid, else why not. */
export interface IndexResultRow {
  areaId: string;
  code: string;
  valid: boolean;
  reasons: InvalidAreaReason[] | null;
  indices: Record<string, AreaIndexValue> | null;
}

/**
 * A run's results as stored (`index_run_result`): every field is one array with an element per
 * area, the areas in one order throughout (the repository reads them back by code). Per index of the definition (in its order) one
 * row of class numbers (1-based position in the index's class layout), index values and
 * weighted sums, and per indicator of each index one row of z-values; null where the area is
 * invalid. Class codes and labels come from the run's definition snapshot, not from every area:
 * at 50,000 areas the per-area JSON was 13.5 MB, most of a run's time.
 */
export interface IndexResultColumns {
  areaIds: string[];
  codes: string[];
  valid: boolean[];
  /** The reasons of the invalid areas, in area order (valid areas have none). */
  reasons: InvalidAreaReason[][];
  classes: (number | null)[][];
  values: (number | null)[][];
  sums: (number | null)[][];
  z: (number | null)[][];
}

/** The columns of results, areas in the order given. */
export function toResultColumns(
  definition: IndexDefinition,
  rows: readonly IndexResultRow[],
): IndexResultColumns {
  const n = rows.length;
  const perIndex = () => definition.indices.map(() => new Array<number | null>(n).fill(null));
  const columns: IndexResultColumns = {
    areaIds: new Array<string>(n),
    codes: new Array<string>(n),
    valid: new Array<boolean>(n),
    reasons: [],
    classes: perIndex(),
    values: perIndex(),
    sums: perIndex(),
    z: definition.indices.flatMap((index) =>
      index.indicators.map(() => new Array<number | null>(n).fill(null)),
    ),
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    columns.areaIds[i] = row.areaId;
    columns.codes[i] = row.code;
    columns.valid[i] = row.valid;
    if (!row.valid || !row.indices) {
      columns.reasons.push(row.reasons ?? []);
      continue;
    }
    let zRow = 0;
    definition.indices.forEach((index, k) => {
      const result = row.indices?.[index.id];
      zRow += index.indicators.length;
      if (!result) return;
      columns.classes[k][i] = index.classes.findIndex((c) => c.code === result.class.code) + 1;
      columns.values[k][i] = result.value;
      columns.sums[k][i] = result.sum;
      index.indicators.forEach((code, j) => {
        columns.z[zRow - index.indicators.length + j][i] = result.z[code] ?? null;
      });
    });
  }
  return columns;
}

/**
 * The per-area results of stored columns, as the routes answer them. Objects are built with
 * their keys in the order PostgreSQL's jsonb kept them when results were stored as JSON per
 * area (shorter keys first, then bytewise), so the answers stay the same to the byte.
 */
export function fromResultColumns(
  definition: IndexDefinition,
  columns: IndexResultColumns,
): IndexResultRow[] {
  const indices = definition.indices.map((index, k) => ({
    id: index.id,
    k,
    classes: index.classes.map((c) => ({ code: c.code, label: c.label })),
    z: index.indicators.map((code, j) => ({
      code,
      row: definition.indices.slice(0, k).reduce((sum, i) => sum + i.indicators.length, 0) + j,
    })),
  }));
  const ordered = jsonbKeyOrder(indices, (i) => i.id).map((index) => ({
    ...index,
    z: jsonbKeyOrder(index.z, (z) => z.code),
  }));
  const rows: IndexResultRow[] = new Array(columns.areaIds.length);
  let invalid = 0;
  for (let i = 0; i < rows.length; i++) {
    const valid = columns.valid[i];
    let values: Record<string, AreaIndexValue> | null = null;
    if (valid) {
      values = {};
      for (const index of ordered) {
        const z: Record<string, number> = {};
        for (const { code, row } of index.z) z[code] = columns.z[row][i] as number;
        const position = columns.classes[index.k][i] as number;
        values[index.id] = {
          z,
          sum: columns.sums[index.k][i] as number,
          class: index.classes[position - 1],
          value: columns.values[index.k][i] as number,
        } as AreaIndexValue;
      }
    }
    rows[i] = {
      areaId: columns.areaIds[i],
      code: columns.codes[i],
      valid,
      reasons: valid ? null : (columns.reasons[invalid++] ?? null),
      indices: values,
    };
  }
  return rows;
}

/** Items in jsonb's key order: shorter keys (in UTF-8 bytes) first, equal lengths bytewise. */
export function jsonbKeyOrder<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, bytes: Buffer.from(key(item)) }))
    .sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes))
    .map(({ item }) => item);
}
