import { schemaMigration, type MigrationClass } from '@quartier/persistence';

// Fixed timestamps: a migration's identity must never change once applied.
const OUTBOX_TIMESTAMP = 1764000000000;
const INBOX_TIMESTAMP = 1764000000001;

/**
 * The `outbox` table of one service schema. `position` (insert order) is the publish order;
 * `envelope` holds the complete event; `published_at` marks it sent. The partial indexes keep
 * the relay's claim and its per-key order check cheap however many sent rows remain.
 */
export function createOutboxMigration(schema: string): MigrationClass {
  return schemaMigration(schema, 'MessagingOutbox', OUTBOX_TIMESTAMP, {
    async up(queryRunner, s) {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await queryRunner.query(`
        CREATE TABLE ${s}."outbox" (
          "position" bigserial PRIMARY KEY,
          "id" uuid NOT NULL UNIQUE,
          "topic" text NOT NULL,
          "key" text NOT NULL,
          "type" text NOT NULL,
          "version" integer NOT NULL,
          "tenant_id" text NOT NULL,
          "correlation_id" text NOT NULL,
          "envelope" jsonb NOT NULL,
          "created_at" timestamptz NOT NULL DEFAULT now(),
          "published_at" timestamptz,
          "attempts" integer NOT NULL DEFAULT 0,
          "last_error" text
        )`);
      await queryRunner.query(
        `CREATE INDEX "outbox_pending" ON ${s}."outbox" ("position") WHERE "published_at" IS NULL`,
      );
      await queryRunner.query(
        `CREATE INDEX "outbox_pending_key" ON ${s}."outbox" ("key", "position") WHERE "published_at" IS NULL`,
      );
      await queryRunner.query(
        `CREATE INDEX "outbox_published_at" ON ${s}."outbox" ("published_at") WHERE "published_at" IS NOT NULL`,
      );
    },
    async down(queryRunner, s) {
      await queryRunner.query(`DROP TABLE ${s}."outbox"`);
    },
  });
}

/** The `inbox` table: one row per (consumer, event) whose effect has been committed. */
export function createInboxMigration(schema: string): MigrationClass {
  return schemaMigration(schema, 'MessagingInbox', INBOX_TIMESTAMP, {
    async up(queryRunner, s) {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await queryRunner.query(`
        CREATE TABLE ${s}."inbox" (
          "consumer" text NOT NULL,
          "event_id" uuid NOT NULL,
          "type" text NOT NULL,
          "processed_at" timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY ("consumer", "event_id")
        )`);
      await queryRunner.query(`CREATE INDEX "inbox_processed_at" ON ${s}."inbox" ("processed_at")`);
    },
    async down(queryRunner, s) {
      await queryRunner.query(`DROP TABLE ${s}."inbox"`);
    },
  });
}

/** Both tables; add to the service's DataSource `migrations`. */
export function messagingMigrations(schema: string): MigrationClass[] {
  return [createOutboxMigration(schema), createInboxMigration(schema)];
}
