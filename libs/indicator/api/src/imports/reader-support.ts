// What every format reader shares: the batch it yields, the file-level error and a byte-counting
// read stream.
import type { DimensionMapping, PeriodDialect, RawObservation, RowError } from '@quartier/indicator-core';
import { textProblem } from '@quartier/contracts';
import { createReadStream } from 'node:fs';

export interface ObservationBatch {
  observations: RawObservation[];
  errors: RowError[];
  /** Data rows (or JSON records) read so far. */
  rows: number;
  /** Set by a reader that checked its text as a whole: no NUL, no lone surrogate anywhere. */
  storable?: boolean;
}

/**
 * Observations a streaming reader gathers before it yields a batch: the import validates and
 * writes a batch at a time, so this bounds what one file holds in memory at once.
 */
export const BATCH_OBSERVATIONS = 5000;

export function emptyBatch(): ObservationBatch {
  return { observations: [], errors: [], rows: 0 };
}

export interface ReaderOptions {
  onBytes(bytes: number): void;
}

export interface FormatInfo {
  dialect: PeriodDialect;
  decimalComma: boolean;
  /** Which dimension of an SDMX-CSV or JSON-stat file is area, period, indicator; the rest fixed. */
  mapping?: DimensionMapping;
}

/** A problem with the file as a whole (header, structure): nothing can be read. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    // Parser messages may quote the file; what cannot be stored is replaced, so the report can be.
    super(storable(message));
  }
}

/** The text with NUL and lone surrogates replaced by U+FFFD. */
function storable(text: string): string {
  return textProblem(text) ? [...text].map((c) => (textProblem(c) ? '\uFFFD' : c)).join('') : text;
}

/**
 * Bytes per chunk, and so per batch of a CSV file (~2,000 rows of a long file). A batch's records,
 * observations and checked rows are alive until the batch has been checked; at 256 kB (~8,400
 * rows) each scavenge copied and promoted a few megabytes of them, and a 30,000-row import spent
 * about a third of its CPU in the collector (in isolation: 57–62 ms of CPU warm, 235–277 ms for
 * the first import of a process, against 38–44 and 176–200 ms at 64 kB).
 */
const CHUNK_BYTES = 64 * 1024;

export function countingStream(file: string, options: ReaderOptions) {
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes(bytes);
  });
  return stream;
}
