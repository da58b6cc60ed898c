import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import { RegistryError, validateCrosswalk } from '@quartier/registry-core';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AreasService } from '../areas/areas.service';
import { AreaVersionEntity } from '../entities/area-version.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import type { AreaVersionView, CrosswalkView, replaceCrosswalkSchema } from './area-version.dto';
import { AreaVersionRepository } from './area-version.repository';

/**
 * Area versions (Gebietsstände) and the crosswalks between them, so that a time series on the
 * old areas continues on the new ones after a boundary reform.
 */
@Injectable()
export class AreaVersionsService {
  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly versions: AreaVersionRepository,
    private readonly areas: AreasService,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(tenantId: string): Promise<AreaVersionView[]> {
    const current = await this.areas.currentVersion(tenantId);
    const rows = await this.versions.list(tenantId);
    return rows.map((row) => ({ ...row, current: row.id === current?.id }));
  }

  async crosswalk(tenantId: string, toVersionId: string): Promise<CrosswalkView> {
    await this.version(tenantId, toVersionId);
    return this.versions.crosswalk(tenantId, toVersionId);
  }

  /** Replaces the whole crosswalk into `toVersionId` (all-or-nothing) and publishes it. */
  async replaceCrosswalk(
    tenantId: string,
    toVersionId: string,
    input: z.infer<typeof replaceCrosswalkSchema>,
  ): Promise<CrosswalkView> {
    if (input.fromVersionId === toVersionId)
      throw new RegistryError('InvalidCrosswalk', 'a crosswalk connects two different area versions');
    await this.db.transaction(async (manager) => {
      await this.version(tenantId, toVersionId);
      await this.version(tenantId, input.fromVersionId);
      const [oldByCode, newByCode] = await Promise.all([
        this.versions.areaIdsByCode(manager, input.fromVersionId),
        this.versions.areaIdsByCode(manager, toVersionId),
      ]);
      const unknown: string[] = [];
      const entries = input.entries.map((entry, i) => {
        const fromAreaId = oldByCode.get(entry.fromCode);
        const toAreaId = newByCode.get(entry.toCode);
        if (!fromAreaId)
          unknown.push(`entries.${i}.fromCode: ${entry.fromCode} is not an area of the old version`);
        if (!toAreaId) unknown.push(`entries.${i}.toCode: ${entry.toCode} is not an area of the new version`);
        return { fromAreaId: fromAreaId ?? '', toAreaId: toAreaId ?? '', weight: entry.weight };
      });
      if (unknown.length > 0) throw new RegistryError('InvalidCrosswalk', unknown[0], unknown);
      validateCrosswalk(entries, new Set(oldByCode.values()), new Set(newByCode.values()));
      await this.versions.replaceCrosswalk(manager, tenantId, toVersionId, entries);
      await this.outbox.append(
        manager,
        'registry.crosswalk.replaced',
        { tenantId, fromVersionId: input.fromVersionId, toVersionId, entries },
        { tenantId, key: `version:${toVersionId}` },
      );
    });
    return this.crosswalk(tenantId, toVersionId);
  }

  private async version(tenantId: string, id: string): Promise<AreaVersionEntity> {
    const version = await this.versions.find(tenantId, id);
    if (!version) throw new RegistryError('AreaVersionNotFound', `area version ${id} not found`);
    return version;
  }
}
