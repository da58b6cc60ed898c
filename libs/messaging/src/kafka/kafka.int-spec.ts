import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { CORRELATION_HEADER, DEAD_LETTER_REASON_HEADER, type EventEnvelope } from '@quartier/contracts';
import {
  createSchemaDataSource,
  createTestDatabase,
  migrateSchema,
  type TestDatabase,
} from '@quartier/persistence';
import { correlation } from '../correlation';
import { createEnvelope } from '../envelope';
import { Inbox } from '../inbox/inbox';
import { silentLogger } from '../logger';
import { messagingMigrations } from '../migrations';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { areaPayload, until } from '../testing/fixtures';
import {
  DEAD_LETTER_CONSUMER_HEADER,
  DEAD_LETTER_ORIGIN_HEADER,
  EVENT_TYPE_HEADER,
  EVENT_VERSION_HEADER,
  TENANT_HEADER,
  headersToStrings,
} from '../wire';
import { KafkaEventBus } from './kafka-event-bus';

interface KafkaMock {
  bootstrap: string;
  stop(): Promise<void>;
}
const loadCjs = createRequire(__filename);
const { startKafkaMock } = loadCjs('../../../../tools/test-infra/kafka-mock.cjs') as {
  startKafkaMock(options?: { brokers?: number }): Promise<KafkaMock>;
};

// Real Kafka wire protocol (librdkafka mock cluster via kcat) and real PostgreSQL. This file runs
// its own mock cluster: the shared one carries other test files' traffic, and consumer groups
// reading from the beginning would wade through it on a loaded machine. Every test still uses
// its own tenant and consumer names, because the topic is shared between the tests here.
let brokers: string[] = [];
let ownCluster: KafkaMock | undefined;
const tuning = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 3000,
  maxWaitTimeMs: 100,
};
jest.setTimeout(120_000);

const tenantId = () => `t-${randomUUID().slice(0, 8)}`;
const suffix = () => randomUUID().slice(0, 8);

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

describe('KafkaEventBus against a Kafka-protocol broker', () => {
  let db: TestDatabase;
  let registryDs: DataSource;
  let surveyDs: DataSource;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    ownCluster = await startKafkaMock();
    brokers = ownCluster.bootstrap.split(',');
    expect(brokers[0]).toMatch(/:\d+$/);
    db = await createTestDatabase('qt_kafka');
    registryDs = createSchemaDataSource({
      url: db.url,
      schema: 'registry',
      entities: [],
      migrations: messagingMigrations('registry'),
    });
    surveyDs = createSchemaDataSource({
      url: db.url,
      schema: 'survey',
      entities: [],
      migrations: messagingMigrations('survey'),
    });
    await registryDs.initialize();
    await surveyDs.initialize();
    await migrateSchema(registryDs);
    await migrateSchema(surveyDs);
    // Deliberately no unique constraint: a doubled effect must show up as a second row.
    await surveyDs.query('CREATE TABLE survey.effects (event_id uuid NOT NULL, handled_by text NOT NULL)');
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  afterAll(async () => {
    await registryDs?.destroy();
    await surveyDs?.destroy();
    await db?.drop();
    await ownCluster?.stop();
  });

  const bus = (
    service: 'registry' | 'survey' | 'reporting',
    extra: Partial<ConstructorParameters<typeof KafkaEventBus>[0]> = {},
  ) => {
    const created = new KafkaEventBus({ service, brokers, logger: silentLogger, consumer: tuning, ...extra });
    closers.push(() => created.close());
    return created;
  };

  it('keeps order per key across partitions and carries the correlation id to the handler', async () => {
    const tenant = tenantId();
    const producer = bus('registry');
    const consumer = bus('reporting');
    const order = new Map<string, number[]>();
    const seen = new Map<string, number>();
    const correlations: [string, string | undefined, string][] = [];
    const sub = await consumer.subscribe(
      `order-${suffix()}`,
      ['registry.area.upserted'],
      async (event, context) => {
        if (event.tenantId !== tenant) return;
        seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
        order.set(event.payload.id, [...(order.get(event.payload.id) ?? []), event.payload.population ?? -1]);
        correlations.push([event.correlationId, correlation.current(), context.correlationId]);
        if (Math.random() < 0.1) await new Promise((resolve) => setTimeout(resolve, 5));
      },
    );
    await withTimeout(sub.ready, 45_000, 'group join');
    const keys = Array.from({ length: 8 }, () => randomUUID());
    const perKey = 25;
    for (let n = 0; n < perKey; n += 5) {
      const batch = keys.flatMap((id) =>
        [0, 1, 2, 3, 4].map((i) =>
          createEnvelope('registry.area.upserted', areaPayload({ id, tenantId: tenant, population: n + i }), {
            tenantId: tenant,
            key: id,
            correlationId: `corr-${id}-${n + i}`,
          }),
        ),
      );
      await producer.publishRaw(batch);
    }
    await until(() => seen.size === keys.length * perKey, 60_000, 'all events consumed');
    for (const id of keys) expect(order.get(id)).toEqual(Array.from({ length: perKey }, (_, i) => i));
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    for (const [inEnvelope, inScope, inContext] of correlations) {
      expect(inScope).toBe(inEnvelope);
      expect(inContext).toBe(inEnvelope);
    }
  });

  it('batch subscriptions: events arrive in chunks of at most maxBatch, in order per key, each effect once through the inbox', async () => {
    const tenant = tenantId();
    const producer = bus('registry');
    const consumer = bus('survey');
    const inbox = new Inbox({ schema: 'survey' });
    const name = `batch-${suffix()}`;
    const sizes: number[] = [];
    const order = new Map<string, number[]>();
    const sub = await consumer.subscribeBatch(
      name,
      ['registry.area.upserted'],
      async (events, context) => {
        const mine = events.filter((e) => e.tenantId === tenant);
        if (mine.length === 0) return;
        sizes.push(events.length);
        await inbox.handleBatchOnce(surveyDs, context.consumer, mine, async (manager, fresh) => {
          await manager.query(
            `INSERT INTO survey.effects (event_id, handled_by) SELECT unnest($1::uuid[]), $2`,
            [fresh.map((e) => e.id), name],
          );
          for (const e of fresh)
            order.set(e.payload.id, [...(order.get(e.payload.id) ?? []), e.payload.population ?? -1]);
        });
      },
      { maxBatch: 7 },
    );
    await withTimeout(sub.ready, 45_000, 'group join');
    const keys = Array.from({ length: 6 }, () => randomUUID());
    const envelopes = Array.from({ length: 10 }, (_, n) =>
      keys.map((id) =>
        createEnvelope('registry.area.upserted', areaPayload({ id, tenantId: tenant, population: n }), {
          tenantId: tenant,
          key: id,
        }),
      ),
    ).flat();
    await producer.publishRaw(envelopes);
    const count = async () =>
      (await surveyDs.query(`SELECT count(*)::int AS n FROM survey.effects WHERE handled_by = $1`, [name]))[0]
        .n as number;
    await until(async () => (await count()) === envelopes.length, 60_000, 'all events applied');
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    for (const id of keys) expect(order.get(id)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    // The same batch once more (a redelivery after a crash): the inbox lets nothing through.
    const again = await inbox.handleBatchOnce(surveyDs, name, envelopes, async () => 'applied');
    expect(again).toEqual({ fresh: 0, result: undefined });
    expect(await count()).toBe(envelopes.length);
  });

  it('dead-letters poison messages to <topic>.dlq with the reason header, after retries where retrying makes sense', async () => {
    const tenant = tenantId();
    const producer = bus('registry');
    const consumer = bus('reporting', { retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
    const consumerName = `poison-${suffix()}`;
    const attempts: number[] = [];
    const handled: string[] = [];
    const sub = await consumer.subscribe(consumerName, ['registry.area.upserted'], (event, context) => {
      if (event.tenantId !== tenant) return;
      if (event.payload.name === 'Gift') {
        attempts.push(context.attempt);
        throw new Error('cannot project Gift');
      }
      handled.push(event.payload.name);
    });
    await withTimeout(sub.ready, 45_000, 'group join');

    const key = randomUUID();
    const meta = { tenantId: tenant, key, correlationId: 'poison-corr' };
    const good = createEnvelope(
      'registry.area.upserted',
      areaPayload({ tenantId: tenant, id: key, name: 'Fine' }),
      meta,
    );
    const failing = createEnvelope(
      'registry.area.upserted',
      areaPayload({ tenantId: tenant, id: key, name: 'Gift' }),
      meta,
    );
    const invalid = { ...good, id: randomUUID(), payload: { ...good.payload, population: 'viele' } };
    const future = { ...good, id: randomUUID(), version: 2 };
    await producer.publishRaw([invalid, future, failing, good] as EventEnvelope[]);

    const kafka = new Kafka({ clientId: 'dlq-reader', brokers, logLevel: logLevel.NOTHING });
    const reader = kafka.consumer({
      groupId: `dlq-reader-${suffix()}`,
      sessionTimeout: 6000,
      heartbeatInterval: 500,
      rebalanceTimeout: 3000,
      maxWaitTimeInMs: 100,
    });
    closers.push(() => reader.disconnect());
    const dead: { key: string; value: string; headers: Record<string, string> }[] = [];
    await reader.connect();
    await reader.subscribe({ topics: ['quartier.registry.events.dlq'], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const headers = headersToStrings(message.headers);
        if (headers[TENANT_HEADER] === tenant)
          dead.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
      },
    });
    await until(
      () => dead.length === 3 && handled.length === 1,
      60_000,
      'three dead letters and the good event',
    );

    expect(attempts).toEqual([1, 2, 3]);
    expect(handled).toEqual(['Fine']); // the partition moved on after the poison message
    expect(dead.map((d) => d.headers[DEAD_LETTER_REASON_HEADER])).toEqual([
      expect.stringMatching(/^invalid registry.area.upserted payload at population: /),
      'unsupported version 2 of registry.area.upserted (known: 1)',
      `${consumerName} failed 3 time(s): cannot project Gift`,
    ]);
    expect(dead.map((d) => JSON.parse(d.value).id)).toEqual([invalid.id, future.id, failing.id]);
    for (const d of dead) {
      expect(d.key).toBe(`${tenant}:${key}`);
      expect(d.headers[DEAD_LETTER_CONSUMER_HEADER]).toBe(consumerName);
      expect(d.headers[DEAD_LETTER_ORIGIN_HEADER]).toMatch(/^quartier\.registry\.events\/\d+\/\d+$/);
      expect(d.headers[CORRELATION_HEADER]).toBe('poison-corr');
      expect(d.headers[EVENT_TYPE_HEADER]).toBe('registry.area.upserted');
    }
    expect(dead.map((d) => d.headers[EVENT_VERSION_HEADER])).toEqual(['1', '2', '1']);
  });

  it('redelivers after a consumer crash (effect committed, offset not) without doubling the effect', async () => {
    const tenant = tenantId();
    const consumerName = `crash-${suffix()}`;
    const key = randomUUID();
    const events = Array.from({ length: 10 }, (_, i) =>
      createEnvelope('registry.area.upserted', areaPayload({ tenantId: tenant, id: key, population: i }), {
        tenantId: tenant,
        key,
      }),
    );
    const ours = new Set(events.map((e) => e.id));
    await bus('registry').publishRaw(events);

    // The child sees every event on the topic; it handles (and crashes on) our tenant's only.
    const childHandled: string[] = [];
    const crashed = new Promise<NodeJS.Signals | null>((resolve) => {
      const proc = spawn(
        process.execPath,
        [
          '-r',
          join(__dirname, '../testing/register-ts.cjs'),
          join(__dirname, '../testing/crash-consumer.child.ts'),
        ],
        {
          env: {
            ...process.env,
            KAFKA_BROKERS: brokers.join(','),
            DATABASE_URL: db.url,
            CONSUMER: consumerName,
            CRASH_AFTER: '4',
            TENANT: tenant,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n'))
          if (line.startsWith('handled ')) childHandled.push(line.slice(8));
      });
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      proc.on('exit', (_code, signal) => {
        if (signal !== 'SIGKILL') process.stderr.write(stderr);
        resolve(signal);
      });
    });
    expect(await withTimeout(crashed, 45_000, 'child crash')).toBe('SIGKILL');
    expect(childHandled).toEqual(events.slice(0, 4).map((e) => e.id));
    const effectsBefore: { event_id: string }[] = await surveyDs.query('SELECT event_id FROM survey.effects');
    expect(effectsBefore.filter((r) => ours.has(r.event_id))).toHaveLength(4);

    // The same consumer group restarts in this process: redelivery from the last committed offset.
    const inbox = new Inbox({ schema: 'survey' });
    const duplicates: string[] = [];
    const restarted = bus('survey');
    await restarted.subscribe(consumerName, ['registry.area.upserted'], async (event, context) => {
      if (event.tenantId !== tenant) return;
      const result = await inbox.handleOnce(surveyDs, context.consumer, event, (manager) =>
        manager.query('INSERT INTO survey.effects (event_id, handled_by) VALUES ($1, $2)', [
          event.id,
          'restarted',
        ]),
      );
      if (result.duplicate) duplicates.push(event.id);
    });
    const ourEffects = async () =>
      ((await surveyDs.query('SELECT event_id FROM survey.effects')) as { event_id: string }[]).filter((r) =>
        ours.has(r.event_id),
      );
    await until(async () => (await ourEffects()).length >= 10, 45_000, 'all ten effects');
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a (wrong) extra effect to appear
    const effects = await ourEffects();
    expect(effects.map((r) => r.event_id).sort()).toEqual([...ours].sort());
    // What the child handled after its last offset commit came again and the inbox absorbed it.
    // kafkajs commits per fetched batch, so how many that are depends on batch boundaries; the
    // fourth is always among them (the child died inside its handler, before it could resolve).
    expect(duplicates.length).toBeGreaterThan(0);
    expect(duplicates).toEqual(childHandled.slice(childHandled.length - duplicates.length));
  }, 120_000);

  it('the relay backs off while the broker is gone and, once one is back, delivers everything with each effect exactly once', async () => {
    let mock = await startKafkaMock();
    closers.push(() => mock.stop());
    const current = () => mock.bootstrap.split(',');
    const producer = bus('registry', { brokers: current, clientRetries: 1, connectionTimeoutMs: 1000 });
    const consumer = bus('survey', { brokers: current });
    const writer = new OutboxWriter({ service: 'registry' });
    const inbox = new Inbox({ schema: 'survey' });
    const tenant = tenantId();
    const calls = new Map<string, number>();
    const sub = await consumer.subscribe(
      `outage-${suffix()}`,
      ['registry.area.upserted'],
      async (event, context) => {
        calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
        await inbox.handleOnce(surveyDs, context.consumer, event, (manager) =>
          manager.query('INSERT INTO survey.effects (event_id, handled_by) VALUES ($1, $2)', [
            event.id,
            'outage',
          ]),
        );
      },
    );
    await withTimeout(sub.ready, 45_000, 'group join');
    const relay = new OutboxRelay({
      dataSource: registryDs,
      bus: producer,
      schema: 'registry',
      pollIntervalMs: 100,
      backoff: { initialMs: 200, maxMs: 1000 },
      logger: silentLogger,
    });
    closers.push(() => relay.stop());
    relay.start();

    const append = async (count: number) => {
      const ids: string[] = [];
      await registryDs.transaction(async (manager) => {
        for (let i = 0; i < count; i++) {
          const id = randomUUID();
          const event = await writer.append(
            manager,
            'registry.area.upserted',
            areaPayload({ tenantId: tenant, id }),
            { tenantId: tenant, key: id },
          );
          ids.push(event.id);
        }
      });
      return ids;
    };
    const effectCount = async () =>
      (
        (await surveyDs.query(
          `SELECT count(*)::int AS n FROM survey.effects WHERE handled_by = 'outage'`,
        )) as { n: number }[]
      )[0].n;

    const before = await append(10);
    await until(async () => (await effectCount()) === 10, 30_000, 'events before the outage');

    await mock.stop();
    const during = [...(await append(5)), ...(await append(5)), ...(await append(5))];
    await until(() => relay.stats.failures > 0, 30_000, 'relay noticing the outage');
    expect(await relay.pending()).toBe(15);
    expect(relay.stats.lastError).toBeDefined();

    mock = await startKafkaMock(); // a new cluster on new ports; the brokers function follows it
    await until(async () => (await effectCount()) === 25, 90_000, 'events appended during the outage');
    expect(await relay.pending()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await effectCount()).toBe(25);
    const all = [...before, ...during];
    // Delivery is at least once: the consumer group re-forming on the new cluster may hand out
    // an event again before its offset was committed. The inbox makes each effect exactly once.
    expect(all.every((id) => (calls.get(id) ?? 0) >= 1)).toBe(true);
    expect(before.every((id) => calls.get(id) === 1)).toBe(true);
    const rows: { event_id: string }[] = await surveyDs.query(
      `SELECT event_id FROM survey.effects WHERE handled_by = 'outage'`,
    );
    expect(rows.map((r) => r.event_id).sort()).toEqual([...all].sort());
  }, 180_000);
});
