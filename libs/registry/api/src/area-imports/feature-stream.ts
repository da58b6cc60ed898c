import { RegistryError } from '@quartier/registry-core';
import { spooledHead } from '@quartier/service-kit';
import { createReadStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FeatureSplitter, JsonSyntaxError } from './feature-splitter';

/**
 * Longest stretch of parsing and of the caller's per-feature work before the event loop gets a
 * turn. Buffered features arrive as resolved promises: without a turn, the import of a 50,000-area
 * level ran for seconds without answering a single request of the process (in the embedded
 * platform every service's reads wait behind it).
 */
const SLICE_MS = 10;

/** Bytes read from the spool file at a time: fewer, larger reads for the scanner's loop. */
const READ_BYTES = 1 << 20;

/**
 * Yields the features of a GeoJSON FeatureCollection file one at a time, each parsed on its own,
 * so a file of any size is held one feature at a time (see FeatureSplitter); the rest of the
 * document is checked as JSON once the file is read. `onBytes` reports how far into the file
 * the scan is.
 */
export async function* streamFeatures(
  file: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<{ index: number; feature: unknown }> {
  const splitter = new FeatureSplitter();
  let bytes = 0;
  let index = 0;
  let sliceStart = performance.now();
  for await (const chunk of createReadStream(file, { highWaterMark: READ_BYTES }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes(bytes);
    for (const element of splitOrRefuse(splitter, chunk)) {
      yield { index, feature: parseOrRefuse(element.toString('utf8'), `feature ${index + 1}: `) };
      index++;
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  }
  parseOrRefuse(splitter.end(), '');
  if (index === 0) await refuseWithoutFeatures(file);
}

function splitOrRefuse(splitter: FeatureSplitter, chunk: Buffer): Buffer[] {
  try {
    return splitter.push(chunk);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw notJson(error.message);
    throw error;
  }
}

function parseOrRefuse(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw notJson(`${where}${(error as Error).message}`);
  }
}

function notJson(reason: string): RegistryError {
  return refused('NotJson', `the file is not valid JSON: ${reason}`);
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
