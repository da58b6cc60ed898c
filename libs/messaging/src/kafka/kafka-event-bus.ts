import {
  Kafka,
  Partitioners,
  logLevel,
  type Consumer,
  type EachBatchPayload,
  type KafkaConfig,
  type KafkaMessage,
  type LogEntry,
  type Message,
  type Producer,
} from 'kafkajs';
import type { EventType, ServiceName } from '@quartier/contracts';
import { batchEnd, deliverBatch, type BatchDeliveryTarget } from '../batch-delivery';
import { EventBusAdapter, type BatchLimits, type ConsumeMode } from '../bus-adapter';
import { deliver, topicsFor } from '../delivery';
import type { Subscription } from '../event-bus';
import { errorMessage, type MessagingLogger } from '../logger';
import type { RetryPolicy } from '../retry';
import { headersToStrings, type WireMessage } from '../wire';
import { fixIdleRequestQueue } from './request-queue-idle-fix';

export type BrokerList = string[] | (() => string[] | Promise<string[]>);

export interface KafkaEventBusOptions {
  service: ServiceName;
  /** host:port list, or a function kafkajs calls again on reconnect (brokers that move). */
  brokers: BrokerList;
  clientId?: string;
  /**
   * Idempotent producer (no duplicates from producer retries). 'auto' (default) enables it when
   * the cluster names a live controller: librdkafka's mock cluster reports controller 0, which
   * does not exist, and kafkajs then cannot obtain a producer id — there we fall back to
   * `acks: -1` with one request in flight, which keeps order per partition all the same.
   */
  idempotent?: boolean | 'auto';
  /** Handler retries before dead-lettering. */
  retry?: Partial<RetryPolicy>;
  consumer?: {
    sessionTimeoutMs?: number;
    heartbeatIntervalMs?: number;
    rebalanceTimeoutMs?: number;
    /** Partitions handled in parallel per subscription (order holds within a partition). */
    partitionsConsumedConcurrently?: number;
    /** Where a consumer group without committed offsets starts. Default: the beginning. */
    fromBeginning?: boolean;
    maxWaitTimeMs?: number;
  };
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** kafkajs's own retries of a produce/connect before the call fails (the relay then backs off). */
  clientRetries?: number;
  logger?: MessagingLogger;
}

/**
 * Kafka adapter (kafkajs). One producer per bus (`acks: -1`, one request in flight so a retried
 * batch cannot overtake the next; the partition follows the envelope key, so order holds per
 * key). One consumer group per subscription; an offset is committed only after its message was
 * handled, i.e. after the handler's transaction committed — a crash in between redelivers, and
 * the inbox absorbs the duplicate.
 */
export class KafkaEventBus extends EventBusAdapter {
  private readonly kafka: Kafka;
  private readonly options: KafkaEventBusOptions;
  private producer: Promise<Producer> | undefined;
  private readonly subscriptions = new Set<KafkaSubscription>();

  constructor(options: KafkaEventBusOptions) {
    super(options.service, options);
    this.options = options;
    const brokers = options.brokers;
    const config: KafkaConfig = {
      clientId: options.clientId ?? `quartier-${options.service}`,
      brokers: typeof brokers === 'function' ? async () => brokers() : brokers,
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      requestTimeout: options.requestTimeoutMs ?? 15000,
      retry: { retries: options.clientRetries ?? 5, initialRetryTime: 100, maxRetryTime: 2000 },
      logLevel: logLevel.INFO,
      logCreator: () => (entry) => this.logKafka(entry),
    };
    // Before any connection exists: kafkajs's idle connections would otherwise spin (see the fix).
    fixIdleRequestQueue();
    this.kafka = new Kafka(config);
  }

  // kafkajs logs every failed connection attempt as an error; we handle those ourselves (relay
  // backoff, consumer restart), so its errors become warnings and its info becomes debug.
  private logKafka({ level, log }: LogEntry): void {
    const { message, timestamp: _t, logger: _l, ...fields } = log;
    if (level <= logLevel.WARN) this.logger.warn(`kafkajs: ${message}`, fields);
    else this.logger.debug(`kafkajs: ${message}`, fields);
  }

  private async supportsIdempotence(): Promise<boolean> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      return cluster.brokers.some((broker) => broker.nodeId === cluster.controller);
    } finally {
      await admin.disconnect();
    }
  }

  private connectProducer(): Promise<Producer> {
    if (!this.producer) {
      const connecting = (async () => {
        const wanted = this.options.idempotent ?? 'auto';
        const idempotent = wanted === 'auto' ? await this.supportsIdempotence() : wanted;
        if (wanted === 'auto' && !idempotent)
          this.logger.info('cluster reports no live controller: producer is not idempotent');
        const producer = this.kafka.producer({
          idempotent,
          maxInFlightRequests: 1,
          allowAutoTopicCreation: true,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        await producer.connect();
        return producer;
      })();
      this.producer = connecting;
      connecting.catch(() => {
        if (this.producer === connecting) this.producer = undefined;
      });
    }
    return this.producer;
  }

  /** After a failed send the producer's state (sequence numbers, metadata) is suspect: renew it. */
  private async dropProducer(): Promise<void> {
    const current = this.producer;
    this.producer = undefined;
    if (current) await current.then((p) => p.disconnect()).catch(() => undefined);
  }

  /** @internal Sends wire messages, grouped per topic, order kept within each topic. */
  async send(messages: readonly WireMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value, headers: m.headers });
      byTopic.set(m.topic, list);
    }
    const producer = await this.connectProducer();
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
      });
    } catch (error) {
      await this.dropProducer();
      throw error;
    }
  }

  protected async transmit(messages: readonly WireMessage[]): Promise<void> {
    await this.send(messages);
  }

  /**
   * One consumer group per subscription. A batch subscription uses kafkajs's `eachBatch`: a
   * fetched batch of a partition is handed over in chunks of up to `maxBatch` events and
   * `maxBatchBytes`.
   */
  protected async consume(
    consumer: string,
    types: readonly EventType[],
    mode: ConsumeMode,
  ): Promise<Subscription> {
    const tuning = this.options.consumer ?? {};
    const sessionTimeout = tuning.sessionTimeoutMs ?? 30_000;
    const kafkaConsumer = this.kafka.consumer({
      groupId: `quartier.${this.service}.${consumer}`,
      sessionTimeout,
      heartbeatInterval: tuning.heartbeatIntervalMs ?? Math.max(100, Math.floor(sessionTimeout / 10)),
      rebalanceTimeout: tuning.rebalanceTimeoutMs ?? 60_000,
      maxWaitTimeInMs: tuning.maxWaitTimeMs ?? 500,
      allowAutoTopicCreation: true,
    });
    const subscription = new KafkaSubscription(
      consumer,
      types,
      topicsFor(types),
      kafkaConsumer,
      this,
      mode,
      this.logger,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    try {
      await subscription.start(tuning.fromBeginning ?? true, tuning.partitionsConsumedConcurrently ?? 3);
    } catch (error) {
      this.subscriptions.delete(subscription);
      await kafkaConsumer.disconnect().catch(() => undefined);
      throw error;
    }
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.dropProducer();
  }
}

const toWire = (topic: string, message: KafkaMessage): WireMessage => ({
  topic,
  key: message.key?.toString('utf8') ?? '',
  value: message.value?.toString('utf8') ?? '',
  headers: headersToStrings(message.headers),
});

class KafkaSubscription implements Subscription {
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private readonly abort = new AbortController();
  private stopping: Promise<void> | undefined;

  constructor(
    readonly consumer: string,
    readonly types: readonly EventType[],
    readonly topics: readonly string[],
    private readonly kafkaConsumer: Consumer,
    private readonly bus: KafkaEventBus,
    private readonly mode: ConsumeMode,
    private readonly logger: MessagingLogger,
    private readonly onStopped: () => void,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    kafkaConsumer.on(kafkaConsumer.events.GROUP_JOIN, () => this.markReady());
    kafkaConsumer.on(kafkaConsumer.events.CRASH, (event) =>
      this.logger.warn('consumer crashed', {
        consumer,
        error: errorMessage(event.payload.error),
        restart: event.payload.restart,
      }),
    );
  }

  async start(fromBeginning: boolean, partitionsConsumedConcurrently: number): Promise<void> {
    await this.kafkaConsumer.connect();
    await this.kafkaConsumer.subscribe({ topics: [...this.topics], fromBeginning });
    const mode = this.mode;
    if (mode.kind === 'batch') {
      await this.kafkaConsumer.run({
        autoCommit: true,
        partitionsConsumedConcurrently,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.eachBatch(payload, mode.target, mode.limits),
      });
      return;
    }
    await this.kafkaConsumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently,
      // Resolving eachMessage marks the offset for commit; throwing (a stop during retries, or a
      // dead letter that could not be written) leaves it uncommitted so the message comes again.
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        await deliver(toWire(topic, message), mode.target, {
          signal: this.abort.signal,
          heartbeat,
          position: { partition, offset: message.offset },
          logger: this.logger,
          deadLetter: (dead) => this.bus.send([dead]),
        });
      },
    });
  }

  /**
   * A chunk's offsets are resolved only after its handler's transaction committed; a stop or a
   * rebalance between chunks leaves the rest unresolved, to be fetched again (the inbox absorbs
   * what was handled but not yet committed).
   */
  private async eachBatch(
    { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload,
    target: BatchDeliveryTarget,
    limits: BatchLimits,
  ): Promise<void> {
    for (let start = 0, end = 0; start < batch.messages.length; start = end) {
      if (!isRunning() || isStale()) return;
      end = batchEnd(batch.messages, start, limits, (m) => m.value?.length ?? 0);
      const chunk = batch.messages.slice(start, end);
      await deliverBatch(
        chunk.map((message) => ({
          message: toWire(batch.topic, message),
          position: { partition: batch.partition, offset: message.offset },
        })),
        target,
        {
          signal: this.abort.signal,
          heartbeat,
          logger: this.logger,
          deadLetter: (dead) => this.bus.send([dead]),
        },
      );
      resolveOffset(chunk[chunk.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  stop(): Promise<void> {
    if (!this.stopping) {
      this.abort.abort();
      this.stopping = this.kafkaConsumer
        .disconnect()
        .catch((error) =>
          this.logger.warn('consumer disconnect failed', {
            consumer: this.consumer,
            error: errorMessage(error),
          }),
        )
        .finally(() => this.onStopped());
    }
    return this.stopping;
  }
}
