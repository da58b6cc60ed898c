import type { EventType } from '@quartier/contracts';
import type { DeliveryIO } from '../delivery';
import { topicsFor } from '../delivery';
import type { Subscription } from '../event-bus';
import type { MessagingLogger } from '../logger';
import type { WireMessage } from '../wire';
import type { BrokerSubscriber, InProcessBroker } from './in-process-broker';

/**
 * What a subscription of the in-process bus is to the broker, single or batch alike: it takes
 * the messages of its topics, counts the bytes it holds until it lets go of them (the broker's
 * backpressure reads them), wakes whoever waits for it to be idle, and on stop drops what it
 * holds. Subclasses keep the messages in their own order (lanes per key, one queue) and drain them.
 */
export abstract class InProcessSubscriber implements Subscription, BrokerSubscriber {
  readonly topics: readonly string[];
  readonly ready = Promise.resolve();
  /** How a delivery reaches the broker: aborted on stop, dead letters kept by the broker. */
  protected readonly io: Pick<DeliveryIO, 'deadLetter' | 'signal' | 'logger'>;
  protected stopped = false;
  private readonly topicSet: ReadonlySet<string>;
  private readonly abort = new AbortController();
  private readonly idleWaiters: (() => void)[] = [];
  private queued = 0;

  constructor(
    readonly groupId: string,
    readonly consumer: string,
    readonly types: readonly EventType[],
    protected readonly broker: InProcessBroker,
    protected readonly logger: MessagingLogger,
  ) {
    this.topics = topicsFor(types);
    this.topicSet = new Set(this.topics);
    this.io = {
      signal: this.abort.signal,
      logger,
      deadLetter: async (dead) => broker.deadLetter(dead),
    };
  }

  /** Nothing queued and nothing in flight. */
  abstract get idle(): boolean;

  /** Keeps an accepted message until it is handled or dropped (passed to `forget`). */
  protected abstract enqueue(message: WireMessage): void;

  get queuedBytes(): number {
    return this.queued;
  }

  whenIdle(): Promise<void> {
    return this.idle ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  offer(message: WireMessage): void {
    if (this.stopped || !this.topicSet.has(message.topic)) return;
    this.queued += message.value.length;
    this.enqueue(message);
  }

  /** Forgets messages handled or dropped, and tells the broker there is room again. */
  protected forget(messages: readonly WireMessage[]): void {
    for (const message of messages) this.queued -= message.value.length;
    this.broker.released();
  }

  /** Resolves the `whenIdle` waiters; subclasses call it once they have become idle. */
  protected wakeIdleWaiters(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.whenIdle();
    this.stopped = true;
    this.abort.abort();
    this.broker.detach(this);
    await this.whenIdle();
  }
}
