import {
  checkObservation,
  type CheckedObservation,
  type DimensionMapping,
  type RowError,
} from '@quartier/indicator-core';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { IndicatorRef } from '../catalogue/catalogue.service';
import { listedAreas } from '../events/changed-areas';
import { binaryCopyHeader, binaryCopyTrailer } from './copy-binary';
import type { ImportFormat } from './import-formats';
import { readObservations, type FormatInfo } from './observation-readers';
import { rowsPerRun, ValueRuns, type AreaKey, type AreaKeys, type ChangeSet } from './value-runs';

export type { ChangeSet } from './value-runs';

/** Stored row errors per job; all of them are counted. */
export const MAX_STORED_ERRORS = 1000;
const COPY_IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/** Every bad row of a file: the first 1,000 kept, all counted. */
export class RowErrors {
  list: RowError[] = [];
  count = 0;

  add(error: RowError): void {
    this.count++;
    if (this.list.length < MAX_STORED_ERRORS) this.list.push(error);
  }

  reset(): void {
    this.list = [];
    this.count = 0;
  }
}

export interface LoadInput {
  format: ImportFormat;
  file: string;
  /** The file's size: with the bytes read so far, how many rows it holds (the runs' size). */
  bytesTotal?: number;
  areas: AreaKeys;
  indicator: (code: string) => IndicatorRef | undefined;
  mapping?: DimensionMapping;
}

export interface LoadProgress {
  bytes: number;
  rows: number;
  observations: number;
}

/**
 * A way to load the file into the transaction: the fast direct COPY or the staging table that
 * reports every bad row. Both fill `errors` and `progress` and call `afterBatch` between batches.
 */
export type LoadPass = (
  client: PoolClient,
  input: LoadInput,
  errors: RowErrors,
  progress: LoadProgress,
  afterBatch: () => void,
) => Promise<Map<string, ChangeSet>>;

type Checked = CheckedObservation<AreaKey, IndicatorRef>;

/** A COPY stream and the error it ended with, if any. */
class CopyStream {
  readonly stream: Writable;
  error: Error | null = null;
  private readonly done: Promise<void>;

  constructor(client: PoolClient, sql: string) {
    this.stream = client.query(copyFrom(sql)) as Writable;
    this.done = new Promise<void>((resolve) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', (error) => {
        this.error = error;
        resolve();
      });
    });
  }

  get room(): boolean {
    return this.error === null && this.stream.writableLength <= COPY_IN_FLIGHT_BYTES;
  }

  /** Writes a chunk; waits while more than 4 MB are in flight (PostgreSQL works meanwhile). */
  async write(chunk: Buffer | string): Promise<void> {
    if (this.error) return;
    this.stream.write(chunk);
    if (!this.room && !this.error) await new Promise((resolve) => this.stream.once('drain', resolve));
  }

  async end(): Promise<void> {
    this.stream.end();
    await this.done;
    if (this.error) throw this.error;
  }
}

/**
 * Reads the file batch by batch and validates every observation; `onValid` gets the valid ones.
 * `afterBatch` runs between batches (progress, cancellation checkpoint); `stop` ends the read
 * early (a bad row on the fast path, a failed COPY).
 */
async function readChecked(
  input: LoadInput,
  errors: RowErrors,
  progress: LoadProgress,
  onValid: (o: Checked, column: string) => void,
  afterBatch: () => Promise<boolean>,
): Promise<void> {
  errors.reset();
  progress.observations = 0;
  const info: FormatInfo = { dialect: 'quartier', decimalComma: false, mapping: input.mapping };
  const byCode = input.areas.byCode;
  const lookups = { area: (code: string) => byCode.get(code), indicator: input.indicator };
  for await (const batch of readObservations(
    input.format,
    input.file,
    { onBytes: (b) => (progress.bytes = b) },
    info,
  )) {
    for (const e of batch.errors) errors.add(e);
    const options = { dialect: info.dialect, decimalComma: info.decimalComma };
    for (const raw of batch.observations) {
      const checked = checkObservation(raw, lookups, options);
      if (!checked.ok) {
        for (const e of checked.errors) errors.add(e);
        continue;
      }
      progress.observations++;
      onValid(checked.observation, raw.column);
    }
    progress.rows = batch.rows;
    if (!(await afterBatch())) return;
  }
}

const DIRECT_COPY = `COPY indicator_value (indicator_id, area_id, period, status, value, numerator, denominator, definition_version) FROM STDIN WITH (FORMAT binary)`;

/**
 * The fast path: every observation validated and the valid ones COPYed straight into
 * `indicator_value` in key order, run by run (value-runs.ts): while a full run is written
 * (PostgreSQL inserting it), the next is read. Gives up at the first bad row (the staging pass
 * then reports them all); a key repeated within a run throws RepeatedKey, one repeated across
 * runs or already stored fails the COPY with a unique violation — either way the staging pass
 * follows. Tenant and source come from the column defaults (transaction settings).
 */
export const directPass: LoadPass = async (client, input, errors, progress, afterBatch) => {
  const runs = new ValueRuns(input.areas);
  const copy = new CopyStream(client, DIRECT_COPY);
  let writing: Generator<Buffer> | null = null;
  // Writes what fits without waiting; with `all`, the whole run.
  const pump = async (all: boolean) => {
    while (writing && (all || copy.room) && !copy.error) {
      const next = writing.next();
      if (next.done) writing = null;
      else await copy.write(next.value);
    }
  };
  try {
    await copy.write(binaryCopyHeader());
    await readChecked(
      input,
      errors,
      progress,
      (o) => runs.add(o),
      async () => {
        afterBatch();
        if (copy.error || errors.count > 0) return false;
        if (input.bytesTotal && progress.bytes > 0)
          runs.runRows = rowsPerRun(
            (input.bytesTotal * progress.observations) / progress.bytes,
            progress.observations,
          );
        if (runs.full) {
          await pump(true);
          writing = runs.take();
        }
        await pump(false);
        return true;
      },
    );
    if (errors.count === 0 && !copy.error) {
      await pump(true);
      writing = runs.take();
      await pump(true);
    }
  } finally {
    // Whatever was written ends as a complete COPY; a failed fast path is rolled back anyway.
    if (!copy.error) copy.stream.write(binaryCopyTrailer());
    await copy.end().catch((error: unknown) => {
      if (!copy.error) throw error;
    });
  }
  if (copy.error) throw copy.error;
  return runs.changes();
};

/** A float as COPY text: shortest round-trip representation, `\N` for null. */
const num = (v: number | null) => (v === null ? '\\N' : String(v));
const STATUS_CODE = { value: 'v', suppressed: 's', missing: 'm' } as const;
const STAGING_COPY = `COPY value_staging (line, col, indicator_id, area_id, period, status, value, numerator, denominator, definition_version) FROM STDIN`;

/**
 * The slow path: every valid row into `value_staging` with its line and column (text COPY), the
 * whole file read so that every bad row is reported.
 */
export const stagingPass: LoadPass = async (client, input, errors, progress, afterBatch) => {
  const changes = new Map<string, { ref: IndicatorRef; periods: Set<string>; areas: Set<string> }>();
  const copy = new CopyStream(client, STAGING_COPY);
  let text = '';
  try {
    await readChecked(
      input,
      errors,
      progress,
      (o, column) => {
        // The column name is free text from the file: nothing in it may break COPY's text format.
        // eslint-disable-next-line no-control-regex -- NUL cannot be stored at all
        const col = column.replace(/[\t\\\n\r\u0000]/g, ' ');
        text += `${o.line}\t${col}\t${o.indicator.id}\t${o.area.id}\t${o.period}\t${STATUS_CODE[o.status]}\t${num(o.value)}\t${num(o.numerator)}\t${num(o.denominator)}\t${o.indicator.version}\n`;
        let change = changes.get(o.indicator.id);
        if (!change)
          changes.set(o.indicator.id, (change = { ref: o.indicator, periods: new Set(), areas: new Set() }));
        change.periods.add(o.period);
        change.areas.add(o.area.id);
      },
      async () => {
        afterBatch();
        if (copy.error) return false;
        if (text.length > 0) await copy.write(text);
        text = '';
        return true;
      },
    );
  } finally {
    await copy.end().catch((error: unknown) => {
      if (!copy.error) throw error;
    });
  }
  if (copy.error) throw copy.error;
  return new Map(
    [...changes].map(([id, c]) => [id, { ref: c.ref, periods: c.periods, areaIds: listedAreas(c.areas) }]),
  );
};
