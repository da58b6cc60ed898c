import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import { JobRunner, UploadSpool, type JobView, type UploadRequest } from '@quartier/service-kit';
import { stat } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { ValueCache } from '../cache/value-cache';
import { CatalogueService } from '../catalogue/catalogue.service';
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
    private readonly cache: ValueCache,
    private readonly runner: JobRunner,
    private readonly spool: UploadSpool,
  ) {}

  onModuleInit(): void {
    const deps = { db: this.db, outbox: this.outbox, catalogue: this.catalogue, areas: this.areas };
    this.runner.register(VALUE_IMPORT, async (payload, ctx) => {
      const result = await runValueImport(deps, payload, ctx);
      await this.cache.invalidate(ctx.tenantId);
      return result;
    });
  }

  async start(
    tenantId: string,
    createdBy: string,
    format: ImportFormat,
    fileName: string | null,
    body: UploadRequest,
    dimensions: { map: string | null; source: string | null } = { map: null, source: null },
  ): Promise<ValueImportJob> {
    // Without a mapping of its own, a file from a known source is read as last time.
    const map =
      dimensions.map ??
      (dimensions.source
        ? ((await savedMapping(this.db.manager, tenantId, format, dimensions.source))?.mapping ?? null)
        : null);
    const upload = await this.spool.receive(body, {
      maxBytes: MAX_IMPORT_BYTES,
      empty: () =>
        new IndicatorServiceError(
          'InvalidValueImport',
          'the request body is empty: send the file as the body',
        ),
    });
    try {
      const payload = {
        format,
        fileName,
        file: upload.path,
        bytesTotal: upload.bytes,
        sha256: upload.sha256,
        map,
        source: dimensions.source,
      };
      const id = await this.runner.enqueue(VALUE_IMPORT, payload, {
        tenantId,
        createdBy,
        files: [upload.path],
      });
      return await this.get(tenantId, id);
    } catch (error) {
      await this.spool.discard(upload.path);
      throw error;
    }
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

  async mappings(tenantId: string): Promise<SavedMapping[]> {
    return listMappings(this.db.manager, tenantId);
  }

  async get(tenantId: string, id: string): Promise<ValueImportJob> {
    return toValueImportJob(await this.view(tenantId, id));
  }

  async list(tenantId: string, limit = 50): Promise<ValueImportJob[]> {
    return (await this.runner.list(VALUE_IMPORT, tenantId, limit)).map(toValueImportJob);
  }

  /** Cancels a queued or running import (a running one rolls back at its next batch). */
  async cancel(tenantId: string, id: string): Promise<ValueImportJob> {
    await this.view(tenantId, id);
    return toValueImportJob((await this.runner.cancel(id, tenantId)) as ImportView);
  }

  private async view(tenantId: string, id: string): Promise<ImportView> {
    const job = await this.runner.find<ValueImportPayload, ValueImportResult>(id, tenantId);
    if (!job || job.kind !== VALUE_IMPORT.name)
      throw new IndicatorServiceError('ValueImportNotFound', `value import ${id} not found`);
    return job;
  }
}
