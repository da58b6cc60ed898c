import { topicOf, type EventType, type ServiceName } from '@quartier/contracts';
import type { BatchDeliveryTarget } from './batch-delivery';
import type { DeliveryTarget } from './delivery';
import { InvalidEventError } from './errors';
import {
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_BATCH_BYTES,
  EventBus,
  type BatchEventHandler,
  type BatchSubscribeOptions,
  type EventHandler,
  type SubscribeOptions,
  type Subscription,
} from './event-bus';
import { defaultLogger, type MessagingLogger } from './logger';
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

/** How a subscription hands over what it receives: one event at a time, or batches within limits. */
export type ConsumeMode =
  | { kind: 'single'; target: DeliveryTarget }
  | { kind: 'batch'; target: BatchDeliveryTarget; limits: BatchLimits };

/**
 * An EventBus over a transport: the refusals and the turning of handlers and options into
 * delivery targets every adapter shares. The adapter supplies how messages travel (`transmit`)
 * and how a subscription receives them (`consume`), and sets `closed` when it closes.
 */
export abstract class EventBusAdapter extends EventBus {
  protected readonly retry: RetryPolicy;
  protected readonly logger: MessagingLogger;
  protected closed = false;

  constructor(
    readonly service: ServiceName,
    options: { retry?: Partial<RetryPolicy>; logger?: MessagingLogger },
  ) {
    super();
    this.retry = retryPolicy(options.retry);
    this.logger = options.logger ?? defaultLogger(service, 'messaging');
  }

  async publishEncoded(messages: readonly WireMessage[]): Promise<void> {
    this.assertOpen();
    assertOwnTopic(this.service, messages);
    await this.transmit(messages);
  }

  async subscribe<K extends EventType>(
    consumer: string,
    types: readonly K[],
    handler: EventHandler<K>,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    this.assertOpen();
    const target = deliveryTarget(consumer, types, handler as EventHandler<EventType>, this.retry, options);
    return this.consume(consumer, types, { kind: 'single', target });
  }

  override async subscribeBatch<K extends EventType>(
    consumer: string,
    types: readonly K[],
    handler: BatchEventHandler<K>,
    options: BatchSubscribeOptions = {},
  ): Promise<Subscription> {
    this.assertOpen();
    const limits = batchLimits(options);
    const target = deliveryTarget(
      consumer,
      types,
      handler as BatchEventHandler<EventType>,
      this.retry,
      options,
    );
    return this.consume(consumer, types, { kind: 'batch', target, limits });
  }

  /** Hands this service's encoded messages to the transport. */
  protected abstract transmit(messages: readonly WireMessage[]): Promise<void>;

  /** Starts a subscription that delivers as `mode` says. */
  protected abstract consume(
    consumer: string,
    types: readonly EventType[],
    mode: ConsumeMode,
  ): Promise<Subscription>;

  private assertOpen(): void {
    if (this.closed) throw new Error('event bus is closed');
  }
}
