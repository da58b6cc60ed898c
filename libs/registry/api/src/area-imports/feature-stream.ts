import { RegistryError } from '@quartier/registry-core';
import { spooledHead } from '@quartier/service-kit';
import { createReadStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';

/**
 * Longest stretch of parsing and of the caller's per-feature work before the event loop gets a
 * turn. Buffered features arrive as resolved promises: without a turn, the import of a 50,000-area
 * level ran for seconds without answering a single request of the process (in the embedded
 * platform every service's reads wait behind it).
 */
const SLICE_MS = 10;

/**
 * Yields the features of a GeoJSON FeatureCollection file one at a time, so a file of any size
 * is parsed in constant memory. `onBytes` reports how far into the file the parser is.
 */
export async function* streamFeatures(
  file: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<{ index: number; feature: unknown }> {
  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  // Packed values only: the features are assembled whole, so the parser's streamed pieces of
  // every key, string and number (a coordinate was four tokens, each through three object-mode
  // streams) were made only to be thrown away — at 50,000 areas about a quarter of the import.
  const pipeline = chain([
    source,
    parser({ streamValues: false }),
    pick({ filter: 'features' }),
    streamArray(),
  ]);
  let sawFeatures = false;
  let sliceStart = performance.now();
  try {
    for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      sawFeatures = true;
      yield { index: item.key, feature: item.value };
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    // The parser's own errors carry no system error code (reading the spool file's do).
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
    throw refused('NotJson', `the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!sawFeatures) await refuseWithoutFeatures(file);
}

/** Why a file as a whole cannot be imported, as a stable code the portal words. */
export type AreaFileProblem = 'NotJson' | 'NotFeatureCollection' | 'NoFeatures';

function refused(problem: AreaFileProblem, message: string): RegistryError {
  return new RegistryError('InvalidAreaImport', message, { file: problem });
}

/** The file problem a failure names, or null for any other failure (one of the database, …). */
export function fileProblemOf(error: unknown): AreaFileProblem | null {
  if (!(error instanceof RegistryError)) return null;
  const file = (error.details as { file?: AreaFileProblem } | undefined)?.file;
  return file ?? null;
}

/**
 * A FeatureCollection without features would create an empty area version: refused, and so is
 * a file that has no `features` array at all.
 */
async function refuseWithoutFeatures(file: string): Promise<never> {
  const head = await spooledHead(file);
  if (!/"features"\s*:\s*\[/.test(head))
    throw refused(
      'NotFeatureCollection',
      'the file is not a GeoJSON FeatureCollection (no "features" array)',
    );
  throw refused('NoFeatures', 'the FeatureCollection has no features: nothing to import');
}
