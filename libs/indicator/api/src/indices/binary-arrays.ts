// PostgreSQL's binary array format (array_send/array_recv) for a run's result columns, sent as
// Buffer parameters, which node-pg passes in binary: the server reads the elements as they are
// instead of parsing text — at 50,000 areas the literals of uuids and doubles were most of the
// time it took to store a run's results.

const OID = { bool: 16, int2: 21, float8: 701, uuid: 2950 } as const;

/**
 * An array of `dims` (rows × columns, or one length) whose elements take `size` bytes each,
 * written by `put` at their offset; `present(i)` false writes NULL. Without elements, the empty
 * array (PostgreSQL has no K × 0 arrays).
 */
function binaryArray(
  oid: number,
  dims: readonly number[],
  size: number,
  present: (i: number) => boolean,
  put: (view: DataView, at: number, i: number) => void,
): Buffer {
  const n = dims.reduce((a, b) => a * b, 1);
  const ndim = n === 0 ? 0 : dims.length;
  const buffer = Buffer.alloc(12 + 8 * ndim + n * (4 + size));
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  let at = 12 + 8 * ndim;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (!present(i)) {
      view.setInt32(at, -1);
      at += 4;
      nulls = 1;
      continue;
    }
    view.setInt32(at, size);
    put(view, at + 4, i);
    at += 4 + size;
  }
  view.setInt32(0, ndim);
  view.setInt32(4, nulls);
  view.setUint32(8, oid);
  for (let d = 0; d < ndim; d++) {
    view.setInt32(12 + 8 * d, dims[d]);
    view.setInt32(16 + 8 * d, 1);
  }
  return buffer.subarray(0, at);
}

/** Hex digit → value (-1 for anything else). */
const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX['0123456789abcdef'.charCodeAt(d)] = d;
  HEX['0123456789ABCDEF'.charCodeAt(d)] = d;
}

/**
 * uuid[] of canonical uuid strings. The digits are read one by one: a Buffer.from(hex) per id
 * made 50,000 ids cost about 50 ms.
 */
export function uuidArray(ids: readonly string[]): Buffer {
  return binaryArray(
    OID.uuid,
    [ids.length],
    16,
    () => true,
    (view, at, i) => {
      const id = ids[i];
      if (id.length !== 36) throw new Error(`not a canonical uuid: ${id}`);
      let k = 0;
      for (let c = 0; c < 36; c += 2) {
        if (c === 8 || c === 13 || c === 18 || c === 23) c++;
        const high = HEX[id.charCodeAt(c)] ?? -1;
        const low = HEX[id.charCodeAt(c + 1)] ?? -1;
        if (high < 0 || low < 0) throw new Error(`not a canonical uuid: ${id}`);
        view.setUint8(at + k++, (high << 4) | low);
      }
    },
  );
}

/**
 * A text[] literal: every element quoted, backslashes and quotes escaped (sent as text: node-pg
 * would quote and escape every element of an array it is given, one call each).
 */
export function textArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export function booleanArray(values: readonly boolean[]): Buffer {
  return binaryArray(
    OID.bool,
    [values.length],
    1,
    () => true,
    (view, at, i) => view.setUint8(at, values[i] ? 1 : 0),
  );
}

/** A rows × columns array of one numeric type; null and non-finite numbers are NULL. */
function matrix(
  oid: number,
  size: number,
  set: (view: DataView, at: number, value: number) => void,
  rows: readonly (readonly (number | null)[])[],
): Buffer {
  const width = rows[0]?.length ?? 0;
  const at = (i: number) => rows[Math.floor(i / width)][i % width];
  return binaryArray(
    oid,
    [rows.length, width],
    size,
    (i) => Number.isFinite(at(i)),
    (view, offset, i) => set(view, offset, at(i) as number),
  );
}

export const smallintMatrix = (rows: readonly (readonly (number | null)[])[]): Buffer =>
  matrix(OID.int2, 2, (view, at, v) => view.setInt16(at, v), rows);

export const float8Matrix = (rows: readonly (readonly (number | null)[])[]): Buffer =>
  matrix(OID.float8, 8, (view, at, v) => view.setFloat64(at, v), rows);
