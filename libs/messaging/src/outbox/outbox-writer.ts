import type { EntityManager } from 'typeorm';
import {
  topicOf,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  type ServiceName,
} from '@quartier/contracts';
import { createEnvelope, type PublishMeta } from '../envelope';
import { outboxChannel, schemaIdentifier } from '../sql';

export interface OutboxWriterOptions {
  service: ServiceName;
  /** The service's schema; defaults to the service name. */
  schema?: string;
}

export interface OutboxEvent<K extends EventType = EventType> {
  type: K;
  payload: EventPayload<K>;
  meta: PublishMeta;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so the state change
 * and the event commit together or not at all. The relay publishes them afterwards.
 *
 * Append after the state change it reports: a concurrent transaction touching the same aggregate
 * then waits on the row lock and appends (and commits) after this one, so the outbox order of
 * one key is the order in which the changes really happened.
 */
export class OutboxWriter {
  readonly service: ServiceName;
  readonly schema: string;
  private readonly table: string;
  private readonly channel: string;

  constructor(options: OutboxWriterOptions) {
    this.service = options.service;
    this.schema = options.schema ?? options.service;
    this.table = `${schemaIdentifier(this.schema)}."outbox"`;
    this.channel = outboxChannel(this.schema);
  }

  async append<K extends EventType>(
    manager: EntityManager,
    type: K,
    payload: EventPayload<K>,
    meta: PublishMeta,
  ): Promise<EventEnvelope<EventPayload<K>>> {
    const [envelope] = await this.appendMany(manager, [{ type, payload, meta }]);
    return envelope as EventEnvelope<EventPayload<K>>;
  }

  /** Several events in one statement, kept in the given order. */
  async appendMany(manager: EntityManager, events: readonly OutboxEvent[]): Promise<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Without the caller's transaction the insert would commit on its own, and the whole point
      // (event if and only if state change) would silently be lost.
      throw new Error(
        'OutboxWriter needs the EntityManager of an open transaction (dataSource.transaction(manager => …))',
      );
    }
    if (events.length === 0) return [];
    const envelopes = events.map((event) =>
      createEnvelope(event.type, event.payload, event.meta, this.service),
    );
    const column = <T>(pick: (e: EventEnvelope) => T) => envelopes.map(pick);
    await manager.query(
      `INSERT INTO ${this.table} ("id", "topic", "key", "type", "version", "tenant_id", "correlation_id", "envelope")
       SELECT id, topic, key, type, version, tenant_id, correlation_id, envelope
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::jsonb[])
         WITH ORDINALITY AS t(id, topic, key, type, version, tenant_id, correlation_id, envelope, ord)
       ORDER BY ord`,
      [
        column((e) => e.id),
        column((e) => topicOf(e.producer)),
        column((e) => e.key),
        column((e) => e.type),
        column((e) => e.version),
        column((e) => e.tenantId),
        column((e) => e.correlationId),
        column((e) => JSON.stringify(e)),
      ],
    );
    // Delivered to the relay's LISTEN only when (and if) the transaction commits.
    await manager.query('SELECT pg_notify($1, $2)', [this.channel, '']);
    return envelopes;
  }
}
