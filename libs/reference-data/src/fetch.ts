import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReferenceFile } from './berlin-manifest';

/** Why a reference file could not be had; names the file. */
export class ReferenceFetchError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ReferenceFetchError';
  }
}

export type FetchOutcome =
  | { file: string; status: 'present' | 'downloaded'; sha256: string }
  | { file: string; status: 'manual'; page: string; note: string }
  | { file: string; status: 'failed'; reason: string };

export interface FetchOptions {
  /** The reference data folder to fill. */
  dir: string;
  /** A mirror with the folder's layout (`<base>/berlin/mss/…`); replaces the publishers' URLs. */
  from?: string;
  progress?: (message: string) => void;
}

/** SHA-256 of a file, hex. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Downloads `url` to `target` only if its bytes have the expected SHA-256: the body streams to a
 * temporary file next to the target while being hashed, and is renamed into place only when
 * complete and verified. A refused, cut-off or different download leaves nothing behind.
 */
export async function verifiedDownload(
  url: string,
  target: string,
  sha256: string,
  file = target,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new ReferenceFetchError(file, `cannot reach ${url} (${(error as Error).message})`);
  }
  if (!response.ok || !response.body)
    throw new ReferenceFetchError(file, `${url} answered ${response.status} ${response.statusText}`);
  await mkdir(dirname(target), { recursive: true });
  const part = `${target}.part-${process.pid}`;
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as never), hashing, createWriteStream(part));
    const actual = hash.digest('hex');
    if (actual !== sha256)
      throw new ReferenceFetchError(
        file,
        `the download from ${url} is not the expected file (SHA-256 ${actual}, expected ${sha256}); the publisher may have changed it`,
      );
    await rename(part, target);
  } catch (error) {
    await rm(part, { force: true });
    if (error instanceof ReferenceFetchError) throw error;
    throw new ReferenceFetchError(file, `the download from ${url} broke off (${(error as Error).message})`);
  }
}

/**
 * Makes each file present and verified in the folder: a file already there with the right
 * SHA-256 stays; otherwise it is downloaded (from the mirror, else the publisher) and checked.
 * Files without a direct download are reported with what the publisher offers.
 */
export async function fetchReferenceFiles(
  files: readonly ReferenceFile[],
  { dir, from, progress = () => undefined }: FetchOptions,
): Promise<FetchOutcome[]> {
  const outcomes: FetchOutcome[] = [];
  for (const entry of files) {
    const target = join(dir, entry.file);
    if (existsSync(target) && (await sha256Of(target)) === entry.sha256) {
      outcomes.push({ file: entry.file, status: 'present', sha256: entry.sha256 });
      continue;
    }
    const url = from ? `${from.replace(/\/+$/, '')}/${entry.file}` : entry.url;
    if (!url) {
      outcomes.push({ file: entry.file, status: 'manual', page: entry.page, note: entry.note ?? '' });
      continue;
    }
    progress(`downloading ${entry.file} from ${url}`);
    try {
      await verifiedDownload(url, target, entry.sha256, entry.file);
      outcomes.push({ file: entry.file, status: 'downloaded', sha256: entry.sha256 });
    } catch (error) {
      outcomes.push({ file: entry.file, status: 'failed', reason: (error as Error).message });
    }
  }
  return outcomes;
}
