import { topicOf, type EventType, type ServiceName } from '@quartier/contracts';
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
import type { WireMessage } from './wire';

/*
 * What every EventBus adapter (in-process, Kafka) does the same way before its transport takes
 * over, so that both refuse and configure alike.
 */

/** A service publishes only to its own topic (`EventBus.publishRaw` checks the producer). */
export function assertOwnTopic(service: ServiceName, messages: readonly WireMessage[]): void {
  const own = topicOf(service);
  for (const message of messages)
    if (message.topic !== own) throw new InvalidEventError(`${service} cannot publish to ${message.topic}`);
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
