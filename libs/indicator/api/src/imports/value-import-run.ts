import { Logger } from '@nestjs/common';
import { loggableError } from '@quartier/observability';
import type { OutboxWriter } from '@quartier/messaging';
import { JobFailure, type JobContext } from '@quartier/service-kit';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { AreaTree, TenantAreas } from '../common/area-tree';
import {
  directPass,
  RowErrors,
  stagingPass,
  type ChangeSet,
  type LoadInput,
  type LoadProgress,
} from './value-copy-loader';
import type { ValueImportFailure, ValueImportPayload, ValueImportResult } from './value-import.job';
import {
  abandonDirectLoad,
  beginDirectLoad,
  createStaging,
  mergeStaging,
  prepareDirectLoad,
  stagedDuplicates,
} from './value-load.repository';
import { AreaKeys, RepeatedKey } from './value-runs';
import { ImportFileError } from './observation-readers';
import { saveMapping } from './import-mapping.repository';
import { parseDimensionMapping } from '@quartier/indicator-core';

/** Validation found bad rows: roll back. */
class ImportRejected extends Error {}

export interface ValueImportDeps {
  db: DataSource;
  outbox: OutboxWriter;
  catalogue: CatalogueService;
  areas: AreaTree;
}

const logger = new Logger('ValueImport');

/** Keys per state of the tenant's areas (the tree is one object until the read model changes). */
const keysOfTree = new WeakMap<TenantAreas, AreaKeys>();
function areaKeysOf(tree: TenantAreas): AreaKeys {
  let keys = keysOfTree.get(tree);
  if (!keys) {
    keys = new AreaKeys([...tree.byCode].map(([code, a]) => [code, a.id] as const));
    keysOfTree.set(tree, keys);
  }
  return keys;
}

/**
 * One value import, all-or-nothing per file, inside ONE transaction: the file is streamed through
 * its format reader, each observation validated in process and the valid ones streamed with COPY:
 * - straight into `indicator_value`, buffered and written in key order run by run (new periods —
 *   the bulk case — cost one COPY; see value-runs.ts); the primary key catches a key already
 *   stored (unique violation), the runs one repeated in the file;
 * - on such a repeat, or on any bad row, the load is rolled back to a savepoint and the file
 *   goes through a temporary staging table instead: every row validated, duplicates listed by a
 *   window query, and the valid rows merged (see value-load.repository.ts).
 * Any bad row rolls everything back and fails the job with every bad row (the first 1,000 stored,
 * all counted). The events (`indicator.values.changed`, one per indicator) go into the outbox in
 * the same transaction, so they are published only after the commit.
 */
export async function runValueImport(
  deps: ValueImportDeps,
  payload: ValueImportPayload,
  ctx: JobContext,
): Promise<ValueImportResult> {
  const progress: LoadProgress = { bytes: 0, rows: 0, observations: 0 };
  const errors = new RowErrors();
  const note = () =>
    ctx.progress(payload.bytesTotal > 0 ? progress.bytes / payload.bytesTotal : 0, {
      rows: progress.rows,
      detail: { bytesRead: progress.bytes, observations: progress.observations },
    });
  // Between batches: a cancel or shutdown stops the load there and the transaction rolls back.
  const report = () => {
    note();
    ctx.checkpoint();
  };
  try {
    const changes = await deps.db.transaction((manager) =>
      load(deps, manager, payload, ctx, errors, progress, report),
    );
    note();
    return {
      observations: progress.observations,
      rowsRead: progress.rows,
      indicators: [...changes.values()].map((c) => c.ref.code).sort(),
      message: `${progress.observations} value(s) imported`,
    };
  } catch (error) {
    ctx.progress(payload.bytesTotal > 0 ? progress.bytes / payload.bytesTotal : 0, {
      rows: progress.rows,
      detail: { bytesRead: progress.bytes, observations: 0 },
    });
    throw failureOf(error, errors, ctx);
  }
}

async function load(
  deps: ValueImportDeps,
  manager: EntityManager,
  payload: ValueImportPayload,
  ctx: JobContext,
  errors: RowErrors,
  progress: LoadProgress,
  afterBatch: () => void,
): Promise<Map<string, ChangeSet>> {
  const sourceId = `import:${ctx.id}`;
  const refs = await deps.catalogue.refs(ctx.tenantId, manager);
  const tree = await deps.areas.of(ctx.tenantId, manager);
  const areas = areaKeysOf(tree);
  const mapping = payload.map ? parseDimensionMapping(payload.map) : null;
  if (mapping && !mapping.ok) throw new ImportFileError(`map: ${mapping.message}`);
  const input: LoadInput = {
    format: payload.format,
    file: payload.file,
    bytesTotal: payload.bytesTotal,
    areas,
    indicator: (code) => refs.get(code),
    ...(mapping?.ok ? { mapping: mapping.mapping } : {}),
  };
  const client = (await manager.queryRunner!.connect()) as PoolClient;
  // Fast path: most loads add periods that are not stored yet, so the rows go into the value
  // table with one COPY. A bad row, a repeated key within the file or an existing value (unique
  // violation) sends the file through the staging pass instead.
  await beginDirectLoad(manager);
  let changes: Map<string, ChangeSet> | null = null;
  try {
    await prepareDirectLoad(manager, ctx.tenantId, sourceId);
    const loaded = await directPass(client, input, errors, progress, afterBatch);
    if (errors.count === 0) changes = loaded;
  } catch (error) {
    if (!(error instanceof RepeatedKey) && (error as { code?: string }).code !== '23505') throw error;
  }
  if (!changes) {
    await abandonDirectLoad(manager);
    await createStaging(manager);
    changes = await stagingPass(client, input, errors, progress, afterBatch);
    if (errors.count > 0 || !(await mergeStaging(manager, ctx.tenantId, sourceId))) {
      for (const r of await stagedDuplicates(manager))
        errors.add({
          line: r.line,
          column: r.col,
          reason: 'duplicate',
          message: `duplicate of line ${r.first}: same area, period and indicator`,
        });
      throw new ImportRejected();
    }
  }
  await deps.outbox.appendMany(
    manager,
    [...changes.values()].map((c) => ({
      type: 'indicator.values.changed' as const,
      payload: {
        tenantId: ctx.tenantId,
        indicatorCode: c.ref.code,
        definitionVersion: c.ref.version,
        periods: [...c.periods].sort(),
        areaIds: c.areaIds,
        sourceId,
      },
      meta: { tenantId: ctx.tenantId, key: `${ctx.tenantId}:${c.ref.code}` },
    })),
  );
  // Committed with the values: a mapping is kept for its source only when it imported a file.
  if (payload.source && payload.map)
    await saveMapping(manager, ctx.tenantId, {
      format: payload.format,
      source: payload.source,
      mapping: payload.map,
      updatedBy: ctx.createdBy,
    });
  return changes;
}

/** Why nothing was imported, with every bad row; a stop (cancel, shutdown) passes through as it is. */
function failureOf(error: unknown, errors: RowErrors, ctx: JobContext): unknown {
  if (ctx.signal.aborted) return error;
  let message: string;
  if (error instanceof ImportRejected) message = `${errors.count} invalid row(s); nothing was imported`;
  else if (error instanceof ImportFileError) {
    message = `${error.message}; nothing was imported`;
    errors.add({ line: error.line ?? 0, column: '', reason: 'malformed', message: error.message });
  } else {
    // The error may quote the cell it choked on: the upload's content stays out of the log.
    logger.error(loggableError(error));
    message = `import failed: ${(error as Error)?.message ?? String(error)}; nothing was imported`;
  }
  const details: ValueImportFailure = {
    errors: [...errors.list].sort((a, b) => a.line - b.line),
    errorCount: errors.count,
  };
  return new JobFailure('InvalidValueImport', message, details);
}
