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
import { spooledHead } from '@quartier/service-kit';
import { createReadStream } from 'node:fs';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
import Assembler from 'stream-json/Assembler';
import { ignore } from 'stream-json/filters/Ignore';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';
import {
  BATCH_OBSERVATIONS,
  countingStream,
  emptyBatch,
  ImportFileError,
  type ObservationBatch,
  type ReaderOptions,
} from './reader-support';

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
  let batch = emptyBatch();
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
  const cells = new CellCursor();
  let sawValue = false;
  try {
    for await (const token of tokens) {
      sawValue = true;
      if (cells.structure(token)) {
        if (cells.depth > 1)
          throw new ImportFileError(`value: observation ${cells.index} is not a number or null`);
        continue;
      }
      const value =
        token.name === 'numberValue'
          ? Number(token.value)
          : token.name === 'nullValue'
            ? null
            : String(token.value);
      emit(cells.position, value);
      cells.next();
      if (batch.observations.length >= BATCH_OBSERVATIONS) {
        batch.rows = rows;
        yield batch;
        batch = emptyBatch();
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

/** The dataset without `value`/`status` (of a 2.0 dataset or of a 1.x bundle's): they are streamed later. */
function jsonHeader(file: string): Promise<unknown> {
  return documentWithout(file, /^([^.]+\.)?(value|status)$/);
}

/**
 * The JSON document of the file, assembled in memory without the members `skip` matches (the
 * large ones, which the readers stream).
 */
async function documentWithout(file: string, skip: string | RegExp): Promise<unknown> {
  const pipeline = chain([createReadStream(file), parser(), ignore({ filter: skip })]);
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
  const cells = new CellCursor();
  for await (const token of tokens) {
    if (cells.structure(token)) continue;
    if (cells.depth === 0 && token.name === 'stringValue') return String(token.value);
    if (token.name === 'stringValue') flags.set(cells.position, String(token.value));
    cells.next();
  }
  return flags;
}

/**
 * Where the tokens of a JSON-stat `value` or `status` member stand: the member is an array of
 * cells or an object keyed by their positions, so a cell's place in the cube is its key if it
 * has one, else its index. Synchronous and small, as it runs once per token of the file.
 */
class CellCursor {
  /** Open arrays and objects: 1 inside the member, 0 when the member is a single scalar. */
  depth = 0;
  /** How many cells came before this one. */
  index = 0;
  private key: string | null = null;

  /** Takes a bracket or key token (true); false for a cell, which `position` then places. */
  structure(token: Token): boolean {
    switch (token.name) {
      case 'startArray':
      case 'startObject':
        this.depth++;
        return true;
      case 'endArray':
      case 'endObject':
        this.depth--;
        return true;
      case 'keyValue':
        this.key = String(token.value);
        return true;
      default:
        return false;
    }
  }

  get position(): number {
    return this.key !== null ? Number(this.key) : this.index;
  }

  /** Moves past the current cell. */
  next(): void {
    this.index++;
    this.key = null;
  }
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
  let batch = emptyBatch();
  let rows = 0;
  let saw = false;
  try {
    for await (const { key, value } of items) {
      saw = true;
      rows++;
      const item = dhis2Observation(value, key, defaults);
      if (isRowError(item)) batch.errors.push(item);
      else batch.observations.push(item);
      if (batch.observations.length >= BATCH_OBSERVATIONS) {
        batch.rows = rows;
        yield batch;
        batch = emptyBatch();
      }
    }
  } catch (error) {
    throw new ImportFileError(`the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!saw && rows === 0) {
    // An empty array is a valid (empty) import; a missing one is not a dataValueSet.
    const head = await spooledHead(file);
    if (!/"dataValues"\s*:\s*\[/.test(head))
      throw new ImportFileError('the file is not a DHIS2 dataValueSet (no "dataValues" array)');
  }
  batch.rows = rows;
  yield batch;
}

/** The data value set without its values (their set-level period, orgUnit, dataSet). */
function setHeader(file: string): Promise<unknown> {
  return documentWithout(file, 'dataValues');
}
