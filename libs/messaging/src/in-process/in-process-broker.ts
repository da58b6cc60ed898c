import { DEAD_LETTER_REASON_HEADER } from '@quartier/contracts';
import { DEAD_LETTER_CONSUMER_HEADER, type WireMessage } from '../wire';

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
