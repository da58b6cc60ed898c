import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkObservation, type RowError } from '@quartier/indicator-core';
import { OutboxWriter } from '@quartier/messaging';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import { ValueCache } from '../cache/value-cache';
import { CatalogueService, type IndicatorRef } from '../catalogue/catalogue.service';
import { AreaTree } from '../common/area-tree';
import { IndicatorServiceError } from '../common/indicator-service.error';
import type { ImportFormat } from './import-formats';
import { binaryCopyHeader, binaryCopyTrailer, uuidBytes, ValueRowWriter } from './copy-binary';
import { ImportFileError, readObservations, type FormatInfo } from './observation-readers';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;
/** Stored row errors per job; all of them are counted. */
export const MAX_STORED_ERRORS = 1000;

export type ValueImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ValueImportJob {
  id: string;
  format: ImportFormat;
  fileName: string | null;
  status: ValueImportStatus;
  /** Share of the file read, 0…1 (the progress bar). */
  progress: number;
  bytesTotal: number;
  bytesRead: number;
  rowsRead: number;
  observations: number;
  errorCount: number;
  errors: RowError[];
  indicators: string[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface ChangeSet {
  ref: IndicatorRef;
  periods: Set<string>;
  areas: Set<string>;
}

const COPY_IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/** Validation found bad rows: roll back. */
class ImportRejected extends Error {}

const STATUS_CODE = { value: 'v', suppressed: 's', missing: 'm' } as const;
const STATUS_BYTES = {
  value: Buffer.from('value'),
  suppressed: Buffer.from('suppressed'),
  missing: Buffer.from('missing'),
} as const;

/** A float as COPY text: shortest round-trip representation, `\N` for null. */
const num = (v: number | null) => (v === null ? '\\N' : String(v));

/**
 * Value imports, all-or-nothing per file. The upload is spooled to disk; then, inside ONE
 * transaction, the file is streamed through its format reader, each observation validated in
 * process (area/indicator codes, period, numbers) and the valid ones streamed with COPY:
 * - first straight into `indicator_value` (new periods — the bulk case — cost one COPY); the
 *   primary key catches a key repeated in the file or already stored (unique violation);
 * - on such a violation, or on any bad row, the load is rolled back to a savepoint and the file
 *   goes through a temporary staging table instead: every row validated, duplicates listed by
 *   a window query, and the valid rows merged with `INSERT … ON CONFLICT DO UPDATE` (which
 *   also refuses a key twice, so duplicates cannot slip through).
 * Any bad row rolls everything back; the job lists every bad row (the first 1,000 stored, all
 * counted). The events (`indicator.values.changed`, one per indicator) go into the outbox in the
 * same transaction, so they are published only after the commit.
 */
@Injectable()
export class ValueImportsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ValueImportsService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource('indicator') private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly catalogue: CatalogueService,
    private readonly areas: AreaTree,
    private readonly cache: ValueCache,
  ) {}

  async start(
    tenantId: string,
    createdBy: string,
    format: ImportFormat,
    fileName: string | null,
    body: Readable,
  ): Promise<ValueImportJob> {
    const dir = join(tmpdir(), 'quartier-indicator-imports');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${randomUUID()}.upload`);
    let bytes = 0;
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES)
        body.destroy(
          new IndicatorServiceError(
            'InvalidValueImport',
            `the file is larger than ${MAX_IMPORT_BYTES / 1024 ** 3} GB`,
          ),
        );
    });
    try {
      await pipeline(body, createWriteStream(file));
    } catch (error) {
      await rm(file, { force: true });
      if (error instanceof IndicatorServiceError) throw error;
      throw new IndicatorServiceError('InvalidValueImport', `upload failed: ${(error as Error).message}`);
    }
    if (bytes === 0) {
      await rm(file, { force: true });
      throw new IndicatorServiceError(
        'InvalidValueImport',
        'the request body is empty: send the file as the body',
      );
    }
    const id = await this.createJob(tenantId, createdBy, format, fileName, bytes);
    const run = this.run(id, tenantId, format, file).finally(() => {
      this.running.delete(run);
      return rm(file, { force: true });
    });
    this.running.add(run);
    return this.get(tenantId, id);
  }

  /** Imports a file to completion (demo seed, benchmark, tests). */
  async importFile(
    tenantId: string,
    createdBy: string,
    format: ImportFormat,
    file: string,
    fileName: string | null = null,
  ): Promise<ValueImportJob> {
    const id = await this.createJob(tenantId, createdBy, format, fileName, (await stat(file)).size);
    await this.run(id, tenantId, format, file);
    return this.get(tenantId, id);
  }

  async get(tenantId: string, id: string): Promise<ValueImportJob> {
    const rows = await this.db.query(`SELECT * FROM value_import WHERE id = $1 AND tenant_id = $2`, [
      id,
      tenantId,
    ]);
    if (rows.length === 0)
      throw new IndicatorServiceError('ValueImportNotFound', `value import ${id} not found`);
    return toJob(rows[0]);
  }

  async list(tenantId: string, limit = 50): Promise<ValueImportJob[]> {
    const rows = await this.db.query(
      `SELECT id, tenant_id, format, file_name, status, bytes_total, bytes_read, rows_read, observations, error_count, '[]'::jsonb AS errors, indicators, message, created_at, finished_at
         FROM value_import WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map(toJob);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async createJob(
    tenantId: string,
    createdBy: string,
    format: ImportFormat,
    fileName: string | null,
    bytes: number,
  ): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO value_import (tenant_id, format, file_name, status, bytes_total, created_by) VALUES ($1, $2, $3, 'queued', $4, $5) RETURNING id`,
      [tenantId, format, fileName, bytes, createdBy],
    );
    return id;
  }

  private async run(jobId: string, tenantId: string, format: ImportFormat, file: string): Promise<void> {
    const progress = { bytes: 0, rows: 0, observations: 0 };
    let lastReport = 0;
    const report = (force = false) => {
      if (!force && Date.now() - lastReport < 300) return;
      lastReport = Date.now();
      // Own connection, outside the import transaction: the portal polls this while it runs.
      void this.db
        .query(
          `UPDATE value_import SET bytes_read = $2, rows_read = $3, observations = $4 WHERE id = $1 AND status = 'running'`,
          [jobId, progress.bytes, progress.rows, progress.observations],
        )
        .catch(() => undefined);
    };
    await this.db.query(`UPDATE value_import SET status = 'running', started_at = now() WHERE id = $1`, [
      jobId,
    ]);
    const errors: RowError[] = [];
    let errorCount = 0;
    const addError = (e: RowError) => {
      errorCount++;
      if (errors.length < MAX_STORED_ERRORS) errors.push(e);
    };
    let changes = new Map<string, ChangeSet>();
    const sourceId = `import:${jobId}`;
    try {
      await this.db.transaction(async (manager) => {
        const refs = await this.catalogue.refs(tenantId, manager);
        const tree = await this.areas.of(tenantId, manager);
        const areaIds = new Map([...tree.byCode].map(([code, a]) => [code, a.id]));
        const lookups = {
          area: (code: string) => areaIds.get(code),
          indicator: (code: string) => refs.get(code),
        };
        // Binary field values, computed once per distinct area, indicator, period.
        const uuidCache = new Map<string, Buffer>();
        const uuid = (id: string) =>
          uuidCache.get(id) ?? (uuidCache.set(id, uuidBytes(id)), uuidCache.get(id) as Buffer);
        const periodCache = new Map<string, Buffer>();
        const periodBytes = (p: string) =>
          periodCache.get(p) ?? (periodCache.set(p, Buffer.from(p)), periodCache.get(p) as Buffer);
        const client = (await manager.queryRunner!.connect()) as PoolClient;
        await manager.query(
          `SELECT set_config('quartier.tenant_id', $1, true), set_config('quartier.source_id', $2, true)`,
          [tenantId, sourceId],
        );

        /**
         * One pass over the file: validate every observation, stream the valid ones into COPY.
         * `direct` loads straight into indicator_value and gives up at the first bad row (the
         * staging pass then reports everything); `staging` loads every valid row into the
         * staging table and reads on to the end.
         */
        const pass = async (mode: 'direct' | 'staging'): Promise<void> => {
          changes = new Map();
          errors.length = 0;
          errorCount = 0;
          progress.observations = 0;
          const target =
            mode === 'direct'
              ? `COPY indicator_value (indicator_id, area_id, period, status, value, numerator, denominator, definition_version) FROM STDIN WITH (FORMAT binary)`
              : `COPY value_staging (line, col, indicator_id, area_id, period, status, value, numerator, denominator, definition_version) FROM STDIN`;
          const copy = client.query(copyFrom(target)) as Writable;
          let copyError: Error | null = null;
          const copyDone = new Promise<void>((resolve) => {
            copy.on('finish', resolve);
            copy.on('error', (error) => {
              copyError = error;
              resolve();
            });
          });
          const info: FormatInfo = { dialect: 'quartier', decimalComma: false };
          const rows = new ValueRowWriter();
          if (mode === 'direct') copy.write(binaryCopyHeader());
          try {
            for await (const batch of readObservations(
              format,
              file,
              { onBytes: (b) => (progress.bytes = b) },
              info,
            )) {
              for (const e of batch.errors) addError(e);
              let text = '';
              for (const raw of batch.observations) {
                const checked = checkObservation(raw, lookups, {
                  dialect: info.dialect,
                  decimalComma: info.decimalComma,
                });
                if (!checked.ok) {
                  for (const e of checked.errors) addError(e);
                  continue;
                }
                const o = checked.observation;
                progress.observations++;
                if (mode === 'direct') {
                  rows.row(
                    uuid(o.indicator.id),
                    uuid(o.area),
                    periodBytes(o.period),
                    STATUS_BYTES[o.status],
                    o.value,
                    o.numerator,
                    o.denominator,
                    o.indicator.version,
                  );
                } else {
                  const col = /[\t\\\n\r]/.test(raw.column)
                    ? raw.column.replace(/[\t\\\n\r]/g, ' ')
                    : raw.column;
                  text += `${o.line}\t${col}\t${o.indicator.id}\t${o.area}\t${o.period}\t${STATUS_CODE[o.status]}\t${num(o.value)}\t${num(o.numerator)}\t${num(o.denominator)}\t${o.indicator.version}\n`;
                }
                let change = changes.get(o.indicator.id);
                if (!change)
                  changes.set(
                    o.indicator.id,
                    (change = { ref: o.indicator, periods: new Set(), areas: new Set() }),
                  );
                change.periods.add(o.period);
                change.areas.add(o.area);
              }
              progress.rows = batch.rows;
              report();
              if (copyError || (mode === 'direct' && errorCount > 0)) break;
              // Keep up to 4 MB in flight, so PostgreSQL has rows to work on while the next
              // batch is parsed (waiting for every 'drain' would idle one side at a time).
              if (text.length > 0) copy.write(text);
              if (rows.length > 0) copy.write(rows.take());
              if (copy.writableLength > COPY_IN_FLIGHT_BYTES)
                await new Promise((resolve) =>
                  copyError ? resolve(undefined) : copy.once('drain', resolve),
                );
            }
          } finally {
            if (mode === 'direct' && !copyError) copy.write(binaryCopyTrailer());
            copy.end();
            await copyDone;
          }
          if (copyError) throw copyError;
        };

        // Fast path: most loads add periods that are not stored yet, so the rows go straight
        // into the value table. A bad row, a repeated key within the file or an existing
        // value (unique violation) sends the file through the staging pass instead.
        await manager.query('SAVEPOINT direct_load');
        let direct = true;
        try {
          await pass('direct');
          if (errorCount > 0) direct = false;
        } catch (error) {
          if (error instanceof ImportFileError) throw error;
          if ((error as { code?: string }).code !== '23505') throw error;
          direct = false;
        }
        if (!direct) {
          await manager.query('ROLLBACK TO SAVEPOINT direct_load');
          await manager.query(
            `CREATE TEMP TABLE value_staging (
               line integer NOT NULL, col text NOT NULL, indicator_id uuid NOT NULL, area_id uuid NOT NULL, period text NOT NULL,
               status "char" NOT NULL, value double precision, numerator double precision, denominator double precision, definition_version integer NOT NULL
             ) ON COMMIT DROP`,
          );
          await pass('staging');
          if (errorCount > 0) {
            await this.reportDuplicates(manager, addError);
            throw new ImportRejected();
          }
          await manager.query('SAVEPOINT merge');
          try {
            await manager.query(
              `INSERT INTO indicator_value (tenant_id, indicator_id, period, area_id, status, value, numerator, denominator, definition_version, source_id, updated_at)
               SELECT $1, indicator_id, period, area_id, CASE status WHEN 'v' THEN 'value' WHEN 's' THEN 'suppressed' ELSE 'missing' END,
                      value, numerator, denominator, definition_version, $2, now()
                 FROM value_staging
               ON CONFLICT (indicator_id, period, area_id) DO UPDATE SET
                 status = EXCLUDED.status, value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
                 definition_version = EXCLUDED.definition_version, source_id = EXCLUDED.source_id, updated_at = EXCLUDED.updated_at`,
              [tenantId, sourceId],
            );
          } catch (error) {
            // 21000: ON CONFLICT DO UPDATE met the same key twice — the file has duplicates.
            if ((error as { code?: string }).code !== '21000') throw error;
            await manager.query('ROLLBACK TO SAVEPOINT merge');
            await this.reportDuplicates(manager, addError);
            throw new ImportRejected();
          }
        }
        await this.outbox.appendMany(
          manager,
          [...changes.values()].map((c) => ({
            type: 'indicator.values.changed' as const,
            payload: {
              tenantId,
              indicatorCode: c.ref.code,
              definitionVersion: c.ref.version,
              periods: [...c.periods].sort(),
              areaIds: [...c.areas],
              sourceId,
            },
            meta: { tenantId, key: `${tenantId}:${c.ref.code}` },
          })),
        );
      });
      await this.cache.invalidate(tenantId);
      await this.db.query(
        `UPDATE value_import SET status = 'succeeded', bytes_read = bytes_total, rows_read = $2, observations = $3, indicators = $4, finished_at = now(),
                message = $5 WHERE id = $1`,
        [
          jobId,
          progress.rows,
          progress.observations,
          [...changes.values()].map((c) => c.ref.code).sort(),
          `${progress.observations} value(s) imported`,
        ],
      );
    } catch (error) {
      let message: string;
      if (error instanceof ImportRejected) message = `${errorCount} invalid row(s); nothing was imported`;
      else if (error instanceof ImportFileError) {
        message = `${error.message}; nothing was imported`;
        addError({ line: error.line ?? 0, column: '', reason: 'malformed', message: error.message });
      } else {
        this.logger.error((error as Error).stack);
        message = `import failed: ${(error as Error).message}; nothing was imported`;
      }
      errors.sort((a, b) => a.line - b.line);
      await this.db.query(
        `UPDATE value_import SET status = 'failed', bytes_read = $2, rows_read = $3, observations = 0, error_count = $4, errors = $5, message = $6, finished_at = now() WHERE id = $1`,
        [jobId, progress.bytes, progress.rows, errorCount, JSON.stringify(errors), message],
      );
    }
  }

  /** Every repeated (indicator, area, period) after its first occurrence, with that line. */
  private async reportDuplicates(manager: EntityManager, addError: (e: RowError) => void): Promise<void> {
    const rows: { line: number; col: string; first: number }[] = await manager.query(
      `SELECT line, col, first FROM (
         SELECT line, col, min(line) OVER w AS first, count(*) OVER w AS n, row_number() OVER (PARTITION BY indicator_id, area_id, period ORDER BY line, col) AS k
           FROM value_staging WINDOW w AS (PARTITION BY indicator_id, area_id, period)) d
        WHERE n > 1 AND k > 1 ORDER BY line`,
    );
    for (const r of rows)
      addError({
        line: r.line,
        column: r.col,
        reason: 'duplicate',
        message: `duplicate of line ${r.first}: same area, period and indicator`,
      });
  }
}

interface JobRow {
  id: string;
  format: ImportFormat;
  file_name: string | null;
  status: ValueImportStatus;
  bytes_total: string;
  bytes_read: string;
  rows_read: number;
  observations: number;
  error_count: number;
  errors: RowError[];
  indicators: string[];
  message: string | null;
  created_at: Date;
  finished_at: Date | null;
}

function toJob(row: JobRow): ValueImportJob {
  const total = Number(row.bytes_total);
  const done = row.status === 'succeeded' || row.status === 'failed';
  return {
    id: row.id,
    format: row.format,
    fileName: row.file_name,
    status: row.status,
    progress: done ? 1 : total > 0 ? Math.min(1, Number(row.bytes_read) / total) : 0,
    bytesTotal: total,
    bytesRead: Number(row.bytes_read),
    rowsRead: row.rows_read,
    observations: row.observations,
    errorCount: row.error_count,
    errors: row.errors,
    indicators: row.indicators,
    message: row.message,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}
