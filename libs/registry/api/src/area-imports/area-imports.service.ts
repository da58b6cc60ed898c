import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import {
  AreaImportValidator,
  parentLevelOf,
  RegistryError,
  type AreaImportOptions,
  type ImportedArea,
} from '@quartier/registry-core';
import turfArea from '@turf/area';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { toAreaEvent } from '../areas/area-event';
import { AreaEntity } from '../entities/area.entity';
import { AreaImportEntity } from '../entities/area-import.entity';
import { AreaVersionEntity } from '../entities/area-version.entity';
import { TenantEntity } from '../entities/tenant.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import type { AreaImportJob } from './area-import.dto';
import { streamFeatures } from './feature-stream';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

interface ImportOutcome {
  created: number;
  updated: number;
}

/**
 * GeoJSON area imports: the upload is spooled to disk, then parsed feature by feature inside ONE
 * transaction. Every feature is validated even after the first error, so the job reports all
 * of them; any error rolls the whole file back (all-or-nothing), so stored areas are never
 * half-replaced. Progress is written on a separate connection so the portal can poll it.
 */
@Injectable()
export class AreaImportsService implements OnApplicationShutdown {
  private readonly logger = new Logger(AreaImportsService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Spools the request body and starts the job; resolves once the job is queued. */
  async start(
    tenantId: string,
    createdBy: string,
    options: AreaImportOptions,
    body: Readable,
  ): Promise<AreaImportJob> {
    await this.levelsOf(tenantId, options.level);
    const dir = join(tmpdir(), 'quartier-imports');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${randomUUID()}.geojson`);
    let bytes = 0;
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES)
        body.destroy(
          new RegistryError(
            'InvalidAreaImport',
            `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
          ),
        );
    });
    try {
      await pipeline(body, createWriteStream(file));
    } catch (error) {
      await rm(file, { force: true });
      if (error instanceof RegistryError) throw error;
      throw new RegistryError('InvalidAreaImport', `upload failed: ${(error as Error).message}`);
    }
    if (bytes === 0) {
      await rm(file, { force: true });
      throw new RegistryError(
        'InvalidAreaImport',
        'the request body is empty: send a GeoJSON FeatureCollection',
      );
    }
    const job = await this.db.getRepository(AreaImportEntity).save({
      tenantId,
      status: 'queued',
      options,
      bytesTotal: String(bytes),
      createdBy,
      errors: [],
      message: null,
      finishedAt: null,
    });
    const run = this.run(job.id, tenantId, options, file).finally(() => {
      this.running.delete(run);
      return rm(file, { force: true });
    });
    this.running.add(run);
    return this.toJob(job);
  }

  /** Runs an import to completion (the demo seed and tests use it synchronously). */
  async importFile(
    tenantId: string,
    createdBy: string,
    options: AreaImportOptions,
    file: string,
  ): Promise<AreaImportJob> {
    const size = (await stat(file)).size;
    const job = await this.db.getRepository(AreaImportEntity).save({
      tenantId,
      status: 'queued',
      options,
      bytesTotal: String(size),
      createdBy,
      errors: [],
      message: null,
      finishedAt: null,
    });
    await this.run(job.id, tenantId, options, file);
    return this.get(tenantId, job.id);
  }

  async get(tenantId: string, id: string): Promise<AreaImportJob> {
    const job = await this.db.getRepository(AreaImportEntity).findOneBy({ id, tenantId });
    if (!job) throw new RegistryError('AreaImportNotFound', `area import ${id} not found`);
    return this.toJob(job);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(
    jobId: string,
    tenantId: string,
    options: AreaImportOptions,
    file: string,
  ): Promise<void> {
    const jobs = this.db.getRepository(AreaImportEntity);
    await jobs.update({ id: jobId }, { status: 'running' });
    let processed = 0;
    let bytesRead = 0;
    let lastReport = 0;
    const report = async (force = false) => {
      if (!force && Date.now() - lastReport < 250) return;
      lastReport = Date.now();
      await jobs.update({ id: jobId }, { processed, bytesRead: String(bytesRead) });
    };
    let validator: AreaImportValidator | undefined;
    try {
      const outcome = await this.db.transaction(async (manager) => {
        const { version, parentByCode, hasParentLevel } = await this.prepare(manager, tenantId, options);
        validator = new AreaImportValidator(options, {
          hasParentLevel,
          parentCodes: new Set(parentByCode.keys()),
        });
        const counts: ImportOutcome = { created: 0, updated: 0 };
        const written: AreaEntity[] = [];
        for await (const { index, feature } of streamFeatures(file, (bytes) => (bytesRead = bytes))) {
          const area = validator.accept(index, feature);
          processed = index + 1;
          // After the first error nothing is written any more, but validation goes on so the
          // report lists every bad feature at once.
          if (area && validator.errors.length === 0) {
            const parent =
              area.parentCode === null ? null : (parentByCode.get(area.parentCode) as AreaEntity);
            const saved = await this.upsert(manager, tenantId, version.id, options.level, area, parent);
            counts[saved.created ? 'created' : 'updated'] += 1;
            written.push(saved.area);
          }
          if (validator.truncated) break;
          await report();
        }
        if (validator.errors.length > 0) throw new ImportRejected();
        const moved = await this.repairPaths(manager, version.id);
        const changed = new Map(written.map((a) => [a.id, a]));
        for (const area of moved) changed.set(area.id, area);
        await this.outbox.appendMany(
          manager,
          [...changed.values()].map((area) => ({
            type: 'registry.area.upserted' as const,
            payload: toAreaEvent(area, version.validFrom),
            meta: { tenantId, key: area.id },
          })),
        );
        return counts;
      });
      await jobs.update(
        { id: jobId },
        {
          status: 'succeeded',
          processed,
          bytesRead: String(bytesRead),
          created: outcome.created,
          updated: outcome.updated,
          finishedAt: new Date(),
        },
      );
    } catch (error) {
      const rejected = error instanceof ImportRejected;
      const message = rejected
        ? `${validator?.errors.length ?? 0}${validator?.truncated ? '+' : ''} invalid feature(s); nothing was imported`
        : `import failed: ${(error as Error).message}; nothing was imported`;
      if (!rejected && !(error instanceof RegistryError)) this.logger.error((error as Error).stack);
      await jobs.update(
        { id: jobId },
        {
          status: 'failed',
          processed,
          bytesRead: String(bytesRead),
          errors: validator?.errors ?? [],
          message,
          created: 0,
          updated: 0,
          finishedAt: new Date(),
        },
      );
    }
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
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`area-import:${tenantId}`]);
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

  private async upsert(
    manager: EntityManager,
    tenantId: string,
    versionId: string,
    level: string,
    area: ImportedArea,
    parent: AreaEntity | null,
  ): Promise<{ area: AreaEntity; created: boolean }> {
    const rows: (AreaEntity & { inserted: boolean })[] = await manager.query(
      `INSERT INTO area (tenant_id, version_id, code, name, level, parent_id, path, population, area_sqm, geometry)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10::jsonb)
       ON CONFLICT (tenant_id, version_id, code) DO UPDATE SET
         name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id, path = EXCLUDED.path,
         population = COALESCE(EXCLUDED.population, area.population), area_sqm = EXCLUDED.area_sqm,
         geometry = EXCLUDED.geometry, updated_at = now()
       RETURNING id, tenant_id AS "tenantId", version_id AS "versionId", code, name, level, parent_id AS "parentId",
                 path, population, area_sqm AS "areaSqm", (xmax = 0) AS inserted`,
      [
        tenantId,
        versionId,
        area.code,
        area.name,
        level,
        parent?.id ?? null,
        parent ? [...parent.path, parent.id] : [],
        area.population,
        Math.round(turfArea(area.geometry) * 100) / 100,
        JSON.stringify(area.geometry),
      ],
    );
    const { inserted, ...saved } = rows[0];
    return { area: saved as AreaEntity, created: inserted };
  }

  /** Re-imported areas may have moved under another parent: refresh their descendants' paths. */
  private async repairPaths(manager: EntityManager, versionId: string): Promise<AreaEntity[]> {
    return manager
      .query(
        `WITH RECURSIVE tree AS (
         SELECT id, ARRAY[]::uuid[] AS path FROM area WHERE version_id = $1 AND parent_id IS NULL
         UNION ALL
         SELECT a.id, tree.path || a.parent_id FROM area a JOIN tree ON a.parent_id = tree.id
       )
       UPDATE area SET path = tree.path, updated_at = now() FROM tree
        WHERE area.id = tree.id AND area.path IS DISTINCT FROM tree.path
       RETURNING area.id, area.tenant_id AS "tenantId", area.version_id AS "versionId", area.code, area.name, area.level,
                 area.parent_id AS "parentId", area.path, area.population, area.area_sqm AS "areaSqm"`,
        [versionId],
      )
      .then((result: [AreaEntity[], number] | AreaEntity[]) =>
        Array.isArray(result[0]) ? (result[0] as AreaEntity[]) : (result as AreaEntity[]),
      );
  }

  private toJob(job: AreaImportEntity): AreaImportJob {
    const total = Number(job.bytesTotal);
    const done = job.status === 'succeeded' || job.status === 'failed';
    return {
      id: job.id,
      status: job.status,
      level: job.options.level,
      processed: job.processed,
      progress: done ? 1 : total > 0 ? Math.min(1, Number(job.bytesRead) / total) : 0,
      created: job.created,
      updated: job.updated,
      errors: job.errors,
      message: job.message,
      createdAt: new Date(job.createdAt).toISOString(),
      finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
    };
  }
}

/** Internal signal: validation found errors, so the transaction must roll back. */
class ImportRejected extends Error {}
