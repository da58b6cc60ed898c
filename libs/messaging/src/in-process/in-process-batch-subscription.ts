import type { EventType } from '@quartier/contracts';
import { batchEnd, deliverBatch, type BatchDeliveryTarget } from '../batch-delivery';
import { DeliveryAbortedError } from '../errors';
import { errorMessage, type MessagingLogger } from '../logger';
import type { WireMessage } from '../wire';
import type { BatchLimits } from '../bus-adapter';
import type { InProcessBroker } from './in-process-broker';
import { InProcessSubscriber } from './in-process-subscriber';

/**
 * A batch subscription of the in-process bus: one queue in arrival order (hence order per key),
 * drained by one loop that hands over up to `maxBatch` queued events (and `maxBatchBytes` of
 * them) at a time. Delivery is asynchronous, never inside the publisher's call stack.
 */
export class InProcessBatchSubscription extends InProcessSubscriber {
  private readonly queue: WireMessage[] = [];
  private draining = false;

  constructor(
    groupId: string,
    types: readonly EventType[],
    private readonly target: BatchDeliveryTarget,
    private readonly limits: BatchLimits,
    broker: InProcessBroker,
    logger: MessagingLogger,
  ) {
    super(groupId, target.consumer, types, broker, logger);
  }

  get idle(): boolean {
    return !this.draining && this.queue.length === 0;
  }

  protected enqueue(message: WireMessage): void {
    this.queue.push(message);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const release = await this.broker.batchSlot();
        if (this.stopped) {
          release();
          break;
        }
        const batch = this.queue.slice(
          0,
          batchEnd(this.queue, 0, this.limits, (m) => m.value.length),
        );
        try {
          await deliverBatch(
            batch.map((message) => ({ message })),
            this.target,
            this.io,
          );
        } catch (error) {
          if (error instanceof DeliveryAbortedError) break;
          // Only an abort or a failing dead-letter sink reject; never let one batch wedge the queue.
          this.logger.error('in-process batch delivery failed', {
            consumer: this.consumer,
            error: errorMessage(error),
          });
        } finally {
          release();
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
      if (this.idle) this.wakeIdleWaiters();
      else if (!this.stopped) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    }
  }
}
