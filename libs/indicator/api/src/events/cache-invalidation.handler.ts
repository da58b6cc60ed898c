import { Injectable } from '@nestjs/common';
import { OnEventBatch, type DeliveredEvent } from '@quartier/messaging';
import { CacheStore } from '@quartier/service-kit';
import { tenantGeneration } from '../cache/tenant-generation';

/**
 * Keeps cached map data honest across replicas: the replica that changed values invalidates
 * at once after its commit; every replica also consumes the event (and registry area changes,
 * which move aggregates) and moves the tenant's cache generation on. Idempotent by nature —
 * an extra invalidation only costs a recomputation — so no inbox is needed; a batch of events
 * (an area import publishes thousands) moves each tenant's generation once.
 */
@Injectable()
export class CacheInvalidationHandler {
  constructor(private readonly cache: CacheStore) {}

  @OnEventBatch(['indicator.values.changed', 'registry.area.upserted', 'registry.area.deleted'], {
    consumer: 'indicator.cache-invalidation',
  })
  async invalidate(
    events: readonly DeliveredEvent<
      'indicator.values.changed' | 'registry.area.upserted' | 'registry.area.deleted'
    >[],
  ): Promise<void> {
    for (const tenantId of new Set(events.map((event) => event.tenantId)))
      await this.cache.bumpGeneration(tenantGeneration(tenantId));
  }
}
