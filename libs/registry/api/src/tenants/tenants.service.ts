import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import { RegistryError, validateLevels, type AreaLevel } from '@quartier/registry-core';
import { DataSource } from 'typeorm';
import { TenantEntity } from '../entities/tenant.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';

export interface TenantView {
  id: string;
  name: string;
  levels: AreaLevel[];
}

@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(id: string): Promise<TenantView> {
    const tenant = await this.db.getRepository(TenantEntity).findOneBy({ id });
    if (!tenant) throw new RegistryError('TenantNotFound', `tenant ${id} not found`);
    return { id: tenant.id, name: tenant.name, levels: tenant.levels };
  }

  async list(): Promise<TenantView[]> {
    const tenants = await this.db.getRepository(TenantEntity).find({ order: { name: 'ASC' } });
    return tenants.map((t) => ({ id: t.id, name: t.name, levels: t.levels }));
  }

  /** Creates or renames a tenant and (re)defines its area levels; levels in use cannot vanish. */
  async upsert(id: string, name: string, levels: AreaLevel[]): Promise<TenantView> {
    const ordered = validateLevels(levels);
    return this.db.transaction(async (manager) => {
      const used: { level: string }[] = await manager.query(
        `SELECT DISTINCT level FROM area WHERE tenant_id = $1`,
        [id],
      );
      const missing = used.map((u) => u.level).filter((level) => !ordered.some((l) => l.key === level));
      if (missing.length > 0)
        throw new RegistryError(
          'InvalidLevels',
          `levels still used by areas cannot be removed: ${missing.join(', ')}`,
        );
      await manager.getRepository(TenantEntity).save({ id, name, levels: ordered });
      await this.outbox.append(
        manager,
        'registry.tenant.upserted',
        { tenantId: id, name, levels: ordered },
        { tenantId: id, key: id },
      );
      return { id, name, levels: ordered };
    });
  }
}
