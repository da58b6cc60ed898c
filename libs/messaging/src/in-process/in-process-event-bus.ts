import type { EventType, ServiceName } from '@quartier/contracts';
import { EventBusAdapter, type ConsumeMode } from '../bus-adapter';
import { deliver, type DeliveryTarget } from '../delivery';
import { DeliveryAbortedError } from '../errors';
import type { Subscription } from '../event-bus';
import { InProcessBatchSubscription } from './in-process-batch-subscription';
import {
  type BrokerSubscriber,
  type DeadLetterRecord,
  defaultInProcessBroker,
  type InProcessBroker,
} from './in-process-broker';
import { InProcessSubscriber } from './in-process-subscriber';
import { errorMessage, type MessagingLogger } from '../logger';
import { sleep, type RetryPolicy } from '../retry';
import type { WireMessage } from '../wire';

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
