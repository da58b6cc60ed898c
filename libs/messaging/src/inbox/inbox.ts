import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@quartier/contracts';
import { quoteIdent } from '@quartier/persistence';

export type InboxResult<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * Idempotent consumption: the event id is recorded in the same transaction as the handler's
 * effect. A redelivered event (consumer crashed before committing its offset, relay published a
 * batch twice) finds its id and does nothing; two concurrent deliveries of one event serialise
 * on the primary key, and the second sees the first's row once it commits.
 */
export class Inbox {
  readonly schema: string;
  private readonly table: string;

  constructor(options: { schema: string }) {
    this.schema = options.schema;
    this.table = `${quoteIdent(options.schema)}."inbox"`;
  }

  async handleOnce<T>(
    dataSource: DataSource,
    consumer: string,
    envelope: Pick<EventEnvelope, 'id' | 'type'>,
    effect: (manager: EntityManager) => Promise<T>,
  ): Promise<InboxResult<T>> {
    return dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${this.table} ("consumer", "event_id", "type") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "event_id"`,
        [consumer, envelope.id, envelope.type],
      );
      if (inserted.length === 0) return { duplicate: true } as const;
      return { duplicate: false, result: await effect(manager) } as const;
    });
  }

  /**
   * A batch in one transaction: the ids of events not seen before are recorded in one statement
   * and only those events (first occurrence, delivery order) reach `effect`. Concurrent batches
   * overlapping in events serialise on the primary key like single deliveries do.
   */
  async handleBatchOnce<E extends Pick<EventEnvelope, 'id' | 'type'>, T>(
    dataSource: DataSource,
    consumer: string,
    envelopes: readonly E[],
    effect: (manager: EntityManager, fresh: readonly E[]) => Promise<T>,
  ): Promise<{ fresh: number; result: T | undefined }> {
    if (envelopes.length === 0) return { fresh: 0, result: undefined };
    return dataSource.transaction(async (manager) => {
      const inserted: { event_id: string }[] = await manager.query(
        `INSERT INTO ${this.table} ("consumer", "event_id", "type")
         SELECT $1, e.id, e.type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
         ON CONFLICT DO NOTHING RETURNING "event_id"`,
        [consumer, envelopes.map((e) => e.id), envelopes.map((e) => e.type)],
      );
      const recorded = new Set(inserted.map((row) => row.event_id));
      const fresh = envelopes.filter((e) => recorded.delete(e.id.toLowerCase()));
      if (fresh.length === 0) return { fresh: 0, result: undefined };
      return { fresh: fresh.length, result: await effect(manager, fresh) };
    });
  }

  async processed(dataSource: DataSource, consumer: string, eventId: string): Promise<boolean> {
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM ${this.table} WHERE "consumer" = $1 AND "event_id" = $2`,
      [consumer, eventId],
    );
    return rows.length > 0;
  }

  /**
   * Forgets events older than the retention; choose it longer than any redelivery can take
   * (the topic's retention is the natural bound).
   */
  async cleanup(dataSource: DataSource, retentionMs: number): Promise<number> {
    const result: [unknown[], number] = await dataSource.query(
      `DELETE FROM ${this.table} WHERE "processed_at" < now() - $1 * interval '1 millisecond'`,
      [retentionMs],
    );
    return result[1];
  }
}
