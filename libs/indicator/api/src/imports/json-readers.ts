// The JSON formats: JSON-stat (2.0 datasets and 1.x bundles, with a dimension mapping) and DHIS2
// data value sets (set-level period/orgUnit inherited). Both are streamed: the header first
// (everything but the values), then the values one by one.
import {
  dhis2Observation,
  dhis2SetDefaults,
  isRowError,
  jsonStatCube,
  jsonStatDataset,
  jsonStatStatus,
  type DimensionMapping,
} from '@quartier/indicator-core';
import { createReadStream } from 'node:fs';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
import Assembler from 'stream-json/Assembler';
import { ignore } from 'stream-json/filters/Ignore';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { countingStream, ImportFileError, type ObservationBatch, type ReaderOptions } from './reader-support';

interface Token {
  name: string;
  value?: string | number | boolean | null;
}

/** JSON-stat: pass 1 reads everything but `value`/`status`, pass 2 the status, pass 3 streams the values. */
export async function* readJsonStat(
  file: string,
  options: ReaderOptions,
  mapping?: DimensionMapping,
): AsyncGenerator<ObservationBatch> {
  const dataset = jsonStatDataset(await jsonHeader(file));
  if ('message' in dataset) throw new ImportFileError(dataset.message);
  const cubeResult = jsonStatCube(dataset.header, mapping);
  if (!cubeResult.ok) throw new ImportFileError(cubeResult.message);
  const { cube } = cubeResult;
  const status = await jsonStatStatuses(file, dataset.statusPath);
  let batch: ObservationBatch = { observations: [], errors: [], rows: 0 };
  let rows = 0;
  const emit = (n: number, value: string | number | null) => {
    rows++;
    if (!Number.isInteger(n) || n < 0 || n >= cube.total) {
      batch.errors.push({
        line: rows,
        column: `value[${n}]`,
        reason: 'malformed',
        message: `observation ${n} lies outside the cube of ${cube.total} cells`,
      });
      return;
    }
    const at = cube.coordinates(n);
    // A cell of another category of a fixed dimension: not wanted, not an error.
    if (at === null) return;
    const flag = jsonStatStatus(typeof status === 'string' ? status : status.get(n));
    batch.observations.push({
      line: n + 1,
      column: `value[${n}]`,
      ...at,
      value,
      ...(flag ? { status: flag } : {}),
    });
  };
  const tokens = chain([
    countingStream(file, options),
    parser({ packValues: true, streamValues: false }),
    pick({ filter: dataset.valuePath }),
  ]) as AsyncIterable<Token>;
  let depth = 0;
  let index = 0;
  let key: string | null = null;
  let sawValue = false;
  try {
    for await (const token of tokens) {
      sawValue = true;
      if (token.name === 'startArray' || token.name === 'startObject') {
        if (++depth > 1) throw new ImportFileError(`value: observation ${index} is not a number or null`);
        continue;
      }
      if (token.name === 'endArray' || token.name === 'endObject') {
        depth--;
        continue;
      }
      if (token.name === 'keyValue') {
        key = String(token.value);
        continue;
      }
      const value =
        token.name === 'numberValue'
          ? Number(token.value)
          : token.name === 'nullValue'
            ? null
            : token.name === 'stringValue'
              ? String(token.value)
              : String(token.value);
      emit(key !== null ? Number(key) : index, value);
      index++;
      key = null;
      if (batch.observations.length >= 5000) {
        batch.rows = rows;
        yield batch;
        batch = { observations: [], errors: [], rows: 0 };
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!sawValue) throw new ImportFileError('the dataset has no "value"');
  batch.rows = rows;
  yield batch;
}

async function jsonHeader(file: string): Promise<unknown> {
  // `value`/`status` of a 2.0 dataset or of a 1.x bundle's dataset are streamed later.
  const pipeline = chain([
    createReadStream(file),
    parser(),
    ignore({ filter: /^([^.]+\.)?(value|status)$/ }),
  ]);
  try {
    const assembler = Assembler.connectTo(pipeline);
    await new Promise<void>((resolve, reject) => {
      pipeline.on('end', () => resolve());
      pipeline.on('error', reject);
    });
    return assembler.current as unknown;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
}

/** The `status` member: one symbol for every cell, or position → symbol (only flagged cells are kept). */
async function jsonStatStatuses(file: string, path: string): Promise<string | Map<number, string>> {
  const flags = new Map<number, string>();
  const tokens = chain([
    createReadStream(file),
    parser({ packValues: true, streamValues: false }),
    pick({ filter: path }),
  ]) as AsyncIterable<Token>;
  let index = 0;
  let key: string | null = null;
  let depth = 0;
  for await (const token of tokens) {
    if (token.name === 'startArray' || token.name === 'startObject') {
      depth++;
      continue;
    }
    if (token.name === 'endArray' || token.name === 'endObject') {
      depth--;
      continue;
    }
    if (token.name === 'keyValue') {
      key = String(token.value);
      continue;
    }
    if (depth === 0 && token.name === 'stringValue') return String(token.value);
    if (token.name === 'stringValue') flags.set(key !== null ? Number(key) : index, String(token.value));
    index++;
    key = null;
  }
  return flags;
}

/**
 * DHIS2 `dataValueSets` JSON: `{ "period"?, "orgUnit"?, "dataValues": [ { dataElement, period?,
 * orgUnit?, value }, … ] }` — a value without its own period or orgUnit takes the set's.
 */
export async function* readDhis2(file: string, options: ReaderOptions): AsyncGenerator<ObservationBatch> {
  const defaults = dhis2SetDefaults(await setHeader(file));
  const items = chain([
    countingStream(file, options),
    parser(),
    pick({ filter: 'dataValues' }),
    streamArray(),
  ]) as AsyncIterable<{ key: number; value: unknown }>;
  let batch: ObservationBatch = { observations: [], errors: [], rows: 0 };
  let rows = 0;
  let saw = false;
  try {
    for await (const { key, value } of items) {
      saw = true;
      rows++;
      const item = dhis2Observation(value, key, defaults);
      if (isRowError(item)) batch.errors.push(item);
      else batch.observations.push(item);
      if (batch.observations.length >= 5000) {
        batch.rows = rows;
        yield batch;
        batch = { observations: [], errors: [], rows: 0 };
      }
    }
  } catch (error) {
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!saw && rows === 0) {
    // An empty array is a valid (empty) import; a missing one is not a dataValueSet.
    const head = await new Promise<string>((resolve, reject) => {
      let t = '';
      createReadStream(file, { encoding: 'utf8', end: 1 << 20 })
        .on('data', (c) => (t += c))
        .on('end', () => resolve(t))
        .on('error', reject);
    });
    if (!/"dataValues"\s*:\s*\[/.test(head))
      throw new ImportFileError('the file is not a DHIS2 dataValueSet (no "dataValues" array)');
  }
  batch.rows = rows;
  yield batch;
}

/** The data value set without its values (their set-level period, orgUnit, dataSet). */
async function setHeader(file: string): Promise<unknown> {
  const pipeline = chain([createReadStream(file), parser(), ignore({ filter: 'dataValues' })]);
  try {
    const assembler = Assembler.connectTo(pipeline);
    await new Promise<void>((resolve, reject) => {
      pipeline.on('end', () => resolve());
      pipeline.on('error', reject);
    });
    return assembler.current as unknown;
  } catch (error) {
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
}
