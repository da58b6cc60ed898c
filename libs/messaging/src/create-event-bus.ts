import type { ServiceName } from '@quartier/contracts';
import type { EventBus } from './event-bus';
import type { InProcessBroker } from './in-process/in-process-broker';
import { InProcessEventBus } from './in-process/in-process-event-bus';
import { KafkaEventBus, type KafkaEventBusOptions } from './kafka/kafka-event-bus';
import type { MessagingLogger } from './logger';
import type { RetryPolicy } from './retry';

export interface EventBusConfig {
  service: ServiceName;
  /** `host:port,host:port` (as KAFKA_BROKERS) or a list; empty or absent → in-process bus. */
  kafkaBrokers?: string | readonly string[];
  /** Kafka tuning (timeouts, idempotence, consumer group settings). */
  kafka?: Omit<Partial<KafkaEventBusOptions>, 'service' | 'brokers' | 'retry' | 'logger'>;
  /** In-process medium; defaults to the process-wide one all embedded modules share. */
  inProcessBroker?: InProcessBroker;
  retry?: Partial<RetryPolicy>;
  logger?: MessagingLogger;
}

export function parseBrokers(brokers: string | readonly string[] | undefined): string[] {
  const list = typeof brokers === 'string' ? brokers.split(',') : [...(brokers ?? [])];
  return list.map((b) => b.trim()).filter((b) => b.length > 0);
}

/** Kafka when brokers are configured (distributed mode), otherwise the in-process bus (embedded). */
export function createEventBus(config: EventBusConfig): EventBus {
  const brokers = parseBrokers(config.kafkaBrokers);
  if (brokers.length > 0) {
    return new KafkaEventBus({
      ...config.kafka,
      service: config.service,
      brokers,
      retry: config.retry,
      logger: config.logger,
    });
  }
  return new InProcessEventBus({
    service: config.service,
    broker: config.inProcessBroker,
    retry: config.retry,
    logger: config.logger,
  });
}
