import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Inbox, OnEvent, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import type { DataSource } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';

/**
 * Keeps `tenant_profile` in step with `registry.tenant.upserted`, once per event (inbox); an
 * event older than the copy is ignored, so a replay cannot bring back an old imprint link.
 */
@Injectable()
export class TenantProfileHandler {
  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly inbox: Inbox,
  ) {}

  @OnEvent('registry.tenant.upserted', { consumer: 'survey.tenant-profile' })
  async onTenant(event: DeliveredEvent<'registry.tenant.upserted'>, context: EventContext): Promise<void> {
    const profile = event.payload.publicProfile;
    // Events of a registry from before public profiles say nothing about one: keep what is there.
    if (profile === undefined) return;
    await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      manager.query(
        `INSERT INTO tenant_profile (tenant_id, operator_name, imprint_url, privacy_url, event_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO UPDATE SET operator_name = EXCLUDED.operator_name,
           imprint_url = EXCLUDED.imprint_url, privacy_url = EXCLUDED.privacy_url, event_at = EXCLUDED.event_at
         WHERE tenant_profile.event_at <= EXCLUDED.event_at`,
        [
          event.payload.tenantId,
          profile?.operatorName ?? null,
          profile?.imprintUrl ?? null,
          profile?.privacyUrl ?? null,
          event.occurredAt,
        ],
      ),
    );
  }
}
