import { Injectable } from '@nestjs/common';
import { OnEvent, type DeliveredEvent } from '@quartier/messaging';
import { ValueCache } from '../cache/value-cache';

/**
 * Keeps cached map data honest across replicas: the replica that changed values invalidates
 * at once after its commit; every replica also consumes the event (and registry area changes,
 * which move aggregates) and moves the tenant's cache generation on. Idempotent by nature —
 * an extra invalidation only costs a recomputation — so no inbox is needed.
 */
@Injectable()
export class CacheInvalidationHandler {
  constructor(private readonly cache: ValueCache) {}

  @OnEvent(['indicator.values.changed', 'registry.area.upserted', 'registry.area.deleted'], {
    consumer: 'indicator.cache-invalidation',
  })
  async invalidate(
    event: DeliveredEvent<'indicator.values.changed' | 'registry.area.upserted' | 'registry.area.deleted'>,
  ): Promise<void> {
    await this.cache.invalidate(event.tenantId);
  }
}
