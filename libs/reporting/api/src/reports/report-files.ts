import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import type { DataSource } from 'typeorm';

/** 256 KiB rows: large enough to keep the row count low, small enough to stream. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Writes a report's file into `report_file_chunk` as it is rendered: bytes are collected up to
 * one chunk and inserted; the write callback waits for the insert, so a slow database slows the
 * renderer down instead of filling memory. Size and SHA-256 are computed on the way.
 */
export class ReportFileWriter extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private readonly hash = createHash('sha256');
  size = 0;

  constructor(
    private readonly db: DataSource,
    private readonly reportId: string,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.pendingBytes < CHUNK_BYTES) return done();
    this.flush(false).then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.flush(true).then(() => done(), done);
  }

  private async flush(all: boolean): Promise<void> {
    let buffer = Buffer.concat(this.pending);
    while (buffer.length >= CHUNK_BYTES || (all && buffer.length > 0)) {
      const piece = buffer.subarray(0, CHUNK_BYTES);
      await this.db.query(`INSERT INTO report_file_chunk (report_id, seq, bytes) VALUES ($1, $2, $3)`, [
        this.reportId,
        this.seq++,
        piece,
      ]);
      buffer = buffer.subarray(piece.length);
    }
    this.pending = buffer.length > 0 ? [Buffer.from(buffer)] : [];
    this.pendingBytes = buffer.length;
  }
}

export async function deleteReportFile(db: DataSource, reportId: string): Promise<void> {
  await db.query(`DELETE FROM report_file_chunk WHERE report_id = $1`, [reportId]);
}

/** Streams a stored file chunk by chunk (one row in memory at a time). */
export function readReportFile(db: DataSource, reportId: string): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const rows: { bytes: Buffer }[] = await db.query(
        `SELECT bytes FROM report_file_chunk WHERE report_id = $1 AND seq = $2`,
        [reportId, seq],
      );
      if (rows.length === 0) return;
      yield rows[0].bytes;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
