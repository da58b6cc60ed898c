#!/usr/bin/env node
// Outbox throughput: N events appended in transactions (batches), relayed by OutboxRelay through
// the kafkajs adapter to a Kafka-protocol broker (librdkafka mock cluster via kcat, or
// KAFKA_BROKERS), and consumed by a consumer group; measures until the last one is consumed.
//   node tools/build.mjs --server && node tools/bench/outbox.mjs [--n 20000] [--append-batch 500] [--relay-batch 500]
//   npm run bench -- outbox      (via tools/bench/run.mjs, which calls the default export)
// Runs the compiled JS in dist/server. PostgreSQL: DATABASE_URL (default the local server with
// trust auth); a throw-away database is created and dropped. Writes bench-results/outbox.json.
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { root, runWhenStarted, writeResult } from './_server-build.mjs';

const require = createRequire(import.meta.url);

function until(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = async () => {
      if (await predicate()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 10);
    };
    check().catch(reject);
  });
}

const KEYS = 200; // 200 keys, as areas of a district

async function createDatabase(Client, adminUrl) {
  const dbName = `qt_bench_outbox_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const [{ server_version: pgVersion }] = (await admin.query('SHOW server_version')).rows;
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return { dbName, pgVersion, url: url.toString() };
}

async function dropDatabase(Client, adminUrl, dbName) {
  const cleanup = new Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await cleanup.end();
}

function connect({ messaging, persistence, url, brokerList }) {
  const logger = messaging.silentLogger;
  const dataSource = persistence.createSchemaDataSource({
    url,
    schema: 'registry',
    entities: [],
    migrations: messaging.messagingMigrations('registry'),
    poolSize: 8,
  });
  const producer = new messaging.KafkaEventBus({ service: 'registry', brokers: brokerList, logger });
  const consumer = new messaging.KafkaEventBus({
    service: 'reporting',
    brokers: brokerList,
    logger,
    consumer: {
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1000,
      rebalanceTimeoutMs: 5000,
      maxWaitTimeMs: 100,
      partitionsConsumedConcurrently: 4,
    },
  });
  return { logger, dataSource, producer, consumer };
}

/** Subscribes a consumer group that counts the events per phase (versionId). */
async function countConsumed(consumer) {
  const consumed = { counts: new Map(), lastAt: 0 };
  const sub = await consumer.subscribe(
    `bench-${randomUUID().slice(0, 8)}`,
    ['registry.area.upserted'],
    (event) => {
      consumed.counts.set(event.payload.versionId, (consumed.counts.get(event.payload.versionId) ?? 0) + 1);
      consumed.lastAt = performance.now();
    },
  );
  await sub.ready;
  return consumed;
}

/** Appends n area events in transactions of appendBatch, tagged with the phase. */
function appender({ messaging, dataSource, tenant, n, appendBatch }) {
  const writer = new messaging.OutboxWriter({ service: 'registry' });
  const areas = Array.from({ length: KEYS }, () => randomUUID());
  const parentId = randomUUID();
  const event = (phase, index) => {
    const id = areas[index % areas.length];
    return {
      type: 'registry.area.upserted',
      // versionId tags the phase, so the consumer counts each phase's events apart.
      payload: {
        id,
        tenantId: tenant,
        code: `0101${String(index).padStart(6, '0')}`,
        name: `Planungsraum ${index}`,
        level: 'planning-area',
        parentId,
        path: [parentId],
        population: index,
        versionId: phase,
        validFrom: '2021-01-01',
      },
      meta: { tenantId: tenant, key: id },
    };
  };
  return async (phase) => {
    for (let offset = 0; offset < n; offset += appendBatch) {
      const size = Math.min(appendBatch, n - offset);
      await dataSource.transaction((manager) =>
        writer.appendMany(
          manager,
          Array.from({ length: size }, (_, i) => event(phase, offset + i)),
        ),
      );
    }
  };
}

/** Phase 1, live: the relay runs while the service appends (append, publish, consume overlap). */
async function livePhase({ relay, appendAll, consumed, n }) {
  const phase = randomUUID();
  relay.start();
  const start = performance.now();
  await appendAll(phase);
  const appendedAt = performance.now();
  await until(async () => (await relay.pending()) === 0, 600_000, 'relay to publish everything');
  const publishedAt = performance.now();
  await until(() => (consumed.counts.get(phase) ?? 0) >= n, 600_000, 'consumer to receive everything');
  const done = consumed.lastAt;
  await relay.stop();
  return { phase, start, appendedAt, publishedAt, done };
}

/** Phase 2, backlog: N rows waiting (as after a broker outage), then the relay starts. */
async function backlogPhase({ relay, appendAll, consumed, n }) {
  const phase = randomUUID();
  await appendAll(phase);
  const start = performance.now();
  relay.start();
  await until(async () => (await relay.pending()) === 0, 600_000, 'relay to drain the backlog');
  const drainedAt = performance.now();
  await until(() => (consumed.counts.get(phase) ?? 0) >= n, 600_000, 'consumer to receive the backlog');
  return { phase, start, drainedAt, done: consumed.lastAt };
}

function report({ n, appendBatch, relayBatch, brokers, pgVersion, live, backlog, relay, consumed }) {
  const seconds = (ms) => Number((ms / 1000).toFixed(3));
  const rate = (ms) => Math.round(n / (ms / 1000));
  return {
    benchmark: 'outbox',
    n,
    appendBatch,
    relayBatch,
    keys: KEYS,
    broker: process.env.KAFKA_BROKERS
      ? `KAFKA_BROKERS=${brokers}`
      : 'librdkafka mock cluster (kcat), 3 brokers, Kafka wire protocol',
    postgres: pgVersion,
    node: process.version,
    cpus: cpus().length,
    live: {
      what: 'appending in transactions of appendBatch while the relay publishes and a consumer group consumes (one process)',
      appendSeconds: seconds(live.appendedAt - live.start),
      allPublishedSeconds: seconds(live.publishedAt - live.start),
      allConsumedSeconds: seconds(live.done - live.start),
      appendEventsPerSecond: rate(live.appendedAt - live.start),
      endToEndEventsPerSecond: rate(live.done - live.start),
    },
    backlog: {
      what: 'n rows already pending (as after a broker outage); relay started, timed until all consumed',
      allPublishedSeconds: seconds(backlog.drainedAt - backlog.start),
      allConsumedSeconds: seconds(backlog.done - backlog.start),
      relayEventsPerSecond: rate(backlog.drainedAt - backlog.start),
      endToEndEventsPerSecond: rate(backlog.done - backlog.start),
    },
    relayBatches: relay.stats.batches,
    relayFailures: relay.stats.failures,
    consumedLive: consumed.counts.get(live.phase),
    consumedBacklog: consumed.counts.get(backlog.phase),
    date: new Date().toISOString(),
  };
}

export default async function outboxBenchmark(options = {}) {
  const n = options.n ?? 20_000;
  const appendBatch = options.appendBatch ?? 500;
  const relayBatch = options.relayBatch ?? 500;
  const dist = join(root, 'dist/server/libs');
  if (!existsSync(join(dist, 'messaging/src/index.js')))
    throw new Error('dist/server missing: run `node tools/build.mjs --server` first');
  const messaging = require(join(dist, 'messaging/src/index.js'));
  const persistence = require(join(dist, 'persistence/src/index.js'));
  const { Client } = require('pg');

  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { dbName, pgVersion, url } = await createDatabase(Client, adminUrl);
  let mock;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    mock = await require(join(root, 'tools/test-infra/kafka-mock.cjs')).startKafkaMock();
    brokers = mock.bootstrap;
  }
  const { logger, dataSource, producer, consumer } = connect({
    messaging,
    persistence,
    url,
    brokerList: brokers.split(','),
  });
  let relay;
  try {
    await dataSource.initialize();
    await persistence.migrateSchema(dataSource);
    const tenant = `bench-${randomUUID().slice(0, 8)}`;
    const consumed = await countConsumed(consumer);
    // Warm the producer (connection, metadata, topic) outside the measurement.
    await producer.publish(
      'registry.tenant.upserted',
      { tenantId: tenant, name: 'Bench', levels: [] },
      { tenantId: tenant, key: tenant },
    );
    relay = new messaging.OutboxRelay({
      dataSource,
      bus: producer,
      schema: 'registry',
      batchSize: relayBatch,
      pollIntervalMs: 50,
      logger,
      cleanup: false,
    });
    const appendAll = appender({ messaging, dataSource, tenant, n, appendBatch });
    const live = await livePhase({ relay, appendAll, consumed, n });
    const backlog = await backlogPhase({ relay, appendAll, consumed, n });
    const result = report({ n, appendBatch, relayBatch, brokers, pgVersion, live, backlog, relay, consumed });
    if (options.write !== false) {
      writeResult('outbox', result);
    }
    return result;
  } finally {
    await relay?.stop();
    await consumer.close();
    await producer.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await mock?.stop();
    await dropDatabase(Client, adminUrl, dbName);
  }
}

runWhenStarted(import.meta.url, async (args) => {
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const result = await outboxBenchmark({
    n: flag('--n'),
    appendBatch: flag('--append-batch'),
    relayBatch: flag('--relay-batch'),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
});
