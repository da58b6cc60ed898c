import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { quoteIdent } from '@quartier/persistence';
import type { EventBus } from '../event-bus';
import { defaultLogger, errorMessage, type MessagingLogger } from '../logger';
import { backoffDelay, sleep } from '../retry';
import { outboxChannel } from '../sql';
import { wireMessage, type EnvelopeRouting } from '../wire';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  bus: Pick<EventBus, 'publishEncoded'>;
  schema: string;
  /** Rows claimed and published per transaction. */
  batchSize?: number;
  /**
   * Most bytes of envelopes (as stored, possibly compressed) per batch; at least one row goes.
   * Default 4 MiB: 500 area events are ~0.5 MB, 500 parts of 2,000 indicator values would be
   * ~130 MB of JSON parsed into objects at once.
   */
  batchBytes?: number;
  /** Safety-net poll while idle (LISTEN/NOTIFY normally wakes the relay at once). */
  pollIntervalMs?: number;
  /** LISTEN for the writer's NOTIFY on a dedicated connection (one pool slot). Default true. */
  listen?: boolean;
  /** Backoff while publishing fails (broker down) or the database is unreachable. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Deletes sent rows older than `retentionMs` every `intervalMs`; false to leave them. */
  cleanup?: false | { retentionMs?: number; intervalMs?: number };
  logger?: MessagingLogger;
}

export interface OutboxRelayStats {
  published: number;
  batches: number;
  failures: number;
  consecutiveFailures: number;
  lastError?: string;
}

/** A claimed row: its envelope as the JSON text PostgreSQL stored, and the columns beside it. */
interface ClaimedRow extends EnvelopeRouting {
  position: string;
  topic: string;
  value: string;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Publishes outbox rows through the event bus and marks them sent.
 *
 * Each batch is one transaction: claim with `FOR UPDATE SKIP LOCKED` (replicas take disjoint
 * rows instead of queueing on each other), publish, set `published_at`, commit. A crash between
 * publish and commit publishes the batch again — at least once; consumers' inboxes drop the
 * repeat. A failed publish rolls nothing forward: the rows stay pending and the relay backs off.
 *
 * Order per key across replicas: a claimed row is held back when an earlier pending row of the
 * same key is locked by another relay, so a later event can never overtake an earlier one.
 */
export class OutboxRelay {
  readonly schema: string;
  private readonly options: OutboxRelayOptions;
  private readonly table: string;
  private readonly channel: string;
  private readonly batchSize: number;
  private readonly batchBytes: number;
  private readonly pollIntervalMs: number;
  private readonly logger: MessagingLogger;
  private readonly claimSql: string;
  private running: Promise<void> | undefined;
  private stopController = new AbortController();
  private wakeController = new AbortController();
  private listener:
    { runner: QueryRunner; client: PoolClient; alive: boolean; detach: () => void } | undefined;
  private cleanupTimer: NodeJS.Timeout | undefined;
  readonly stats: OutboxRelayStats = { published: 0, batches: 0, failures: 0, consecutiveFailures: 0 };

  constructor(options: OutboxRelayOptions) {
    this.options = options;
    this.schema = options.schema;
    this.table = `${quoteIdent(options.schema)}."outbox"`;
    this.channel = outboxChannel(options.schema);
    this.batchSize = options.batchSize ?? 500;
    this.batchBytes = options.batchBytes ?? 4 * 1024 * 1024;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.logger = options.logger ?? defaultLogger(options.schema, 'outbox-relay');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError('batchSize must be a positive integer');
    if (!(this.batchBytes > 0)) throw new RangeError('batchBytes must be positive');
    // The batch is the claimed rows up to `batchBytes` (a prefix in position order, so no row
    // goes before an earlier one of its key); claimed rows beyond it stay locked until the
    // commit and go with the next batch. pg_column_size reads the stored size, not the value.
    // A row is held back when an earlier pending row of its key is locked by another relay:
    // claiming the first rows in position order with SKIP LOCKED, such rows are exactly the
    // pending ones below the last claimed position that were not claimed (`skipped`, usually
    // none). Asking the whole pending set per claimed row instead let the planner — with the
    // statistics of before an import of 57,000 events — scan every pending row for each of
    // the 500 claimed ones: 24 s per batch.
    this.claimSql = `
      WITH claimed AS MATERIALIZED (
        SELECT "position", "key", pg_column_size("envelope") AS "size" FROM ${this.table}
        WHERE "published_at" IS NULL
        ORDER BY "position"
        LIMIT $1
        FOR UPDATE SKIP LOCKED
      ), skipped AS MATERIALIZED (
        SELECT "position", "key" FROM ${this.table}
        WHERE "published_at" IS NULL AND "position" < (SELECT max("position") FROM claimed)
          AND "position" NOT IN (SELECT "position" FROM claimed)
      ), taken AS (
        SELECT "position", "key" FROM (
          SELECT "position", "key", sum("size") OVER (ORDER BY "position") AS "upTo", "size" FROM claimed
        ) s WHERE "upTo" <= $2 OR "upTo" = "size"
      )
      SELECT o."position"::text AS "position", o."topic", o."key", o."id", o."type", o."version",
             o."tenant_id" AS "tenantId", o."correlation_id" AS "correlationId", o."envelope"::text AS "value"
      FROM ${this.table} o JOIN taken c ON c."position" = o."position"
      WHERE NOT EXISTS (
        SELECT 1 FROM skipped e WHERE e."key" = c."key" AND e."position" < c."position"
      )
      ORDER BY o."position"`;
  }

  /**
   * Claims, publishes and marks one batch. Returns how many rows were published; rejects with
   * the publish error (after recording it on the rows) when the broker did not take them.
   */
  async relayOnce(): Promise<number> {
    let failure: unknown;
    const published = await this.options.dataSource.transaction(async (manager: EntityManager) => {
      const rows: ClaimedRow[] = await manager.query(this.claimSql, [this.batchSize, this.batchBytes]);
      if (rows.length === 0) return 0;
      const positions = rows.map((row) => row.position);
      try {
        // As text, not jsonb: node-pg would parse every envelope and the bus encode it again.
        await this.options.bus.publishEncoded(rows.map((row) => wireMessage(row.topic, row, row.value)));
      } catch (error) {
        failure = error;
        await manager.query(
          `UPDATE ${this.table} SET "attempts" = "attempts" + 1, "last_error" = $2 WHERE "position" = ANY($1::bigint[])`,
          [positions, errorMessage(error).slice(0, 2000)],
        );
        return 0;
      }
      await manager.query(
        `UPDATE ${this.table} SET "published_at" = now(), "attempts" = "attempts" + 1, "last_error" = NULL WHERE "position" = ANY($1::bigint[])`,
        [positions],
      );
      return rows.length;
    });
    if (failure !== undefined) throw failure;
    return published;
  }

  /** Publishes until nothing is pending (or what is pending is held by other relays). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.relayOnce(); n > 0; n = await this.relayOnce()) total += n;
    return total;
  }

  /** Rows not yet published. */
  async pending(): Promise<number> {
    const [row] = await this.options.dataSource.query(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE "published_at" IS NULL`,
    );
    return (row as { n: number }).n;
  }

  /** Deletes sent rows older than the retention, in chunks so no long lock is held. */
  async cleanup(retentionMs = 7 * DAY): Promise<number> {
    let deleted = 0;
    for (;;) {
      const result: [unknown[], number] = await this.options.dataSource.query(
        `DELETE FROM ${this.table} WHERE "position" IN (
           SELECT "position" FROM ${this.table}
           WHERE "published_at" IS NOT NULL AND "published_at" < now() - $1 * interval '1 millisecond'
           LIMIT 5000)`,
        [retentionMs],
      );
      const count = result[1];
      deleted += count;
      if (count < 5000) return deleted;
    }
  }

  /** Wakes an idle relay (the writer's NOTIFY does this across processes). */
  wake(): void {
    this.wakeController.abort();
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.stopController = new AbortController();
    this.running = this.loop();
    const cleanup = this.options.cleanup ?? {};
    if (cleanup !== false) {
      const retention = cleanup.retentionMs ?? 7 * DAY;
      this.cleanupTimer = setInterval(
        () => {
          this.cleanup(retention).catch((error) =>
            this.logger.warn('outbox cleanup failed', { error: errorMessage(error) }),
          );
        },
        cleanup.intervalMs ?? 60 * 60 * 1000,
      );
      this.cleanupTimer.unref();
    }
  }

  /** Finishes the batch in flight, then stops; pending rows wait for the next start. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.stopController.abort();
    this.wake();
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    this.cleanupTimer = undefined;
    await running;
    await this.closeListener();
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    const stop = this.stopController.signal;
    const initialMs = this.options.backoff?.initialMs ?? 250;
    const maxMs = this.options.backoff?.maxMs ?? 30_000;
    while (!stop.aborted) {
      try {
        if (this.options.listen !== false) await this.ensureListener();
        // Re-armed before claiming, so a NOTIFY arriving during the batch is not missed.
        if (this.wakeController.signal.aborted) this.wakeController = new AbortController();
        const published = await this.relayOnce();
        if (this.stats.consecutiveFailures > 0)
          this.logger.info('outbox relay recovered', {
            schema: this.schema,
            afterFailures: this.stats.consecutiveFailures,
          });
        this.stats.consecutiveFailures = 0;
        if (published > 0) {
          this.stats.published += published;
          this.stats.batches++;
          continue;
        }
        await this.idle(this.pollIntervalMs);
      } catch (error) {
        this.stats.failures++;
        this.stats.consecutiveFailures++;
        this.stats.lastError = errorMessage(error);
        const delay = backoffDelay(
          { initialDelayMs: initialMs, maxDelayMs: maxMs, factor: 2 },
          this.stats.consecutiveFailures,
        );
        const fields = {
          schema: this.schema,
          retryInMs: delay,
          failures: this.stats.consecutiveFailures,
          error: this.stats.lastError,
        };
        // One warning per outage, not one per retry.
        if (this.stats.consecutiveFailures === 1)
          this.logger.warn('outbox relay failed, backing off', fields);
        else this.logger.debug('outbox relay still failing', fields);
        // Notifications do not cut a backoff short: a down broker is not up because of new rows.
        await sleep(delay, stop);
      }
    }
  }

  private async idle(ms: number): Promise<void> {
    const either = AbortSignal.any([this.stopController.signal, this.wakeController.signal]);
    await sleep(ms, either);
  }

  private async ensureListener(): Promise<void> {
    if (this.listener?.alive) return;
    await this.closeListener();
    const runner = this.options.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const onNotification = (message: { channel: string }) => {
      if (message.channel === this.channel) this.wake();
    };
    const dead = () => {
      entry.alive = false;
    };
    const entry = {
      runner,
      client,
      alive: true,
      detach: () => {
        client.removeListener('notification', onNotification);
        client.removeListener('error', dead);
        client.removeListener('end', dead);
      },
    };
    client.on('notification', onNotification);
    client.on('error', dead);
    client.on('end', dead);
    this.listener = entry;
    await client.query(`LISTEN "${this.channel}"`);
  }

  private async closeListener(): Promise<void> {
    const entry = this.listener;
    this.listener = undefined;
    if (!entry) return;
    if (entry.alive) await entry.client.query(`UNLISTEN "${this.channel}"`).catch(() => undefined);
    entry.detach();
    await entry.runner.release();
  }
}
