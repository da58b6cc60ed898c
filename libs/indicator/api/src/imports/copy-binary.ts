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
  private buffer = Buffer.alloc(1 << 20);
  private offset = 0;

  private ensure(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const next = Buffer.alloc(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(next, 0, 0, this.offset);
    this.buffer = next;
  }

  private bytesField(bytes: Buffer): void {
    this.buffer.writeInt32BE(bytes.length, this.offset);
    bytes.copy(this.buffer, this.offset + 4);
    this.offset += 4 + bytes.length;
  }

  private doubleField(value: number | null): void {
    if (value === null) {
      this.buffer.writeInt32BE(-1, this.offset);
      this.offset += 4;
      return;
    }
    this.buffer.writeInt32BE(8, this.offset);
    this.buffer.writeDoubleBE(value, this.offset + 4);
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
    this.buffer.writeInt16BE(8, this.offset);
    this.offset += 2;
    this.bytesField(indicator);
    this.bytesField(area);
    this.bytesField(period);
    this.bytesField(status);
    this.doubleField(value);
    this.doubleField(numerator);
    this.doubleField(denominator);
    this.buffer.writeInt32BE(4, this.offset);
    this.buffer.writeInt32BE(version, this.offset + 4);
    this.offset += 8;
  }

  get length(): number {
    return this.offset;
  }

  /** The rows written so far (a copy), and a fresh start. */
  take(): Buffer {
    const out = Buffer.from(this.buffer.subarray(0, this.offset));
    this.offset = 0;
    return out;
  }
}
