import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Inbox, OnEvent, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import type { DataSource } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';
import { TenantProfileRepository } from './tenant-profile.repository';

/**
 * Keeps `tenant_profile` in step with `registry.tenant.upserted`, once per event (inbox); an
 * event older than the copy is ignored, so a replay cannot bring back an old imprint link.
 */
@Injectable()
export class TenantProfileHandler {
  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly inbox: Inbox,
    private readonly profiles: TenantProfileRepository,
  ) {}

  @OnEvent('registry.tenant.upserted', { consumer: 'survey.tenant-profile' })
  async onTenant(event: DeliveredEvent<'registry.tenant.upserted'>, context: EventContext): Promise<void> {
    const profile = event.payload.publicProfile;
    // Events of a registry from before public profiles say nothing about one: keep what is there.
    if (profile === undefined) return;
    await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      this.profiles.upsertUnlessNewer(
        manager,
        event.payload.tenantId,
        profile && {
          name: profile.operatorName ?? null,
          imprintUrl: profile.imprintUrl ?? null,
          privacyUrl: profile.privacyUrl ?? null,
        },
        event.occurredAt,
      ),
    );
  }
}
