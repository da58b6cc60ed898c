import type { EntityManager } from 'typeorm';
import {
  topicOf,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  type ServiceName,
} from '@quartier/contracts';
import { quoteIdent } from '@quartier/persistence';
import { createEnvelope, type PublishMeta } from '../envelope';
import { eventLoopTurns } from '../event-loop-turns';
import { outboxChannel } from '../sql';

/** JSON per INSERT statement (an envelope larger than this goes alone). */
const STATEMENT_BYTES = 2 * 1024 * 1024;
/** Longest stretch of checking and encoding before other work of the process gets a turn. */
const SLICE_MS = 10;

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
    this.table = `${quoteIdent(this.schema)}."outbox"`;
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

  /** Several events, a few statements for many of them, kept in the given order. */
  async appendMany(manager: EntityManager, events: readonly OutboxEvent[]): Promise<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Without the caller's transaction the insert would commit on its own, and the whole point
      // (event if and only if state change) would silently be lost.
      throw new Error(
        'OutboxWriter needs the EntityManager of an open transaction (dataSource.transaction(manager => …))',
      );
    }
    if (events.length === 0) return [];
    // JSON documents rather than eight arrays: PostgreSQL parses them in C, where node-pg would
    // escape every character of every envelope for an array literal (seconds for 50,000 events).
    // Several documents of up to ~2 MB each, one statement apiece (in order, so positions keep
    // the order given): an area import's 50,000 envelopes were one 60 MB string in this process
    // and one 60 MB parameter for PostgreSQL, which walks such a document slower per element
    // than small ones (jsonb_array_elements: 75 ms for 10,000 elements, 1.6 s for 50,000).
    let chunk: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await manager.query(
        `INSERT INTO ${this.table} ("id", "topic", "key", "type", "version", "tenant_id", "correlation_id", "envelope")
         SELECT r.id, r.topic, r.key, r.type, r.version, r.tenant_id, r.correlation_id, r.envelope
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(row, ord),
           LATERAL jsonb_to_record(t.row)
             AS r(id uuid, topic text, key text, type text, version int, tenant_id text, correlation_id text, envelope jsonb)
         ORDER BY t.ord`,
        [`[${chunk.join(',')}]`],
      );
      chunk = [];
      bytes = 0;
    };
    // Every event is checked before any is written, so a refused one leaves nothing behind even
    // for a caller that catches the error and commits. A check takes tens of microseconds: the
    // 50,000 of an area import, checked in one go, held every other request of the process for
    // a second or two, so the checks let the event loop turn every SLICE_MS.
    const envelopes: EventEnvelope[] = [];
    const turn = eventLoopTurns(SLICE_MS);
    for (const event of events) {
      await turn();
      envelopes.push(createEnvelope(event.type, event.payload, event.meta, this.service));
    }
    for (const e of envelopes) {
      const row = JSON.stringify({
        id: e.id,
        topic: topicOf(e.producer),
        key: e.key,
        type: e.type,
        version: e.version,
        tenant_id: e.tenantId,
        correlation_id: e.correlationId,
        envelope: e,
      });
      if (bytes + row.length > STATEMENT_BYTES) await flush();
      chunk.push(row);
      bytes += row.length;
    }
    await flush();
    // Delivered to the relay's LISTEN only when (and if) the transaction commits.
    await manager.query('SELECT pg_notify($1, $2)', [this.channel, '']);
    return envelopes;
  }
}
