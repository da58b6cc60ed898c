import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantPublicProfile } from '@quartier/contracts';
import { OutboxWriter } from '@quartier/messaging';
import { RegistryError, validateLevels, type AreaLevel } from '@quartier/registry-core';
import { DataSource } from 'typeorm';
import { TenantEntity } from '../entities/tenant.entity';
import { AreaRepository } from '../areas/area.repository';
import { REGISTRY_CONNECTION } from '../registry.constants';

export interface TenantView {
  id: string;
  name: string;
  levels: AreaLevel[];
  /** What the public sees of the tenant on survey forms; null = nothing set. */
  publicProfile: TenantPublicProfile | null;
}

function viewOf(tenant: TenantEntity): TenantView {
  return { id: tenant.id, name: tenant.name, levels: tenant.levels, publicProfile: tenant.publicProfile };
}

@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly areas: AreaRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(id: string): Promise<TenantView> {
    const tenant = await this.db.getRepository(TenantEntity).findOneBy({ id });
    if (!tenant) throw new RegistryError('TenantNotFound', `tenant ${id} not found`);
    return viewOf(tenant);
  }

  async list(): Promise<TenantView[]> {
    const tenants = await this.db.getRepository(TenantEntity).find({ order: { name: 'ASC' } });
    return tenants.map(viewOf);
  }

  /**
   * Creates or renames a tenant and (re)defines its area levels; levels in use cannot vanish.
   * `publicProfile` replaces the public profile; undefined keeps the stored one.
   */
  async upsert(
    id: string,
    name: string,
    levels: AreaLevel[],
    publicProfile?: TenantPublicProfile | null,
  ): Promise<TenantView> {
    const ordered = validateLevels(levels);
    return this.db.transaction(async (manager) => {
      const used = await this.areas.levelsInUse(manager, id);
      const missing = used.filter((level) => !ordered.some((l) => l.key === level));
      if (missing.length > 0)
        throw new RegistryError(
          'InvalidLevels',
          `levels still used by areas cannot be removed: ${missing.join(', ')}`,
        );
      const repo = manager.getRepository(TenantEntity);
      const profile =
        publicProfile !== undefined ? publicProfile : ((await repo.findOneBy({ id }))?.publicProfile ?? null);
      await repo.save({ id, name, levels: ordered, publicProfile: profile });
      await this.outbox.append(
        manager,
        'registry.tenant.upserted',
        { tenantId: id, name, levels: ordered, publicProfile: profile },
        { tenantId: id, key: id },
      );
      return { id, name, levels: ordered, publicProfile: profile };
    });
  }
}
