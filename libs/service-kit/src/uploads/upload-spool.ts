import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { UploadError } from './upload.error';

/**
 * The first MiB of a spooled file as text: enough to tell what a file that yielded nothing is
 * (an empty array, or not the expected format at all) without reading all of it.
 */
export function spooledHead(file: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    createReadStream(file, { encoding: 'utf8', end: 1 << 20 })
      .on('data', (chunk) => (text += chunk))
      .on('end', () => resolve(text))
      .on('error', reject);
  });
}

/** A request body on disk, ready for the job (or the synchronous import) that consumes it. */
export interface SpooledUpload {
  path: string;
  bytes: number;
  /** Hex SHA-256 of the bytes, computed while streaming. */
  sha256: string;
  /** The declared content type without parameters; null when none was sent. */
  contentType: string | null;
}

export interface SpoolLimits {
  maxBytes: number;
  /** File name ending of the spool file (".geojson"); helps whoever looks into the folder. */
  extension?: string;
}

export interface ReceiveOptions extends SpoolLimits {
  /** Accepted content types (lower case, without parameters); absent: any. */
  accept?: readonly string[];
  /** The owning service's error for an empty body; default UploadError EmptyUpload (422). */
  empty?: () => Error;
  /** Hand an empty body on (the consumer reports it in its own words). */
  allowEmpty?: boolean;
}

/** A readable request: the body stream and its headers (an Express request is one). */
export type UploadRequest = Readable & { headers: IncomingHttpHeaders };

const megabytes = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${Math.round(bytes / 1024 ** 3)} GB`
    : bytes >= 1024 ** 2
      ? `${Math.round(bytes / 1024 ** 2)} MB`
      : `${Math.round(bytes / 1024)} kB`;

/**
 * Uploads are streamed to one folder per service (`<tmp>/quartier-spool/<service>`), never held
 * in memory: size limit (413 with the limit named), content-type check (415), SHA-256 while
 * streaming. Spool file names start with the writing process's pid, so a start-up sweep can tell
 * a dead process's leftovers from another live process's upload in progress on the same host.
 */
/** What a spool file may buffer before the request body waits for the disk. */
const SPOOL_BUFFER_BYTES = 1 << 20;

export class UploadSpool {
  readonly dir: string;

  constructor(
    readonly service: string,
    root: string = tmpdir(),
  ) {
    this.dir = join(root, 'quartier-spool', service);
  }

  /** Spools a request body; refuses a wrong content type or a declared size over the limit before reading. */
  async receive(request: UploadRequest, options: ReceiveOptions): Promise<SpooledUpload> {
    const contentType = typeOf(request.headers['content-type']);
    if (options.accept && !options.accept.includes(contentType ?? '')) {
      throw new UploadError(
        'UnsupportedMediaType',
        `send the file as ${options.accept.join(' or ')} (got ${contentType ?? 'no content type'})`,
      );
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(options.maxBytes);
    const upload = await this.write(request, options, contentType);
    if (upload.bytes === 0 && !options.allowEmpty) {
      await this.discard(upload.path);
      throw (
        options.empty?.() ??
        new UploadError('EmptyUpload', 'the request body is empty: send the file as the body')
      );
    }
    return upload;
  }

  /**
   * Streams `source` to a new spool file. Past the limit the rest of the source is drained, not
   * destroyed, so an HTTP client still reads the 413 instead of a reset connection.
   */
  async write(
    source: Readable,
    limits: SpoolLimits,
    contentType: string | null = null,
  ): Promise<SpooledUpload> {
    // A body parsed upstream (JSON on a route that is not streamed) would never end here.
    if (source.readableEnded)
      throw new UploadError(
        'UploadFailed',
        'the request body was already read: send the file as application/octet-stream',
      );
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${process.pid}-${randomUUID()}${limits.extension ?? '.upload'}`);
    const hash = createHash('sha256');
    // A file stream buffers 16 KiB by default, less than one 64 KiB chunk of a request body: the
    // body then paused after every chunk until its write was done, one thread-pool round trip per
    // chunk. With 1 MiB the body keeps flowing while the disk catches up (1 MB spooled in 2.6 ms
    // instead of 4.5 ms warm, 4–13 instead of 14 in a freshly started platform).
    const file = createWriteStream(path, { flags: 'wx', highWaterMark: SPOOL_BUFFER_BYTES });
    let bytes = 0;
    return new Promise<SpooledUpload>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        file.destroy();
        source.resume();
        void rm(path, { force: true }).finally(() => reject(error));
      };
      source.on('data', (chunk: Buffer) => {
        if (settled) return;
        bytes += chunk.length;
        if (bytes > limits.maxBytes) return fail(tooLarge(limits.maxBytes));
        hash.update(chunk);
        if (!file.write(chunk)) {
          source.pause();
          file.once('drain', () => source.resume());
        }
      });
      source.once('end', () => {
        if (settled) return;
        file.end();
        file.once('close', () => {
          if (settled) return;
          settled = true;
          resolve({ path, bytes, sha256: hash.digest('hex'), contentType });
        });
      });
      source.once('error', (error) =>
        fail(new UploadError('UploadFailed', `the upload broke off: ${error.message}`)),
      );
      source.once('close', () => {
        if (!source.readableEnded)
          fail(new UploadError('UploadFailed', 'the upload broke off before its end'));
      });
      file.once('error', (error) =>
        fail(new UploadError('UploadFailed', `the upload could not be stored: ${error.message}`)),
      );
    });
  }

  /**
   * Spools a request body for an import that reads it while the request waits: hands it to
   * `use` and deletes it afterwards, whether `use` succeeds or fails.
   */
  async consume<T>(
    request: UploadRequest,
    options: ReceiveOptions,
    use: (upload: SpooledUpload) => Promise<T>,
  ): Promise<T> {
    const upload = await this.receive(request, options);
    try {
      return await use(upload);
    } finally {
      await this.discard(upload.path);
    }
  }

  /**
   * Hands an upload to `use`, which takes it over (e.g. queues a job that holds the file): if
   * `use` fails, nothing holds the file, so it is deleted here and the error passed on.
   */
  async handOver<T>(upload: SpooledUpload, use: () => Promise<T>): Promise<T> {
    try {
      return await use();
    } catch (error) {
      await this.discard(upload.path);
      throw error;
    }
  }

  /** Deletes a spool file (only files of this spool; a missing file is fine). */
  async discard(path: string): Promise<void> {
    if (this.owns(path)) await rm(path, { force: true });
  }

  owns(path: string): boolean {
    return dirname(path) === this.dir;
  }

  /**
   * Removes spool files that no queued or running job holds (`keep`) and whose writing process
   * is gone. Answers the removed paths.
   */
  async removeOrphans(keep: ReadonlySet<string>): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names) {
      const path = join(this.dir, name);
      if (keep.has(path) || writerAlive(name)) continue;
      await rm(path, { force: true, recursive: true });
      removed.push(path);
    }
    return removed;
  }
}

function typeOf(header: string | undefined): string | null {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return type === '' ? null : type;
}

function tooLarge(maxBytes: number): UploadError {
  return new UploadError('PayloadTooLarge', `the file is larger than ${megabytes(maxBytes)}`, { maxBytes });
}

/** Another live process on this host is still writing (or holds) the file; this process at start holds none. */
function writerAlive(name: string): boolean {
  const pid = Number(/^(\d+)-/.exec(basename(name))?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
