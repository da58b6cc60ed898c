import type { EventType } from '@quartier/contracts';
import { batchEnd, deliverBatch, type BatchDeliveryTarget } from '../batch-delivery';
import { topicsFor } from '../delivery';
import { DeliveryAbortedError } from '../errors';
import type { Subscription } from '../event-bus';
import { errorMessage, type MessagingLogger } from '../logger';
import type { WireMessage } from '../wire';
import type { BatchLimits } from '../bus-adapter';
import type { BrokerSubscriber, InProcessBroker } from './in-process-event-bus';

/**
 * A batch subscription of the in-process bus: one queue in arrival order (hence order per key),
 * drained by one loop that hands over up to `maxBatch` queued events (and `maxBatchBytes` of
 * them) at a time. Delivery is asynchronous, never inside the publisher's call stack.
 */
export class InProcessBatchSubscription implements Subscription, BrokerSubscriber {
  readonly topics: readonly string[];
  readonly ready = Promise.resolve();
  readonly consumer: string;
  private readonly topicSet: ReadonlySet<string>;
  private readonly queue: WireMessage[] = [];
  private readonly abort = new AbortController();
  private readonly idleWaiters: (() => void)[] = [];
  private draining = false;
  private stopped = false;
  private queued = 0;

  constructor(
    readonly groupId: string,
    readonly types: readonly EventType[],
    private readonly target: BatchDeliveryTarget,
    private readonly limits: BatchLimits,
    private readonly broker: InProcessBroker,
    private readonly logger: MessagingLogger,
  ) {
    this.consumer = target.consumer;
    this.topics = topicsFor(types);
    this.topicSet = new Set(this.topics);
  }

  get idle(): boolean {
    return !this.draining && this.queue.length === 0;
  }

  get queuedBytes(): number {
    return this.queued;
  }

  whenIdle(): Promise<void> {
    return this.idle ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  offer(message: WireMessage): void {
    if (this.stopped || !this.topicSet.has(message.topic)) return;
    this.queue.push(message);
    this.queued += message.value.length;
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const batch = this.queue.slice(
          0,
          batchEnd(this.queue, 0, this.limits, (m) => m.value.length),
        );
        try {
          await deliverBatch(
            batch.map((message) => ({ message })),
            this.target,
            {
              signal: this.abort.signal,
              logger: this.logger,
              deadLetter: async (dead) => this.broker.deadLetter(dead),
            },
          );
        } catch (error) {
          if (error instanceof DeliveryAbortedError) break;
          // Only an abort or a failing dead-letter sink reject; never let one batch wedge the queue.
          this.logger.error('in-process batch delivery failed', {
            consumer: this.consumer,
            error: errorMessage(error),
          });
        }
        this.forget(this.queue.splice(0, batch.length));
      }
      if (this.queue.length > 0)
        this.logger.warn('in-process subscription stopped with undelivered events', {
          consumer: this.consumer,
          dropped: this.queue.length,
        });
    } finally {
      this.draining = false;
      if (this.stopped) this.forget(this.queue.splice(0));
      if (this.idle) for (const resolve of this.idleWaiters.splice(0)) resolve();
      else if (!this.stopped) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    }
  }

  /** Forgets messages handled or dropped, and tells the broker there is room again. */
  private forget(messages: readonly WireMessage[]): void {
    for (const message of messages) this.queued -= message.value.length;
    this.broker.released();
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.whenIdle();
    this.stopped = true;
    this.abort.abort();
    this.broker.detach(this);
    await this.whenIdle();
  }
}
