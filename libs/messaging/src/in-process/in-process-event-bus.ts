import type { EventType, ServiceName } from '@quartier/contracts';
import { EventBusAdapter, type ConsumeMode } from '../bus-adapter';
import { deliver, type DeliveryTarget } from '../delivery';
import { DeliveryAbortedError } from '../errors';
import type { Subscription } from '../event-bus';
import { InProcessBatchSubscription } from './in-process-batch-subscription';
import { InProcessSubscriber } from './in-process-subscriber';
import { errorMessage, type MessagingLogger } from '../logger';
import { sleep, type RetryPolicy } from '../retry';
import { DEAD_LETTER_CONSUMER_HEADER, type WireMessage } from '../wire';
import { DEAD_LETTER_REASON_HEADER } from '@quartier/contracts';

/** A message parked by a consumer, as the Kafka adapter would produce it to `<topic>.dlq`. */
export interface DeadLetterRecord extends WireMessage {
  reason: string;
  consumer: string;
}

/**
 * The shared medium of in-process buses: every service module of the embedded platform gets its
 * own InProcessEventBus, and they meet here, as services meet at the Kafka cluster.
 */
export class InProcessBroker {
  readonly deadLetters: DeadLetterRecord[] = [];
  private readonly subscribers = new Set<BrokerSubscriber>();
  private readonly roomWaiters: (() => void)[] = [];
  private readonly slotWaiters: (() => void)[] = [];
  private batchesInFlight = 0;

  /**
   * @param highWaterBytes how many bytes of messages one subscriber may hold queued before
   *   `publish` waits for it. Kafka keeps a slow consumer's backlog on the broker's disk; here
   *   the backlog is the process's memory, so a burst (a value import over 50,000 areas
   *   publishes 1.5 million values, ~130 MB of JSON) must not outrun its consumers.
   *   Publishers are outbox relays, which then simply leave the rest pending in their table.
   * @param concurrentBatches how many batches the broker's batch subscriptions handle at the
   *   same time, all together. With Kafka each service consumes in its own process; here six
   *   read models share one event loop with the platform's requests. When all six applied their
   *   batches of 1,000 area events at once, each turn of the loop ran six of their decoding,
   *   encoding and writing stretches back to back, and a request, which needs several turns (token,
   *   queries, answer), waited 150–300 ms (50,000 areas). Two at a time keep PostgreSQL and the loop
   *   as busy as six (the 50,000 areas replicate as fast), a third waits its turn (first come,
   *   first served); one at a time took twice as long to replicate.
   */
  constructor(
    private readonly highWaterBytes = 16 * 1024 * 1024,
    private readonly concurrentBatches = 2,
  ) {}

  /**
   * @internal Waits for one of the broker's batch slots (first come, first served) and
   * answers the function that gives it back (once; later calls do nothing).
   */
  async batchSlot(): Promise<() => void> {
    if (this.batchesInFlight < this.concurrentBatches) this.batchesInFlight++;
    // A released slot passes straight to the longest waiter, so no later caller can take it first.
    else await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.slotWaiters.shift();
      if (next) next();
      else this.batchesInFlight--;
    };
  }

  /** @internal */
  attach(subscription: BrokerSubscriber): void {
    for (const existing of this.subscribers) {
      if (existing.groupId === subscription.groupId)
        throw new Error(`consumer ${subscription.groupId} is already subscribed`);
    }
    this.subscribers.add(subscription);
  }

  /** @internal */
  detach(subscription: BrokerSubscriber): void {
    this.subscribers.delete(subscription);
    this.released();
  }

  /**
   * Hands the messages to every subscriber, then resolves once no subscriber holds more than
   * the high-water mark (at once, usually). Must not be awaited inside a delivery to a
   * subscriber that receives what it publishes: that subscriber could not drain.
   * @internal
   */
  async publish(messages: readonly WireMessage[]): Promise<void> {
    for (const message of messages) for (const subscriber of this.subscribers) subscriber.offer(message);
    while (this.overfull()) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  /** @internal A subscriber calls this when it has let go of queued messages. */
  released(): void {
    if (this.roomWaiters.length > 0 && !this.overfull())
      for (const resolve of this.roomWaiters.splice(0)) resolve();
  }

  private overfull(): boolean {
    for (const subscriber of this.subscribers) if (subscriber.queuedBytes > this.highWaterBytes) return true;
    return false;
  }

  /** @internal */
  deadLetter(message: WireMessage): void {
    this.deadLetters.push({
      ...message,
      reason: message.headers[DEAD_LETTER_REASON_HEADER] ?? '',
      consumer: message.headers[DEAD_LETTER_CONSUMER_HEADER] ?? '',
    });
  }

  /** Resolves when no subscriber has anything queued or in flight (handlers may publish more). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const busy = [...this.subscribers].filter((s) => !s.idle);
      if (busy.length === 0) return;
      await Promise.all(busy.map((s) => s.whenIdle()));
    }
  }
}

/** @internal What the broker hands messages to: a subscription of either kind. */
export interface BrokerSubscriber {
  readonly groupId: string;
  readonly idle: boolean;
  /** Bytes of message values offered and not yet handled (or dropped). */
  readonly queuedBytes: number;
  whenIdle(): Promise<void>;
  offer(message: WireMessage): void;
  stop(): Promise<void>;
}

/** The medium the embedded platform's modules share unless given their own. */
export const defaultInProcessBroker = new InProcessBroker();

/** A subscription of single events: one lane per key, so order per key holds and keys proceed in parallel. */
class InProcessSubscription extends InProcessSubscriber {
  private readonly lanes = new Map<string, WireMessage[]>();

  constructor(
    groupId: string,
    consumer: string,
    types: readonly EventType[],
    private readonly target: DeliveryTarget,
    broker: InProcessBroker,
    logger: MessagingLogger,
  ) {
    super(groupId, consumer, types, broker, logger);
  }

  get idle(): boolean {
    return this.lanes.size === 0;
  }

  protected enqueue(message: WireMessage): void {
    const lane = this.lanes.get(message.key);
    if (lane) {
      lane.push(message);
      return;
    }
    const fresh = [message];
    this.lanes.set(message.key, fresh);
    // Delivery is asynchronous, never inside the publisher's call stack (as with a broker).
    setImmediate(() => void this.drain(message.key, fresh));
  }

  /** One lane per key: strictly sequential, so order per key holds; keys proceed in parallel. */
  private async drain(key: string, lane: WireMessage[]): Promise<void> {
    try {
      while (lane.length > 0 && !this.stopped) {
        try {
          await deliver(lane[0], this.target, this.io);
        } catch (error) {
          if (error instanceof DeliveryAbortedError) break;
          // deliver() only rejects on abort or a failing dead-letter sink; neither happens here,
          // but never let one message wedge its lane.
          this.logger.error('in-process delivery failed', {
            consumer: this.consumer,
            key,
            error: errorMessage(error),
          });
        }
        this.forget(lane.splice(0, 1));
      }
      if (lane.length > 0)
        this.logger.warn('in-process subscription stopped with undelivered events', {
          consumer: this.consumer,
          key,
          dropped: lane.length,
        });
    } finally {
      this.lanes.delete(key);
      this.forget(lane.splice(0));
      if (this.idle) this.wakeIdleWaiters();
    }
  }
}

export interface InProcessEventBusOptions {
  service: ServiceName;
  /** Defaults to the process-wide `defaultInProcessBroker`. */
  broker?: InProcessBroker;
  retry?: Partial<RetryPolicy>;
  logger?: MessagingLogger;
  /** On close, how long queued events may still be handled before they are dropped. */
  closeGraceMs?: number;
}

/**
 * Embedded-mode adapter: no broker, same semantics as Kafka for handlers — asynchronous delivery,
 * order per key, retries with backoff, dead letters (kept in `broker.deadLetters`). Events live
 * only in memory: what is queued when the process dies is gone, which the outbox cannot undo
 * (the rows are already marked sent). Embedded mode accepts that; distributed mode uses Kafka.
 */
export class InProcessEventBus extends EventBusAdapter {
  readonly broker: InProcessBroker;
  private readonly closeGraceMs: number;
  private readonly subscriptions = new Set<BrokerSubscriber>();

  constructor(options: InProcessEventBusOptions) {
    super(options.service, options);
    this.broker = options.broker ?? defaultInProcessBroker;
    this.closeGraceMs = options.closeGraceMs ?? 5000;
  }

  get deadLetters(): readonly DeadLetterRecord[] {
    return this.broker.deadLetters;
  }

  protected async transmit(messages: readonly WireMessage[]): Promise<void> {
    await this.broker.publish(messages);
  }

  /**
   * A single subscription keeps one lane per key; a batch subscription one queue, drained one
   * batch at a time: whatever arrived while the previous batch was handled forms the next one (up
   * to `maxBatch` events and `maxBatchBytes`), so a burst of thousands of events becomes a few
   * transactions instead of thousands of concurrent ones.
   */
  protected async consume(
    consumer: string,
    types: readonly EventType[],
    mode: ConsumeMode,
  ): Promise<Subscription> {
    const groupId = `${this.service}.${consumer}`;
    const subscription =
      mode.kind === 'single'
        ? new InProcessSubscription(groupId, consumer, types, mode.target, this.broker, this.logger)
        : new InProcessBatchSubscription(groupId, types, mode.target, mode.limits, this.broker, this.logger);
    this.broker.attach(subscription);
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Resolves when this bus's subscriptions have handled everything queued for them. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.whenIdle()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const grace = new AbortController();
    await Promise.race([this.whenIdle(), sleep(this.closeGraceMs, grace.signal)]);
    grace.abort();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
  }
}
