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
import { binaryCopyHeader, binaryCopyTrailer, uuidBytes, ValueRowWriter } from './copy-binary';
import type { ImportFormat } from './import-formats';
import { readObservations, type FormatInfo } from './observation-readers';

/** Stored row errors per job; all of them are counted. */
export const MAX_STORED_ERRORS = 1000;
const COPY_IN_FLIGHT_BYTES = 4 * 1024 * 1024;

export type LoadMode = 'direct' | 'staging';

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

export interface ChangeSet {
  ref: IndicatorRef;
  periods: Set<string>;
  areas: Set<string>;
}

export interface LoadInput {
  format: ImportFormat;
  file: string;
  area: (code: string) => string | undefined;
  indicator: (code: string) => IndicatorRef | undefined;
  mapping?: DimensionMapping;
}

export interface LoadProgress {
  bytes: number;
  rows: number;
  observations: number;
}

const STATUS_CODE = { value: 'v', suppressed: 's', missing: 'm' } as const;
const STATUS_BYTES = {
  value: Buffer.from('value'),
  suppressed: Buffer.from('suppressed'),
  missing: Buffer.from('missing'),
} as const;

/** A float as COPY text: shortest round-trip representation, `\N` for null. */
const num = (v: number | null) => (v === null ? '\\N' : String(v));

type Checked = CheckedObservation<string, IndicatorRef>;

/** Field values in COPY's encodings, computed once per distinct area, indicator and period. */
class RowEncoder {
  private readonly uuids = new Map<string, Buffer>();
  private readonly periods = new Map<string, Buffer>();
  readonly binary = new ValueRowWriter();
  text = '';

  constructor(private readonly mode: LoadMode) {}

  add(o: Checked, column: string): void {
    if (this.mode === 'direct') {
      this.binary.row(
        this.uuid(o.indicator.id),
        this.uuid(o.area),
        this.period(o.period),
        STATUS_BYTES[o.status],
        o.value,
        o.numerator,
        o.denominator,
        o.indicator.version,
      );
      return;
    }
    // The column name is free text from the file: nothing in it may break COPY's text format.
    // eslint-disable-next-line no-control-regex -- NUL cannot be stored at all
    const col = column.replace(/[\t\\\n\r\u0000]/g, ' ');
    this.text += `${o.line}\t${col}\t${o.indicator.id}\t${o.area}\t${o.period}\t${STATUS_CODE[o.status]}\t${num(o.value)}\t${num(o.numerator)}\t${num(o.denominator)}\t${o.indicator.version}\n`;
  }

  /** What the batch encoded, ready for COPY; empties the encoder. */
  take(): Buffer | string | null {
    if (this.mode === 'direct') return this.binary.length > 0 ? this.binary.take() : null;
    const text = this.text;
    this.text = '';
    return text.length > 0 ? text : null;
  }

  private uuid(id: string): Buffer {
    return this.uuids.get(id) ?? (this.uuids.set(id, uuidBytes(id)), this.uuids.get(id) as Buffer);
  }

  private period(p: string): Buffer {
    return this.periods.get(p) ?? (this.periods.set(p, Buffer.from(p)), this.periods.get(p) as Buffer);
  }
}

const COPY_TARGET: Record<LoadMode, string> = {
  direct: `COPY value_load (indicator_id, area_id, period, status, value, numerator, denominator, definition_version) FROM STDIN WITH (FORMAT binary)`,
  staging: `COPY value_staging (line, col, indicator_id, area_id, period, status, value, numerator, denominator, definition_version) FROM STDIN`,
};

/**
 * One pass over the file: every observation validated, the valid ones streamed into COPY.
 * `direct` loads into `value_load` (then inserted in key order, see value-load.repository.ts) and gives up
 * at the first bad row (the staging pass then reports everything); `staging` loads every valid
 * row and reads on to the end.
 * `afterBatch` runs between batches (progress, cancellation checkpoint).
 */
export async function copyPass(
  client: PoolClient,
  mode: LoadMode,
  input: LoadInput,
  errors: RowErrors,
  progress: LoadProgress,
  afterBatch: () => void,
): Promise<Map<string, ChangeSet>> {
  const changes = new Map<string, ChangeSet>();
  errors.reset();
  progress.observations = 0;
  const copy = client.query(copyFrom(COPY_TARGET[mode])) as Writable;
  let copyError: Error | null = null;
  const copyDone = new Promise<void>((resolve) => {
    copy.on('finish', resolve);
    copy.on('error', (error) => {
      copyError = error;
      resolve();
    });
  });
  const info: FormatInfo = { dialect: 'quartier', decimalComma: false, mapping: input.mapping };
  const encoder = new RowEncoder(mode);
  const lookups = { area: input.area, indicator: input.indicator };
  if (mode === 'direct') copy.write(binaryCopyHeader());
  try {
    for await (const batch of readObservations(
      input.format,
      input.file,
      { onBytes: (b) => (progress.bytes = b) },
      info,
    )) {
      for (const e of batch.errors) errors.add(e);
      for (const raw of batch.observations) {
        const checked = checkObservation(raw, lookups, {
          dialect: info.dialect,
          decimalComma: info.decimalComma,
        });
        if (!checked.ok) {
          for (const e of checked.errors) errors.add(e);
          continue;
        }
        progress.observations++;
        encoder.add(checked.observation, raw.column);
        noteChange(changes, checked.observation);
      }
      progress.rows = batch.rows;
      afterBatch();
      if (copyError || (mode === 'direct' && errors.count > 0)) break;
      // Keep up to 4 MB in flight, so PostgreSQL has rows to work on while the next batch is
      // parsed (waiting for every 'drain' would idle one side at a time).
      const chunk = encoder.take();
      if (chunk !== null) copy.write(chunk);
      if (copy.writableLength > COPY_IN_FLIGHT_BYTES)
        await new Promise((resolve) => (copyError ? resolve(undefined) : copy.once('drain', resolve)));
    }
  } finally {
    if (mode === 'direct' && !copyError) copy.write(binaryCopyTrailer());
    copy.end();
    await copyDone;
  }
  if (copyError) throw copyError;
  return changes;
}

function noteChange(changes: Map<string, ChangeSet>, o: Checked): void {
  let change = changes.get(o.indicator.id);
  if (!change)
    changes.set(o.indicator.id, (change = { ref: o.indicator, periods: new Set(), areas: new Set() }));
  change.periods.add(o.period);
  change.areas.add(o.area);
}
