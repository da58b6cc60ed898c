import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canAct, type AccessContext, type Caller } from '@quartier/auth';
import { RegistryError } from '@quartier/registry-core';
import { OutboxWriter } from '@quartier/messaging';
import { Clock, likeContaining, likeStartingWith } from '@quartier/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { AreaEntity } from '../entities/area.entity';
import { AreaVersionEntity } from '../entities/area-version.entity';
import { toAreaEvent } from './area-event';
import type { AreaDetail, AreaSummary, Page } from './area.dto';
import type { listAreasQuerySchema, updateAreaSchema } from './area.dto';
import type { z } from 'zod';
import { REGISTRY_CONNECTION } from '../registry.constants';
import { AreaRepository } from './area.repository';
import { AreaWrites } from './area-writes';

/** Who may change an area's master data. */
export const AREA_EDITORS = ['tenant-admin', 'planner'] as const;

@Injectable()
export class AreasService {
  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly bulk: AreaRepository,
    private readonly outbox: OutboxWriter,
    private readonly writes: AreaWrites,
    private readonly clock: Clock,
  ) {}

  /**
   * The area version in force today (the newest one if all start in the future) — today as the
   * injected clock's day, the rule every read model of the areas applies too
   * (service-kit's `currentAreaVersionSql`).
   */
  async currentVersion(
    tenantId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<AreaVersionEntity | null> {
    return manager
      .getRepository(AreaVersionEntity)
      .createQueryBuilder('v')
      .where('v.tenantId = :tenantId', { tenantId })
      .orderBy('(v.valid_from <= :today)', 'DESC')
      .setParameter('today', this.clock.today())
      .addOrderBy('v.valid_from', 'DESC')
      .getOne();
  }

  async list(caller: Caller, query: z.infer<typeof listAreasQuerySchema>): Promise<Page<AreaSummary>> {
    const { access, tenantId } = caller;
    const version = await this.currentVersion(tenantId);
    if (!version) return { items: [], total: 0 };
    const qb = this.db
      .getRepository(AreaEntity)
      .createQueryBuilder('a')
      .where('a.tenantId = :tenantId AND a.versionId = :versionId', { tenantId, versionId: version.id });
    if (query.level) qb.andWhere('a.level = :level', { level: query.level });
    if (query.parent === 'root') qb.andWhere('a.parentId IS NULL');
    else if (query.parent) qb.andWhere('a.parentId = :parent', { parent: query.parent });
    if (query.q) {
      qb.andWhere(`(a.name ILIKE :q OR a.code LIKE :prefix)`, {
        q: likeContaining(query.q),
        prefix: likeStartingWith(query.q),
      });
    }
    const [rows, total] = await qb
      .orderBy('a.code', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map((row) => this.summary(access, row)), total };
  }

  async detail(caller: Caller, id: string): Promise<AreaDetail> {
    const { access, tenantId } = caller;
    const area = await this.find(tenantId, id);
    const repo = this.db.getRepository(AreaEntity);
    const [ancestors, children, version] = await Promise.all([
      area.path.length
        ? repo.createQueryBuilder('a').where('a.id IN (:...ids)', { ids: area.path }).getMany()
        : [],
      repo.createQueryBuilder('a').where('a.parentId = :id', { id }).orderBy('a.code').getMany(),
      this.db.getRepository(AreaVersionEntity).findOneByOrFail({ id: area.versionId }),
    ]);
    const byId = new Map(ancestors.map((a) => [a.id, a]));
    return {
      ...this.summary(access, area),
      ancestors: area.path.map((ancestorId) => this.summary(access, byId.get(ancestorId) as AreaEntity)),
      children: children.map((child) => this.summary(access, child)),
      areaSqm: area.areaSqm,
      validFrom: version.validFrom,
      versionId: version.id,
    };
  }

  /**
   * The chosen level's geometries as one FeatureCollection, from features PostgreSQL writes as
   * text (the service does not parse and re-serialise megabytes of coordinates per request).
   */
  async geojson(caller: Caller, level: string, parent?: string): Promise<string> {
    const { access, tenantId } = caller;
    const version = await this.currentVersion(tenantId);
    if (!version) return '{"type":"FeatureCollection","features":[]}';
    const rows = await this.bulk.features({ tenantId, versionId: version.id, level }, parent);
    // `editable` depends on the caller, so it is spliced into each feature's properties here.
    const features = rows.map((row) => {
      const editable = canAct(access.principal, access.assignments, [...AREA_EDITORS], {
        areaPath: [...row.path, row.id],
      });
      return `${row.feature.slice(0, -2)},"editable":${editable}}}`;
    });
    return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
  }

  async update(caller: Caller, id: string, patch: z.infer<typeof updateAreaSchema>): Promise<AreaSummary> {
    const { access, tenantId } = caller;
    const saved = await this.db.transaction(async (manager) => {
      const area = await this.find(tenantId, id, manager, true);
      if (patch.name !== undefined) area.name = patch.name;
      if (patch.population !== undefined) area.population = patch.population;
      const saved = await manager.getRepository(AreaEntity).save(area);
      const version = await manager.getRepository(AreaVersionEntity).findOneByOrFail({ id: saved.versionId });
      await this.outbox.append(manager, 'registry.area.upserted', toAreaEvent(saved, version.validFrom), {
        tenantId,
        key: saved.id,
      });
      return saved;
    });
    this.writes.committed(tenantId);
    return this.summary(access, saved);
  }

  async find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<AreaEntity> {
    const qb = manager
      .getRepository(AreaEntity)
      .createQueryBuilder('a')
      .where('a.id = :id AND a.tenantId = :tenantId', { id, tenantId });
    if (lock) qb.setLock('pessimistic_write');
    const area = await qb.getOne();
    if (!area) throw new RegistryError('AreaNotFound', `area ${id} not found`);
    return area;
  }

  summary(access: AccessContext, area: AreaEntity): AreaSummary {
    return {
      id: area.id,
      code: area.code,
      name: area.name,
      level: area.level,
      parentId: area.parentId,
      population: area.population,
      editable: canAct(access.principal, access.assignments, [...AREA_EDITORS], {
        areaPath: [...area.path, area.id],
      }),
    };
  }
}
