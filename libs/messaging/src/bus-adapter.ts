import type { EventEnvelope, EventType, ServiceName } from '@quartier/contracts';
import { InvalidEventError } from './errors';
import {
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_BATCH_BYTES,
  type BatchEventHandler,
  type BatchSubscribeOptions,
  type EventHandler,
  type SubscribeOptions,
} from './event-bus';
import { retryPolicy, type RetryPolicy } from './retry';

/*
 * What every EventBus adapter (in-process, Kafka) does the same way before its transport takes
 * over, so that both refuse and configure alike.
 */

/** A service publishes only its own events: the envelope's producer is part of the contract. */
export function assertOwnEvents(service: ServiceName, envelopes: readonly EventEnvelope[]): void {
  for (const envelope of envelopes) {
    if (envelope.producer !== service)
      throw new InvalidEventError(`${service} cannot publish ${envelope.producer}'s event ${envelope.type}`);
  }
}

/**
 * What a subscription delivers to, single or batch (`handler` decides which): the subscription's
 * own retry overrides refine the bus's policy.
 */
export function deliveryTarget<H extends EventHandler<EventType> | BatchEventHandler<EventType>>(
  consumer: string,
  types: readonly EventType[],
  handler: H,
  busRetry: RetryPolicy,
  options: SubscribeOptions,
): { consumer: string; types: ReadonlySet<EventType>; handler: H; retry: RetryPolicy } {
  return {
    consumer,
    types: new Set<EventType>(types),
    handler,
    retry: options.retry ? retryPolicy({ ...busRetry, ...options.retry }) : busRetry,
  };
}

export interface BatchLimits {
  maxBatch: number;
  maxBatchBytes: number;
}

/** The batch limits with their defaults, refused when they could never form a batch. */
export function batchLimits(options: BatchSubscribeOptions): BatchLimits {
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  if (!Number.isInteger(maxBatch) || maxBatch < 1)
    throw new RangeError('maxBatch must be a positive integer');
  if (!(maxBatchBytes > 0)) throw new RangeError('maxBatchBytes must be positive');
  return { maxBatch, maxBatchBytes };
}
