import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { DEAD_LETTER_REASON_HEADER, type EventEnvelope } from '@quartier/contracts';
import {
  createEnvelope,
  headersToStrings,
  KafkaEventBus,
  MessagingModule,
  messagingMigrations,
  silentLogger,
} from '@quartier/messaging';
import {
  createSchemaDataSource,
  createTestDatabase,
  migrateSchema,
  type TestDatabase,
} from '@quartier/persistence';
import { registryReadModelLabelPointMigration, registryReadModelMigration } from './read-model.migration';
import { createRegistryReadModelHandler } from './registry-read-model.handler';

interface KafkaMock {
  bootstrap: string;
  stop(): Promise<void>;
}
const loadCjs = createRequire(__filename);
const { startKafkaMock } = loadCjs('../../../../tools/test-infra/kafka-mock.cjs') as {
  startKafkaMock(options?: { brokers?: number }): Promise<KafkaMock>;
};

jest.setTimeout(180_000);

const SERVICE = 'survey';
const CONSUMER = `${SERVICE}.registry-read-model`;
const GROUP = `quartier.${SERVICE}.${CONSUMER}`;
const REGISTRY_TOPIC = 'quartier.registry.events';
const tuning = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 3000,
  maxWaitTimeMs: 100,
};

function until(predicate: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = async () => {
      try {
        if (await predicate()) return resolve();
      } catch (error) {
        return reject(error);
      }
      if (Date.now() > deadline)
        return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(check, 50);
    };
    void check();
  });
}

const tenantId = () => `t-${randomUUID().slice(0, 8)}`;

function areaEvent(tenant: string, n: number, overrides: { population?: number; key?: string } = {}) {
  const id = randomUUID();
  return createEnvelope(
    'registry.area.upserted',
    {
      id,
      tenantId: tenant,
      code: `A${String(n).padStart(5, '0')}`,
      name: `Gebiet ${n}`,
      level: 'block',
      parentId: null,
      path: [],
      population: overrides.population ?? 100 + n,
      versionId: randomUUID(),
      validFrom: '2024-01-01',
      labelPoint: { lat: 52.5, lon: 13.4 },
    },
    { tenantId: tenant, key: overrides.key ?? id },
  );
}

// The registry read model exactly as every service runs it in distributed mode: the handler class
// of service-kit, subscribed by MessagingModule to a Kafka-protocol broker (librdkafka's mock
// cluster through kcat), applying batches to PostgreSQL. One application for all tests (the
// consumer group name is the service's, fixed); every test has its own tenant.
describe('registry read model over Kafka: batches', () => {
  let cluster: KafkaMock;
  let brokers: string[];
  let db: TestDatabase;
  let ds: DataSource;
  let app: INestApplicationContext;
  let producer: KafkaEventBus;
  let admin: Admin;

  beforeAll(async () => {
    cluster = await startKafkaMock();
    brokers = cluster.bootstrap.split(',');
    db = await createTestDatabase('qt_rm_kafka');
    ds = createSchemaDataSource({
      url: db.url,
      schema: SERVICE,
      entities: [],
      migrations: [
        ...messagingMigrations(SERVICE),
        registryReadModelMigration(SERVICE),
        registryReadModelLabelPointMigration(SERVICE),
      ],
    });
    await ds.initialize();
    await migrateSchema(ds);

    const Handler = createRegistryReadModelHandler(SERVICE, SERVICE);
    @Global()
    @Module({
      providers: [{ provide: getDataSourceToken(SERVICE), useValue: ds }],
      exports: [getDataSourceToken(SERVICE)],
    })
    class DatabaseModule {}
    @Module({
      imports: [
        DatabaseModule,
        MessagingModule.forRoot({
          service: SERVICE,
          kafkaBrokers: brokers,
          kafka: { consumer: tuning },
          dataSource: null,
          // Short backoff: the poison test waits through a batch's retries and then the culprit's.
          retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
          logger: silentLogger,
          handlers: [Handler],
        }),
      ],
      providers: [Handler],
    })
    class ServiceModule {}
    app = await NestFactory.createApplicationContext(ServiceModule, { logger: false });
    await app.init();

    producer = new KafkaEventBus({ service: 'registry', brokers, logger: silentLogger });
    admin = new Kafka({ clientId: 'rm-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await producer?.close();
    await app?.close();
    await ds?.destroy();
    await db?.drop();
    await cluster?.stop();
  });

  const areaCount = async (tenant: string) =>
    (await ds.query(`SELECT count(*)::int AS n FROM survey.area_ref WHERE tenant_id = $1`, [tenant]))[0]
      .n as number;

  /** Every message on the registry topic has been consumed and its offset committed. */
  const caughtUp = async () => {
    const [ends, [committed]] = await Promise.all([
      admin.fetchTopicOffsets(REGISTRY_TOPIC),
      admin.fetchOffsets({ groupId: GROUP, topics: [REGISTRY_TOPIC] }),
    ]);
    const done = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
    return ends.every((e) => (done.get(e.partition) ?? -1) >= Number(e.high));
  };

  it('applies each batch in one transaction together with its inbox rows; a reader never sees part of a batch', async () => {
    const tenant = tenantId();
    const events = Array.from({ length: 3000 }, (_, n) => areaEvent(tenant, n));
    const ids = events.map((e) => e.id);
    // A reader polling while the areas replicate: its snapshot must never hold an area without
    // the inbox row of the event that brought it, nor the other way round.
    const seen: { areas: number; inbox: number; ms: number }[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const started = performance.now();
        const [row] = await ds.query(
          `SELECT (SELECT count(*)::int FROM survey.area_ref WHERE tenant_id = $1) AS areas,
                  (SELECT count(*)::int FROM survey.inbox WHERE consumer = $2 AND event_id = ANY($3::uuid[])) AS inbox`,
          [tenant, CONSUMER, ids],
        );
        seen.push({ ...row, ms: performance.now() - started });
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await producer.publishRaw(events);
    await until(async () => (await areaCount(tenant)) === events.length, 120_000, 'all 3,000 areas');
    reading = false;
    await reader;

    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s.areas).toBe(s.inbox);
    // Each area row and the inbox row of its event were written by the same transaction...
    const [{ mismatched }] = await ds.query(
      `SELECT count(*)::int AS mismatched
         FROM unnest($1::uuid[], $2::uuid[]) AS e(event_id, area_id)
         JOIN survey.area_ref a ON a.id = e.area_id
         JOIN survey.inbox i ON i.consumer = $3 AND i.event_id = e.event_id
        WHERE a.xmin::text <> i.xmin::text`,
      [ids, events.map((e) => e.payload.id), CONSUMER],
    );
    expect(mismatched).toBe(0);
    // ...and a transaction carried many events, not one each (kafkajs hands over what one fetch
    // of a partition returned, in chunks of up to 1,000).
    const [{ transactions }] = await ds.query(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM survey.area_ref WHERE tenant_id = $1`,
      [tenant],
    );
    expect(transactions).toBeLessThanOrEqual(events.length / 20);
  });

  it('dead-letters the one event the database refuses and applies the rest of its batch', async () => {
    const tenant = tenantId();
    // One key, so all land on one partition and arrive in one fetch, hence one batch. The
    // poison passes the contract (a non-negative integer) but not the column (integer).
    const key = `${tenant}:bulk`;
    const events = Array.from({ length: 200 }, (_, n) =>
      areaEvent(tenant, n, { key, ...(n === 117 ? { population: 3_000_000_000 } : {}) }),
    );
    const poison = events[117];

    const reader = new Kafka({ clientId: 'dlq-reader', brokers, logLevel: logLevel.NOTHING }).consumer({
      groupId: `dlq-reader-${randomUUID().slice(0, 8)}`,
      sessionTimeout: 6000,
      heartbeatInterval: 500,
      rebalanceTimeout: 3000,
      maxWaitTimeInMs: 100,
    });
    const dead: { id: string; reason: string }[] = [];
    await reader.connect();
    await reader.subscribe({ topics: [`${REGISTRY_TOPIC}.dlq`], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? '{}') as EventEnvelope;
        if (envelope.tenantId === tenant)
          dead.push({
            id: envelope.id,
            reason: headersToStrings(message.headers)[DEAD_LETTER_REASON_HEADER],
          });
      },
    });
    try {
      await producer.publishRaw(events);
      await until(
        async () => dead.length === 1 && (await areaCount(tenant)) === 199,
        120_000,
        'the rest applied',
      );
      await until(caughtUp, 60_000, 'offsets committed past the batch');
    } finally {
      await reader.disconnect();
    }

    expect(dead).toEqual([
      { id: poison.id, reason: expect.stringMatching(/failed 3 time\(s\): .*out of range/) },
    ]);
    const stored: { id: string }[] = await ds.query(`SELECT id FROM survey.area_ref WHERE tenant_id = $1`, [
      tenant,
    ]);
    expect(stored.map((r) => r.id).sort()).toEqual(
      events
        .filter((e) => e !== poison)
        .map((e) => e.payload.id)
        .sort(),
    );
    const inbox: { event_id: string }[] = await ds.query(
      `SELECT event_id FROM survey.inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
      [CONSUMER, events.map((e) => e.id)],
    );
    expect(inbox).toHaveLength(199);
    expect(inbox.map((r) => r.event_id)).not.toContain(poison.id);
  });

  it('a batch delivered again (relay crashed between publishing and marking it sent) changes nothing', async () => {
    const tenant = tenantId();
    const events = Array.from({ length: 500 }, (_, n) => areaEvent(tenant, n));
    await producer.publishRaw(events);
    await until(async () => (await areaCount(tenant)) === events.length, 60_000, 'the first delivery');
    const versions = async () =>
      (await ds.query(`SELECT id, xmin::text AS x FROM survey.area_ref WHERE tenant_id = $1 ORDER BY id`, [
        tenant,
      ])) as { id: string; x: string }[];
    const before = await versions();

    // The same envelopes (same ids) once more, as an outbox relay does after such a crash.
    await producer.publishRaw(events);
    await until(caughtUp, 60_000, 'the repeat consumed and committed');

    // An upsert would have rewritten every row (new xmin) — the inbox let none of them through.
    expect(await versions()).toEqual(before);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM survey.inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
      [CONSUMER, events.map((e) => e.id)],
    );
    expect(n).toBe(events.length);
  });
});
