import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReportRepository, ReportRow } from './report.repository';

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
    private readonly files: Pick<ReportRepository, 'insertFileChunk'>,
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
      await this.files.insertFileChunk(this.reportId, this.seq++, piece);
      buffer = buffer.subarray(piece.length);
    }
    this.pending = buffer.length > 0 ? [Buffer.from(buffer)] : [];
    this.pendingBytes = buffer.length;
  }
}

/** Streams a stored file chunk by chunk (one row in memory at a time). */
export function readReportFile(files: Pick<ReportRepository, 'fileChunk'>, reportId: string): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const bytes = await files.fileChunk(reportId, seq);
      if (bytes === null) return;
      yield bytes;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987), e.g. umlauts. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Streams a finished report's file with its German name, type, size and hash. */
export async function sendReportFile(
  res: Response,
  file: { row: Pick<ReportRow, 'contentType' | 'fileSize' | 'fileName' | 'fileSha256'>; stream: Readable },
): Promise<void> {
  const { row, stream } = file;
  res.setHeader('Content-Type', row.contentType);
  res.setHeader('Content-Length', String(row.fileSize));
  res.setHeader('Content-Disposition', contentDisposition(row.fileName));
  res.setHeader('Cache-Control', 'private, no-store');
  if (row.fileSha256) res.setHeader('ETag', `"${row.fileSha256}"`);
  try {
    await pipeline(stream, res);
  } catch (error) {
    // The reader went away mid-download (a closed tab, a cancelled save): there is no one left to
    // answer, and nothing failed on our side.
    if (res.destroyed && (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      stream.destroy();
      return;
    }
    throw error;
  }
}
