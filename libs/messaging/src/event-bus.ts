import type { EventEnvelope, EventPayload, EventType, ServiceName } from '@quartier/contracts';
import { createEnvelope, type PublishMeta } from './envelope';
import { InvalidEventError } from './errors';
import { encodeEnvelope, type WireMessage } from './wire';
import type { RetryPolicy } from './retry';

/** An envelope whose `type` narrows its payload: `switch (event.type)` gives typed payloads. */
export type DeliveredEvent<K extends EventType> = {
  [T in K]: EventEnvelope<EventPayload<T>> & { type: T };
}[K];

/** What a handler knows about the delivery besides the event (for logs and the inbox). */
export interface EventContext {
  /** The subscription's consumer name; also the inbox's consumer key. */
  consumer: string;
  topic: string;
  /** 1 for the first invocation, then counting retries. */
  attempt: number;
  correlationId: string;
  /** Kafka only. */
  partition?: number;
  offset?: string;
}

export type EventHandler<K extends EventType> = (
  event: DeliveredEvent<K>,
  context: EventContext,
) => Promise<void> | void;

export interface SubscribeOptions {
  retry?: Partial<RetryPolicy>;
}

/** What a batch handler knows about the delivery. */
export interface BatchContext {
  consumer: string;
  /** 1 for the first invocation of this batch, then counting retries. */
  attempt: number;
}

/**
 * Handles several events at once (e.g. in one transaction). The events come in delivery order,
 * so order per key holds within and across batches. Resolving marks every event of the batch as
 * done; a batch that still fails after its retries is delivered again one event at a time, so
 * only the event that cannot be processed is dead-lettered.
 */
export type BatchEventHandler<K extends EventType> = (
  events: readonly DeliveredEvent<K>[],
  context: BatchContext,
) => Promise<void> | void;

export interface BatchSubscribeOptions extends SubscribeOptions {
  /** Most events per batch (default 500). */
  maxBatch?: number;
  /**
   * Most bytes of message values per batch (default 4 MiB; a single larger event still forms a
   * batch of its own). Keeps memory flat whatever the events weigh: 500 area events are ~0.5 MB,
   * 500 published value facts (2,000 values each) would be ~130 MB of JSON before parsing.
   */
  maxBatchBytes?: number;
}

export const DEFAULT_MAX_BATCH = 500;
export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

export interface Subscription {
  readonly consumer: string;
  readonly types: readonly EventType[];
  readonly topics: readonly string[];
  /** Resolves once the subscription receives events (Kafka: after joining its consumer group). */
  readonly ready: Promise<void>;
  /** Stops receiving; an event in flight finishes (or, while retrying, is abandoned uncommitted). */
  stop(): Promise<void>;
}

/**
 * The messaging port. Services depend on this abstract class (it doubles as the Nest DI token);
 * the Kafka adapter or the in-process adapter implements it.
 *
 * Services normally publish through the transactional outbox (OutboxWriter), whose relay calls
 * `publishRaw`; `publish` directly is for events that need no atomicity with a state change.
 */
export abstract class EventBus {
  abstract readonly service: ServiceName;

  /** Builds the envelope (contract version, producer, `tenantId:key`) and publishes it. */
  async publish<K extends EventType>(
    type: K,
    payload: EventPayload<K>,
    meta: PublishMeta,
  ): Promise<EventEnvelope<EventPayload<K>>> {
    const envelope = createEnvelope(type, payload, meta, this.service);
    await this.publishRaw([envelope]);
    return envelope;
  }

  /**
   * Publishes ready envelopes in the given order (order per key is kept) and resolves once the
   * broker has accepted all of them; rejects if any was not accepted (the caller retries all).
   */
  async publishRaw(envelopes: readonly EventEnvelope[]): Promise<void> {
    // A service publishes only its own events: the envelope's producer is part of the contract.
    for (const envelope of envelopes)
      if (envelope.producer !== this.service)
        throw new InvalidEventError(
          `${this.service} cannot publish ${envelope.producer}'s event ${envelope.type}`,
        );
    await this.publishEncoded(envelopes.map(encodeEnvelope));
  }

  /**
   * Like `publishRaw`, for envelopes already encoded (the outbox relay hands over the JSON that
   * PostgreSQL stored, without parsing and encoding it again). Only this service's topic.
   */
  abstract publishEncoded(messages: readonly WireMessage[]): Promise<void>;

  /**
   * Delivers events of the given types (from their producers' topics) to `handler`, one at a time
   * per key, retrying failures with backoff and dead-lettering what cannot be processed.
   * `consumer` names the subscription durably (Kafka consumer group, inbox key): keep it stable.
   */
  abstract subscribe<K extends EventType>(
    consumer: string,
    types: readonly K[],
    handler: EventHandler<K>,
    options?: SubscribeOptions,
  ): Promise<Subscription>;

  /**
   * Like `subscribe`, but hands over what has arrived in batches of up to `maxBatch` events.
   * Adapters that cannot batch deliver batches of one (this default).
   */
  subscribeBatch<K extends EventType>(
    consumer: string,
    types: readonly K[],
    handler: BatchEventHandler<K>,
    options: BatchSubscribeOptions = {},
  ): Promise<Subscription> {
    return this.subscribe(
      consumer,
      types,
      (event, context) => handler([event], { consumer: context.consumer, attempt: context.attempt }),
      { retry: options.retry },
    );
  }

  /** Stops every subscription and releases connections. */
  abstract close(): Promise<void>;
}
