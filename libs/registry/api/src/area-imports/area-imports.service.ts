import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import type { EventPayload } from '@quartier/contracts';
import { loggableError } from '@quartier/observability';
import {
  AreaImportValidator,
  featureProblem,
  labelPoint,
  parentLevelOf,
  type FeatureError,
  RegistryError,
  type AreaImportOptions,
  type ImportedArea,
} from '@quartier/registry-core';
import {
  hasUnstorableText,
  JobFailure,
  JobRunner,
  UploadSpool,
  type JobContext,
  type UploadRequest,
} from '@quartier/service-kit';
import turfArea from '@turf/area';
import { stat } from 'node:fs/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { toAreaEvent } from '../areas/area-event';
import { AreaWrites } from '../areas/area-writes';
import { AreaEntity } from '../entities/area.entity';
import { AreaVersionEntity } from '../entities/area-version.entity';
import { TenantEntity } from '../entities/tenant.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import { AreaImportRepository } from './area-import.repository';
import {
  AREA_IMPORT,
  toAreaImportJob,
  type AreaImportJob,
  type AreaImportPayload,
  type AreaImportResult,
} from './area-import.dto';
import { fileProblemOf, streamFeatures } from './feature-stream';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/**
 * GeoJSON area imports: the upload is spooled (service-kit's UploadSpool), then an `area-import`
 * job parses it feature by feature inside ONE transaction. Every feature is validated even after
 * the first error, so the job reports all of them; any error rolls the whole file back
 * (all-or-nothing), so stored areas are never half-replaced. The JobRunner keeps the job's state
 * and progress, which the portal polls.
 */
@Injectable()
export class AreaImportsService implements OnModuleInit {
  private readonly logger = new Logger(AreaImportsService.name);

  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly imports: AreaImportRepository,
    private readonly outbox: OutboxWriter,
    private readonly runner: JobRunner,
    private readonly spool: UploadSpool,
    private readonly writes: AreaWrites,
  ) {}

  onModuleInit(): void {
    this.runner.register(AREA_IMPORT, (payload, ctx) => this.run(payload, ctx));
  }

  /** Spools the request body and queues the job; resolves once the job is queued. */
  async start(
    tenantId: string,
    createdBy: string,
    options: AreaImportOptions,
    body: UploadRequest,
  ): Promise<AreaImportJob> {
    await this.levelsOf(tenantId, options.level);
    const upload = await this.spool.receive(body, {
      maxBytes: MAX_IMPORT_BYTES,
      extension: '.geojson',
      empty: () =>
        new RegistryError('InvalidAreaImport', 'the request body is empty: send a GeoJSON FeatureCollection'),
    });
    return this.spool.handOver(upload, async () => {
      const payload = { options, file: upload.path, bytesTotal: upload.bytes, sha256: upload.sha256 };
      const id = await this.runner.enqueue(AREA_IMPORT, payload, {
        tenantId,
        createdBy,
        files: [upload.path],
      });
      return await this.get(tenantId, id);
    });
  }

  /** Runs an import to completion (the demo seed and tests use it synchronously); the file stays. */
  async importFile(
    tenantId: string,
    createdBy: string,
    options: AreaImportOptions,
    file: string,
  ): Promise<AreaImportJob> {
    const payload = { options, file, bytesTotal: (await stat(file)).size, sha256: null };
    const id = await this.runner.enqueue(AREA_IMPORT, payload, { tenantId, createdBy });
    return toAreaImportJob(await this.runner.waitFor<AreaImportPayload, AreaImportResult>(id, tenantId));
  }

  async get(tenantId: string, id: string): Promise<AreaImportJob> {
    const job = await this.runner.find<AreaImportPayload, AreaImportResult>(id, tenantId);
    if (!job || job.kind !== AREA_IMPORT.name)
      throw new RegistryError('AreaImportNotFound', `area import ${id} not found`);
    return toAreaImportJob(job);
  }

  /** The `area-import` job: validate and write every feature in one transaction, or nothing. */
  private async run(payload: AreaImportPayload, ctx: JobContext): Promise<AreaImportResult> {
    const { options } = payload;
    let processed = 0;
    let bytesRead = 0;
    const report = () =>
      ctx.progress(payload.bytesTotal > 0 ? Math.min(1, bytesRead / payload.bytesTotal) : 0, {
        rows: processed,
      });
    let validator: AreaImportValidator | undefined;
    // PostgreSQL cannot store NUL (nor unpaired surrogates): such a feature is an error of its own.
    const unstorable: FeatureError[] = [];
    const errorsOf = () =>
      [...(validator?.errors ?? []), ...unstorable].sort((a, b) => a.feature - b.feature);
    try {
      const counts = await this.db.transaction(async (manager) => {
        const { version, parentByCode, hasParentLevel } = await this.prepare(manager, ctx.tenantId, options);
        validator = new AreaImportValidator(options, {
          hasParentLevel,
          parentCodes: new Set(parentByCode.keys()),
        });
        const counts: AreaImportResult = { created: 0, updated: 0 };
        const written = new Map<string, AreaEventPayload>();
        const pending: PendingArea[] = [];
        const flush = async () => {
          const batch = pending.splice(0);
          for (const saved of await this.upsertMany(manager, ctx.tenantId, version, options.level, batch)) {
            counts[saved.created ? 'created' : 'updated'] += 1;
            written.set(saved.event.id, saved.event);
          }
        };
        for await (const { index, feature } of streamFeatures(payload.file, (bytes) => (bytesRead = bytes))) {
          processed = index + 1;
          if (hasUnstorableText(feature)) {
            unstorable.push({ feature: index, ...featureProblem('UnstorableFeature') });
            continue;
          }
          const area = validator.accept(index, feature);
          // After the first error nothing is written any more, but validation goes on so the
          // report lists every bad feature at once.
          if (area && validator.errors.length === 0 && unstorable.length === 0) {
            const parent =
              area.parentCode === null ? null : (parentByCode.get(area.parentCode) as AreaEntity);
            pending.push(pendingArea(area, parent));
            if (pending.length >= WRITE_BATCH) await flush();
          }
          if (validator.truncated) break;
          report();
          ctx.checkpoint();
        }
        if (validator.errors.length > 0 || unstorable.length > 0) throw new ImportRejected();
        await flush();
        await this.publish(manager, ctx.tenantId, version, written);
        return counts;
      });
      // Committed: this process's tiles read the level's new state from the next request on.
      this.writes.committed(ctx.tenantId);
      return counts;
    } catch (error) {
      report();
      if (ctx.signal.aborted) throw error;
      const rejected = error instanceof ImportRejected;
      const message = rejected
        ? `${errorsOf().length}${validator?.truncated ? '+' : ''} invalid feature(s); nothing was imported`
        : `import failed: ${(error as Error).message}; nothing was imported`;
      if (!rejected && !(error instanceof RegistryError)) this.logger.error(loggableError(error));
      throw new JobFailure('InvalidAreaImport', message, { errors: errorsOf(), file: fileProblemOf(error) });
    }
  }

  /** Paths of moved subtrees are repaired; every written or moved area is published in the transaction. */
  private async publish(
    manager: EntityManager,
    tenantId: string,
    version: AreaVersionEntity,
    written: Map<string, AreaEventPayload>,
  ): Promise<void> {
    // Re-imported areas may have moved under another parent: their descendants' paths follow.
    for (const area of await this.imports.repairPaths(manager, version.id)) {
      const imported = written.get(area.id);
      // A moved area written by this import keeps the label point of its new geometry.
      written.set(
        area.id,
        imported ? { ...imported, path: area.path } : toAreaEvent(area, version.validFrom),
      );
    }
    await this.outbox.appendMany(
      manager,
      [...written.values()].map((payload) => ({
        type: 'registry.area.upserted' as const,
        payload,
        meta: { tenantId, key: payload.id },
      })),
    );
  }

  private async levelsOf(tenantId: string, level: string, manager: EntityManager = this.db.manager) {
    const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: tenantId });
    if (!tenant) throw new RegistryError('TenantNotFound', `tenant ${tenantId} not found`);
    const parentLevel = parentLevelOf(tenant.levels, level);
    return { tenant, parentLevel };
  }

  private async prepare(manager: EntityManager, tenantId: string, options: AreaImportOptions) {
    const { parentLevel } = await this.levelsOf(tenantId, options.level, manager);
    const versions = manager.getRepository(AreaVersionEntity);
    // Serialises imports into the same version, so two uploads cannot interleave.
    await this.imports.lockImports(manager, tenantId);
    let version = await versions.findOneBy({ tenantId, validFrom: options.validFrom });
    if (!version) {
      version = await versions.save({
        tenantId,
        name: `Gebietsstand ${options.validFrom}`,
        validFrom: options.validFrom,
      });
      await this.outbox.append(
        manager,
        'registry.area-version.created',
        { id: version.id, tenantId, name: version.name, validFrom: version.validFrom, crosswalk: [] },
        { tenantId, key: `version:${version.id}` },
      );
    }
    const parents = parentLevel
      ? await manager
          .getRepository(AreaEntity)
          .findBy({ tenantId, versionId: version.id, level: parentLevel.key })
      : [];
    return {
      version,
      hasParentLevel: parentLevel !== null,
      parentByCode: new Map(parents.map((p) => [p.code, p])),
    };
  }

  /**
   * One statement per batch of features (a city's 50,000 blocks are 100 statements, not 50,000
   * round trips). Codes are unique within a file (the validator refuses repeats), so no row is
   * touched twice by one statement.
   */
  private async upsertMany(
    manager: EntityManager,
    tenantId: string,
    version: AreaVersionEntity,
    level: string,
    batch: readonly PendingArea[],
  ): Promise<{ event: AreaEventPayload; created: boolean }[]> {
    if (batch.length === 0) return [];
    const rows = await this.imports.upsert(
      manager,
      { tenantId, versionId: version.id, level },
      batch.map((p) => ({
        code: p.area.code,
        name: p.area.name,
        parent_id: p.parent?.id ?? null,
        path: p.parent ? [...p.parent.path, p.parent.id] : [],
        population: p.area.population,
        area_sqm: p.areaSqm,
        geometry: p.area.geometry,
      })),
    );
    const labels = new Map(batch.map((p) => [p.area.code, p.labelPoint]));
    return rows.map(({ inserted, ...saved }) => ({
      created: inserted,
      event: {
        ...toAreaEvent({ ...saved, geometry: null } as unknown as AreaEntity, version.validFrom),
        labelPoint: labels.get(saved.code) ?? null,
      },
    }));
  }
}

/** Features per INSERT statement. */
const WRITE_BATCH = 500;

type AreaEventPayload = EventPayload<'registry.area.upserted'>;

/** A validated feature waiting for its batch, with what is computed from its geometry. */
interface PendingArea {
  area: ImportedArea;
  parent: AreaEntity | null;
  areaSqm: number;
  labelPoint: AreaEventPayload['labelPoint'];
}

function pendingArea(area: ImportedArea, parent: AreaEntity | null): PendingArea {
  return {
    area,
    parent,
    areaSqm: Math.round(turfArea(area.geometry) * 100) / 100,
    labelPoint: labelPoint(area.geometry),
  };
}

/** Internal signal: validation found errors, so the transaction must roll back. */
class ImportRejected extends Error {}
