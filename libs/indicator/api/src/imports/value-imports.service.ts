import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import { OutboxWriter } from '@quartier/messaging';
import {
  CacheStore,
  isTerminal,
  JobRunner,
  UploadSpool,
  type JobView,
  type UploadRequest,
} from '@quartier/service-kit';
import { stat } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { tenantGeneration } from '../cache/tenant-generation';
import { CatalogueService } from '../catalogue/catalogue.service';
import { requireTenantWide } from '../common/access';
import { AreaTree } from '../common/area-tree';
import { IndicatorServiceError } from '../common/indicator-service.error';
import type { ImportFormat } from './import-formats';
import { listMappings, savedMapping, type SavedMapping } from './import-mapping.repository';
import { runValueImport } from './value-import-run';
import {
  toValueImportJob,
  VALUE_IMPORT,
  type ValueImportJob,
  type ValueImportPayload,
  type ValueImportResult,
} from './value-import.job';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;
/** Longest wait of a long poll for an import's end (below the usual proxy timeouts). */
export const MAX_WAIT_SECONDS = 30;

type ImportView = JobView<ValueImportPayload, ValueImportResult>;

/**
 * Value imports: the upload is spooled (service-kit's UploadSpool), then a `value-import` job of
 * the service's JobRunner loads it all-or-nothing (value-import-run.ts). The runner keeps the
 * job's state; this service presents it as the import API always has.
 */
@Injectable()
export class ValueImportsService implements OnModuleInit {
  constructor(
    @InjectDataSource('indicator') private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly catalogue: CatalogueService,
    private readonly areas: AreaTree,
    private readonly cache: CacheStore,
    private readonly runner: JobRunner,
    private readonly spool: UploadSpool,
  ) {}

  onModuleInit(): void {
    const deps = { db: this.db, outbox: this.outbox, catalogue: this.catalogue, areas: this.areas };
    this.runner.register(VALUE_IMPORT, async (payload, ctx) => {
      const result = await runValueImport(deps, payload, ctx);
      await this.cache.bumpGeneration(tenantGeneration(ctx.tenantId));
      return result;
    });
  }

  /**
   * A caller's upload. A file spans every area of the tenant, so importing needs a tenant-wide
   * grant; that refusal comes before any complaint about the body.
   */
  async start(
    caller: Caller,
    options: { format: ImportFormat; fileName?: string; map?: string; source?: string },
    body: UploadRequest,
  ): Promise<ValueImportJob> {
    requireTenantWide(caller.access);
    const { tenantId, subject: createdBy } = caller;
    const { format, fileName = null, source = null } = options;
    if (body.readableEnded)
      throw new IndicatorServiceError(
        'UnsupportedMediaType',
        'send the file as application/octet-stream: this body was already parsed as JSON',
      );
    // The job reads the tenant's area tree first: loaded while the file is spooled and queued
    // (after an area import ~15 ms for 1,300 areas), the job finds it ready. A failure here is
    // the job's to report, when it loads the tree itself.
    void this.areas.of(tenantId).catch(() => undefined);
    // Without a mapping of its own, a file from a known source is read as last time.
    const map =
      options.map ??
      (source ? ((await savedMapping(this.db.manager, tenantId, format, source))?.mapping ?? null) : null);
    const upload = await this.spool.receive(body, {
      maxBytes: MAX_IMPORT_BYTES,
      empty: () =>
        new IndicatorServiceError(
          'InvalidValueImport',
          'the request body is empty: send the file as the body',
        ),
    });
    return this.spool.handOver(upload, async () => {
      const payload = {
        format,
        fileName,
        file: upload.path,
        bytesTotal: upload.bytes,
        sha256: upload.sha256,
        map,
        source,
      };
      const id = await this.runner.enqueue(VALUE_IMPORT, payload, {
        tenantId,
        createdBy,
        files: [upload.path],
      });
      return toValueImportJob(await this.view(tenantId, id));
    });
  }

  /** Imports a file to completion (demo seed, benchmark, tests); the file is left where it is. */
  async importFile(
    tenantId: string,
    createdBy: string,
    format: ImportFormat,
    file: string,
    fileName: string | null = null,
  ): Promise<ValueImportJob> {
    const bytesTotal = (await stat(file)).size;
    const payload = { format, fileName, file, bytesTotal, sha256: null };
    const id = await this.runner.enqueue(VALUE_IMPORT, payload, { tenantId, createdBy });
    return toValueImportJob(await this.runner.waitFor<ValueImportPayload, ValueImportResult>(id, tenantId));
  }

  async mappings(caller: Caller): Promise<SavedMapping[]> {
    requireTenantWide(caller.access);
    return listMappings(this.db.manager, caller.tenantId);
  }

  /** An import as it is now, or — with `waitSeconds` — once it has ended or that time has passed. */
  async get(caller: Caller, id: string, waitSeconds = 0): Promise<ValueImportJob> {
    requireTenantWide(caller.access);
    const job = await this.view(caller.tenantId, id);
    if (waitSeconds <= 0 || isTerminal(job.status)) return toValueImportJob(job);
    return toValueImportJob(
      await this.runner.awaitEnd<ValueImportPayload, ValueImportResult>(
        id,
        caller.tenantId,
        waitSeconds * 1000,
      ),
    );
  }

  async list(caller: Caller, limit = 50): Promise<ValueImportJob[]> {
    requireTenantWide(caller.access);
    return (await this.runner.list(VALUE_IMPORT, caller.tenantId, limit)).map(toValueImportJob);
  }

  /** Cancels a queued or running import (a running one rolls back at its next batch). */
  async cancel(caller: Caller, id: string): Promise<ValueImportJob> {
    requireTenantWide(caller.access);
    await this.view(caller.tenantId, id);
    return toValueImportJob((await this.runner.cancel(id, caller.tenantId)) as ImportView);
  }

  private async view(tenantId: string, id: string): Promise<ImportView> {
    const job = await this.runner.find<ValueImportPayload, ValueImportResult>(id, tenantId);
    if (!job || job.kind !== VALUE_IMPORT.name)
      throw new IndicatorServiceError('ValueImportNotFound', `value import ${id} not found`);
    return job;
  }
}
