// PostgreSQL's binary COPY format for indicator values: no text parsing on the server (no
// strtod for the doubles, no hex for the uuids), which is most of COPY's cost for these rows.
// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** The file header: signature, flags (0), header extension length (0). */
export function binaryCopyHeader(): Buffer {
  const header = Buffer.alloc(SIGNATURE.length + 8);
  SIGNATURE.copy(header, 0);
  return header;
}

/** The trailer: a field count of -1. */
export function binaryCopyTrailer(): Buffer {
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1, 0);
  return trailer;
}

/** 16 bytes of a canonical uuid string. */
export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

/**
 * Appends rows (indicator_id uuid, area_id uuid, period text, status text, value float8,
 * numerator float8, denominator float8, definition_version int4) to a growing buffer.
 */
export class ValueRowWriter {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.length);
  private offset = 0;

  private ensure(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    next.set(this.buffer.subarray(0, this.offset));
    this.buffer = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.length);
  }

  // A byte loop and DataView, not Buffer.copy, TypedArray.set and writeInt32BE: a million rows
  // are four million fields of a few bytes, where each of those calls costs more than the copy
  // (Buffer.copy makes a view object per call; 1.5 M rows: 1.6 s with set, 0.5 s with the loop).
  private bytesField(bytes: Buffer): void {
    const buffer = this.buffer;
    let at = this.offset;
    this.view.setInt32(at, bytes.length);
    at += 4;
    for (let i = 0; i < bytes.length; i++) buffer[at + i] = bytes[i];
    this.offset = at + bytes.length;
  }

  private doubleField(value: number | null): void {
    if (value === null) {
      this.view.setInt32(this.offset, -1);
      this.offset += 4;
      return;
    }
    this.view.setInt32(this.offset, 8);
    this.view.setFloat64(this.offset + 4, value);
    this.offset += 12;
  }

  row(
    indicator: Buffer,
    area: Buffer,
    period: Buffer,
    status: Buffer,
    value: number | null,
    numerator: number | null,
    denominator: number | null,
    version: number,
  ): void {
    this.ensure(2 + 8 * 4 + 32 + period.length + status.length + 24 + 4);
    this.view.setInt16(this.offset, 8);
    this.offset += 2;
    this.bytesField(indicator);
    this.bytesField(area);
    this.bytesField(period);
    this.bytesField(status);
    this.doubleField(value);
    this.doubleField(numerator);
    this.doubleField(denominator);
    this.view.setInt32(this.offset, 4);
    this.view.setInt32(this.offset + 4, version);
    this.offset += 8;
  }

  get length(): number {
    return this.offset;
  }

  /** The rows written so far, and a fresh buffer for the next (handing over beats copying). */
  take(): Buffer {
    const out = this.buffer.subarray(0, this.offset);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.length);
    this.offset = 0;
    return out;
  }
}
