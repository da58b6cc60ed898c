import { open, fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { registerErrorStatuses } from './domain-error.filter';

// An XLSX is a ZIP archive: a few hundred kilobytes can inflate to gigabytes ("zip bomb"), and
// the spreadsheet libraries inflate and parse everything they are given. The archive's central
// directory states every entry's sizes, so the bounds are checked before any parsing, and the
// entries are then inflated once (on zlib's thread pool, not the event loop) to prove that the
// stated sizes are true: yauzl stops an entry that inflates to more than it claims.

export interface ZipLimits {
  /** Most entries (files) in the archive. */
  maxEntries: number;
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio of an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries up to this size may compress any amount (small XML parts compress very well). */
  ratioFloorBytes: number;
}

const MB = 1024 * 1024;

/** For questionnaires (XLSForm) and typed-in paper responses: small workbooks. */
export const SMALL_WORKBOOK_LIMITS: ZipLimits = {
  maxEntries: 500,
  maxEntryBytes: 50 * MB,
  maxTotalBytes: 100 * MB,
  maxRatio: 100,
  ratioFloorBytes: MB,
};

/** For bulk data workbooks (indicator values), which are read as a stream. */
export const DATA_WORKBOOK_LIMITS: ZipLimits = {
  maxEntries: 2000,
  // Below V8's longest string, so no single part can end a reader with "Invalid string length".
  maxEntryBytes: 400 * MB,
  maxTotalBytes: 1024 * MB,
  maxRatio: 100,
  ratioFloorBytes: MB,
};

/** The archive is not readable, or it is larger (inflated) than the limits allow. */
export class ZipBoundsError extends Error {
  constructor(
    readonly code: 'ArchiveTooLarge' | 'InvalidArchive',
    message: string,
  ) {
    super(message);
    this.name = 'ZipBoundsError';
  }
}

registerErrorStatuses(ZipBoundsError, { ArchiveTooLarge: 413, InvalidArchive: 422 });

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** The first limit an entry breaks, as a sentence; null when it is within all. */
function entryProblem(entry: Entry, limits: ZipLimits, total: number): string | null {
  const size = entry.uncompressedSize;
  if (size > limits.maxEntryBytes)
    return `part ${entry.fileName} inflates to ${mb(size)}, more than ${mb(limits.maxEntryBytes)}`;
  if (total > limits.maxTotalBytes) return `the workbook inflates to more than ${mb(limits.maxTotalBytes)}`;
  const ratio = size / Math.max(1, entry.compressedSize);
  if (size > limits.ratioFloorBytes && ratio > limits.maxRatio)
    return `part ${entry.fileName} is compressed ${Math.round(ratio)}:1, more than ${limits.maxRatio}:1 (a "zip bomb")`;
  return null;
}

function openArchive(source: string | Buffer): Promise<ZipFile> {
  const options = { lazyEntries: true, autoClose: true, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: ZipFile) => (error || !zip ? reject(error) : resolve(zip));
    if (typeof source === 'string') open(source, options, done);
    else fromBuffer(source, options, done);
  });
}

/** Inflates one entry to nowhere, counting; yauzl fails it when it inflates beyond its stated size. */
function drainEntry(zip: ZipFile, entry: Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('no stream'));
      stream.on('error', (failure: Error) =>
        reject(
          /too many bytes/.test(failure.message)
            ? new ZipBoundsError(
                'ArchiveTooLarge',
                `part ${entry.fileName} inflates to more than it declares`,
              )
            : failure,
        ),
      );
      stream.on('end', () => resolve());
      stream.resume();
    });
  });
}

/**
 * Checks an XLSX (or any ZIP) file or buffer against `limits` before it is parsed; throws
 * {@link ZipBoundsError} (413 for too large, 422 for not an archive) naming the offending part.
 */
export async function assertZipWithinBounds(source: string | Buffer, limits: ZipLimits): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await openArchive(source);
  } catch (error) {
    throw new ZipBoundsError('InvalidArchive', `not a readable XLSX workbook: ${(error as Error).message}`);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipBoundsError('ArchiveTooLarge', `the workbook has more than ${limits.maxEntries} parts`);
  }
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        total += entry.uncompressedSize;
        const problem = entryProblem(entry, limits, total);
        if (problem) return reject(new ZipBoundsError('ArchiveTooLarge', problem));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        drainEntry(zip, entry).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof ZipBoundsError) throw error;
    throw new ZipBoundsError('InvalidArchive', `not a readable XLSX workbook: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}
