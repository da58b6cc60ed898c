import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { assertZipWithinBounds, SMALL_WORKBOOK_LIMITS, ZipBoundsError, type ZipLimits } from './zip-bounds';

/** One non-empty cell: its column (1-based), exceljs's value (dates, rich text, formulas) and shown text. */
export interface WorkbookCell {
  col: number;
  value: unknown;
  text: string;
}

export interface WorkbookRow {
  /** Row number as the spreadsheet shows it. */
  number: number;
  cells: WorkbookCell[];
}

export interface WorksheetGrid {
  name: string;
  columnCount: number;
  /** Non-empty rows in order. */
  rows: WorkbookRow[];
}

export interface WorkbookReadOptions {
  limits?: ZipLimits;
  /** Parsing longer than this is abandoned (the worker is terminated). */
  timeoutMs?: number;
  /** Heap of the parsing worker; a workbook needing more is refused. */
  maxMemoryMb?: number;
}

const WORKER_FILE = join(__dirname, 'workbook-grid.worker.js');

type WorkerAnswer = { ok: true; sheets: WorksheetGrid[] } | { ok: false; message: string };

/**
 * Reads every worksheet of an uploaded XLSX off the request thread: the archive's bounds are
 * checked first ({@link assertZipWithinBounds}), then a worker thread with a capped heap and a
 * deadline inflates and parses it. Throws {@link ZipBoundsError}: 413 when the workbook is too
 * large (also when it needs too much memory or time), 422 when it is not a workbook.
 */
export async function readWorkbookOffThread(
  bytes: Buffer,
  options: WorkbookReadOptions = {},
): Promise<WorksheetGrid[]> {
  await assertZipWithinBounds(bytes, options.limits ?? SMALL_WORKBOOK_LIMITS);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const worker = new Worker(WORKER_FILE, {
    workerData: { bytes, exceljs: require.resolve('exceljs') },
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 512 },
    stdout: true,
    stderr: true,
  });
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new ZipBoundsError(
              'ArchiveTooLarge',
              `the workbook took longer than ${timeoutMs / 1000} s to read`,
            ),
          ),
        timeoutMs,
      );
      worker.once('message', (message: WorkerAnswer) => {
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('error', (error: Error & { code?: string }) => {
        clearTimeout(timer);
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ZipBoundsError('ArchiveTooLarge', 'the workbook needs more memory to read than allowed')
            : error,
        );
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new ZipBoundsError('InvalidArchive', `the workbook reader stopped (exit ${code})`));
      });
    });
    if (!answer.ok)
      throw new ZipBoundsError('InvalidArchive', `not a readable XLSX workbook: ${answer.message}`);
    return answer.sheets;
  } finally {
    await worker.terminate();
  }
}
