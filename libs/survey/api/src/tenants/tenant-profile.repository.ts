import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';
import { selectOne } from '@quartier/service-kit';

export interface TenantProfileRow {
  name: string | null;
  imprintUrl: string | null;
  privacyUrl: string | null;
}

/** SQL of `tenant_profile`, the read model of the registry's public tenant profiles. */
@Injectable()
export class TenantProfileRepository {
  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  async find(tenantId: string): Promise<TenantProfileRow | null> {
    return selectOne<TenantProfileRow>(
      this.db,
      `SELECT operator_name AS name, imprint_url AS "imprintUrl", privacy_url AS "privacyUrl"
         FROM tenant_profile WHERE tenant_id = $1`,
      [tenantId],
    );
  }

  /** Stores a profile unless the stored one comes from a later event (a replay keeps the newer). */
  async upsertUnlessNewer(
    manager: EntityManager,
    tenantId: string,
    profile: TenantProfileRow | null,
    eventAt: string | Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO tenant_profile (tenant_id, operator_name, imprint_url, privacy_url, event_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET operator_name = EXCLUDED.operator_name,
         imprint_url = EXCLUDED.imprint_url, privacy_url = EXCLUDED.privacy_url, event_at = EXCLUDED.event_at
       WHERE tenant_profile.event_at <= EXCLUDED.event_at`,
      [tenantId, profile?.name ?? null, profile?.imprintUrl ?? null, profile?.privacyUrl ?? null, eventAt],
    );
  }
}
