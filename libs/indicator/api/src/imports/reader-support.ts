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

export function countingStream(file: string, options: ReaderOptions) {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes(bytes);
  });
  return stream;
}
