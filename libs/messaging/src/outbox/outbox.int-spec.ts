import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  createSchemaDataSource,
  createTestDatabase,
  migrateSchema,
  type TestDatabase,
} from '@quartier/persistence';
import type { EventEnvelope } from '@quartier/contracts';
import { InProcessBroker } from '../in-process/in-process-broker';
import { InProcessEventBus } from '../in-process/in-process-event-bus';
import { Inbox } from '../inbox/inbox';
import { silentLogger } from '../logger';
import { messagingMigrations } from '../migrations';
import { areaPayload, until } from '../testing/fixtures';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import type { WireMessage } from '../wire';

const envelopesOf = (messages: readonly WireMessage[]): EventEnvelope[] =>
  messages.map((m) => JSON.parse(m.value) as EventEnvelope);

jest.setTimeout(30_000);

// Real PostgreSQL (one fresh database for this file), real relay, real in-process bus.
describe('transactional outbox and inbox (PostgreSQL)', () => {
  let db: TestDatabase;
  let registryDs: DataSource;
  let surveyDs: DataSource;
  const writer = new OutboxWriter({ service: 'registry', schema: 'registry' });

  beforeAll(async () => {
    db = await createTestDatabase('qt_outbox');
    registryDs = createSchemaDataSource({
      url: db.url,
      schema: 'registry',
      entities: [],
      migrations: messagingMigrations('registry'),
      poolSize: 8,
    });
    surveyDs = createSchemaDataSource({
      url: db.url,
      schema: 'survey',
      entities: [],
      migrations: messagingMigrations('survey'),
      poolSize: 4,
    });
    await registryDs.initialize();
    await surveyDs.initialize();
    expect(await migrateSchema(registryDs)).toEqual([
      'MessagingOutboxRegistry1764000000000',
      'MessagingInboxRegistry1764000000001',
    ]);
    expect(await migrateSchema(surveyDs)).toEqual([
      'MessagingOutboxSurvey1764000000000',
      'MessagingInboxSurvey1764000000001',
    ]);
    await registryDs.query('CREATE TABLE registry.area (id uuid PRIMARY KEY, name text NOT NULL)');
    await surveyDs.query(
      'CREATE TABLE survey.area_ref (id uuid PRIMARY KEY, name text NOT NULL, updates int NOT NULL DEFAULT 1)',
    );
  });

  afterEach(async () => {
    await registryDs.query('TRUNCATE registry.outbox, registry.area');
  });

  afterAll(async () => {
    await registryDs?.destroy();
    await surveyDs?.destroy();
    await db?.drop();
  });

  const appendArea = (name: string, id = randomUUID()) =>
    registryDs.transaction(async (manager) => {
      await manager.query(
        'INSERT INTO registry.area (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $2',
        [id, name],
      );
      return writer.append(manager, 'registry.area.upserted', areaPayload({ id, name }), {
        tenantId: 'berlin-demo',
        key: id,
      });
    });

  it('keeps each service in its own schema', async () => {
    const tables: { table_schema: string; table_name: string }[] = await registryDs.query(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('outbox', 'inbox') ORDER BY 1, 2`,
    );
    expect(tables).toEqual([
      { table_schema: 'registry', table_name: 'inbox' },
      { table_schema: 'registry', table_name: 'outbox' },
      { table_schema: 'survey', table_name: 'inbox' },
      { table_schema: 'survey', table_name: 'outbox' },
    ]);
    expect(await migrateSchema(registryDs)).toEqual([]);
  });

  it('commits the event with the state change, and neither when the transaction fails', async () => {
    const event = await appendArea('Stülerstraße');
    const [row] = await registryDs.query(
      'SELECT id, topic, key, type, version, tenant_id, envelope, published_at FROM registry.outbox',
    );
    expect(row).toEqual({
      id: event.id,
      topic: 'quartier.registry.events',
      key: event.key,
      type: 'registry.area.upserted',
      version: 1,
      tenant_id: 'berlin-demo',
      envelope: event,
      published_at: null,
    });
    await expect(
      registryDs.transaction(async (manager) => {
        await manager.query(`INSERT INTO registry.area (id, name) VALUES ($1, 'Tiergarten')`, [randomUUID()]);
        await writer.append(manager, 'registry.area.upserted', areaPayload(), {
          tenantId: 'berlin-demo',
          key: 'x',
        });
        throw new Error('validation failed after the insert');
      }),
    ).rejects.toThrow('validation failed after the insert');
    expect(await registryDs.query('SELECT count(*)::int AS n FROM registry.outbox')).toEqual([{ n: 1 }]);
    expect(await registryDs.query('SELECT count(*)::int AS n FROM registry.area')).toEqual([{ n: 1 }]);
  });

  it('refuses to append outside a transaction and refuses invalid events', async () => {
    await expect(
      writer.append(registryDs.manager, 'registry.area.upserted', areaPayload(), {
        tenantId: 'berlin-demo',
        key: 'k',
      }),
    ).rejects.toThrow('OutboxWriter needs the EntityManager of an open transaction');
    await expect(
      registryDs.transaction((m) =>
        writer.append(m, 'registry.area.upserted', areaPayload({ population: -3 }), {
          tenantId: 'berlin-demo',
          key: 'k',
        }),
      ),
    ).rejects.toThrow(/invalid registry.area.upserted payload at population/);
    expect(await registryDs.query('SELECT count(*)::int AS n FROM registry.outbox')).toEqual([{ n: 0 }]);
  });

  it('lets other work of the process run while it checks a large batch, and writes nothing of a refused one', async () => {
    let turns = 0;
    const turnsWhenChecked: number[] = [];
    const events = Array.from({ length: 20_000 }, (_, i) => ({
      type: 'registry.area.upserted' as const,
      // The last one is refused: everything before it is checked without a single write.
      payload: areaPayload({ population: i === 19_999 ? -1 : i }),
      meta: {
        tenantId: 'berlin-demo',
        // Read when the event is checked: how many turns the event loop had taken by then.
        get key() {
          turnsWhenChecked.push(turns);
          return `k${i}`;
        },
      },
    }));
    const ticker = setInterval(() => turns++, 1);
    try {
      await expect(registryDs.transaction((m) => writer.appendMany(m, events))).rejects.toThrow(
        /invalid registry.area.upserted payload at population/,
      );
    } finally {
      clearInterval(ticker);
    }
    // Checked in one go, the first and the last check would see the same number of turns.
    expect(turnsWhenChecked.at(-1)).toBeGreaterThan(turnsWhenChecked[0]);
    expect(await registryDs.query('SELECT count(*)::int AS n FROM registry.outbox')).toEqual([{ n: 0 }]);
  });

  it('appends a large set of events over several statements, keeping their order', async () => {
    const id = randomUUID();
    // ~100 kB each: 60 of them are three statements' worth.
    const names = Array.from({ length: 60 }, (_, i) => `${i}:${randomBytes(50_000).toString('hex')}`);
    const appended = await registryDs.transaction((m) =>
      writer.appendMany(
        m,
        names.map((name) => ({
          type: 'registry.area.upserted' as const,
          payload: areaPayload({ id, name }),
          meta: { tenantId: 'berlin-demo', key: id },
        })),
      ),
    );
    const rows: { id: string; name: string; xid: string }[] = await registryDs.query(
      `SELECT id, envelope->'payload'->>'name' AS name, xmin::text AS xid FROM registry.outbox ORDER BY position`,
    );
    expect(rows.map((r) => r.id)).toEqual(appended.map((e) => e.id));
    expect(rows.map((r) => r.name)).toEqual(names);
    expect(new Set(rows.map((r) => r.xid)).size).toBe(1); // still one transaction
  });

  it('relays in order, marks rows sent, and cleans up old sent rows', async () => {
    const broker = new InProcessBroker();
    const bus = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    const received: EventEnvelope[] = [];
    await bus.subscribe('recorder', ['registry.area.upserted'], (event) => void received.push(event));
    const id = randomUUID();
    const appended = [];
    for (const name of ['A', 'B', 'C']) appended.push(await appendArea(name, id));
    const events = await registryDs.transaction((m) =>
      writer.appendMany(
        m,
        ['D', 'E'].map((name) => ({
          type: 'registry.area.upserted' as const,
          payload: areaPayload({ id, name }),
          meta: { tenantId: 'berlin-demo', key: id },
        })),
      ),
    );
    const relay = new OutboxRelay({
      dataSource: registryDs,
      bus,
      schema: 'registry',
      batchSize: 2,
      logger: silentLogger,
      listen: false,
    });
    expect(await relay.pending()).toBe(5);
    expect(await relay.drain()).toBe(5);
    await broker.whenIdle();
    expect(received.map((e) => e.payload)).toEqual([...appended, ...events].map((e) => e.payload));
    expect(received.map((e) => (e.payload as { name: string }).name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(await relay.pending()).toBe(0);
    expect(await relay.relayOnce()).toBe(0);

    await registryDs.query(
      `UPDATE registry.outbox SET published_at = now() - interval '8 days' WHERE envelope->'payload'->>'name' IN ('A', 'B')`,
    );
    expect(await relay.cleanup()).toBe(2);
    expect(await registryDs.query('SELECT count(*)::int AS n FROM registry.outbox')).toEqual([{ n: 3 }]);
    await bus.close();
  });

  it('bounds a batch by the bytes of its envelopes, in order, with at least one row', async () => {
    const broker = new InProcessBroker();
    const bus = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    const sizes: number[] = [];
    const relayed: string[] = [];
    const sizing = {
      publishEncoded: async (messages: readonly WireMessage[]) => {
        sizes.push(messages.length);
        relayed.push(...envelopesOf(messages).map((e) => (e.payload as { code: string }).code));
        await bus.publishEncoded(messages);
      },
    };
    // Random text does not compress: each envelope is stored with ~60 kB, one with ~300 kB.
    const noise = (kB: number) => randomBytes(kB * 512).toString('hex');
    const id = randomUUID();
    await registryDs.transaction((m) =>
      writer.appendMany(
        m,
        Array.from({ length: 7 }, (_, i) => ({
          type: 'registry.area.upserted' as const,
          payload: areaPayload({ id, code: `C${i}`, name: noise(i === 3 ? 300 : 60) }),
          meta: { tenantId: 'berlin-demo', key: id },
        })),
      ),
    );
    const relay = new OutboxRelay({
      dataSource: registryDs,
      bus: sizing,
      schema: 'registry',
      batchSize: 100,
      batchBytes: 200_000,
      logger: silentLogger,
      listen: false,
    });
    expect(await relay.drain()).toBe(7);
    expect(sizes).toEqual([3, 1, 3]);
    expect(relayed).toEqual(['C0', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    await bus.close();
  });

  it('leaves rows pending and records the error when publishing fails', async () => {
    await appendArea('A');
    const bus = new InProcessEventBus({
      service: 'registry',
      broker: new InProcessBroker(),
      logger: silentLogger,
    });
    await bus.close(); // a closed bus rejects every publish, as a broker that is down
    const relay = new OutboxRelay({
      dataSource: registryDs,
      bus,
      schema: 'registry',
      logger: silentLogger,
      listen: false,
    });
    await expect(relay.relayOnce()).rejects.toThrow('event bus is closed');
    expect(await registryDs.query('SELECT attempts, last_error, published_at FROM registry.outbox')).toEqual([
      { attempts: 1, last_error: 'event bus is closed', published_at: null },
    ]);
  });

  it('two relays on the same outbox never publish a row twice and keep order per key', async () => {
    const keys = Array.from({ length: 12 }, () => randomUUID());
    const perKey = 60;
    for (let round = 0; round < perKey; round += 10) {
      await registryDs.transaction((m) =>
        writer.appendMany(
          m,
          keys.flatMap((id) =>
            Array.from({ length: 10 }, (_, i) => ({
              type: 'registry.area.upserted' as const,
              payload: areaPayload({ id, name: 'n', population: round + i }),
              meta: { tenantId: 'berlin-demo', key: id },
            })),
          ),
        ),
      );
    }
    const broker = new InProcessBroker();
    const bus = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    const seen = new Map<string, number>();
    const order = new Map<string, number[]>();
    await bus.subscribe('recorder', ['registry.area.upserted'], (event) => {
      seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
      order.set(event.payload.id, [...(order.get(event.payload.id) ?? []), event.payload.population ?? -1]);
    });
    // Both relays publish through the same bus, each call yielding so their transactions interleave.
    const slowBus = {
      publishEncoded: async (messages: readonly WireMessage[]) => {
        await new Promise((r) => setTimeout(r, 3));
        await bus.publishEncoded(messages);
      },
    };
    const relays = [1, 2].map(
      () =>
        new OutboxRelay({
          dataSource: registryDs,
          bus: slowBus,
          schema: 'registry',
          batchSize: 25,
          pollIntervalMs: 20,
          logger: silentLogger,
          listen: false,
        }),
    );
    relays.forEach((r) => r.start());
    await until(async () => (await relays[0].pending()) === 0, 30_000, 'outbox drained');
    await Promise.all(relays.map((r) => r.stop()));
    await broker.whenIdle();
    const total = keys.length * perKey;
    expect(seen.size).toBe(total);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(relays[0].stats.published + relays[1].stats.published).toBe(total);
    // Both took part (else the test would prove nothing about concurrency).
    expect(relays[0].stats.published).toBeGreaterThan(0);
    expect(relays[1].stats.published).toBeGreaterThan(0);
    for (const id of keys) expect(order.get(id)).toEqual(Array.from({ length: perKey }, (_, i) => i));
    await bus.close();
  });

  it('holds a row back while an earlier row of its key is claimed by another relay, and passes other keys', async () => {
    const k = randomUUID();
    const other = randomUUID();
    await registryDs.transaction((m) =>
      writer.appendMany(
        m,
        [
          { id: k, name: 'K1' },
          { id: k, name: 'K2' },
          { id: other, name: 'L1' },
        ].map(({ id, name }) => ({
          type: 'registry.area.upserted' as const,
          payload: areaPayload({ id, name }),
          meta: { tenantId: 'berlin-demo', key: id },
        })),
      ),
    );
    const published: string[][] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let claimedByFirst!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimedByFirst = resolve));
    const names = (messages: readonly WireMessage[]) =>
      envelopesOf(messages).map((e) => (e.payload as { name: string }).name);
    // The first relay claims K1 and keeps it locked (its publish waits) while the second claims.
    const first = new OutboxRelay({
      dataSource: registryDs,
      bus: {
        publishEncoded: async (messages) => {
          claimedByFirst();
          await released;
          published.push(names(messages));
        },
      },
      schema: 'registry',
      batchSize: 1,
      logger: silentLogger,
      listen: false,
    });
    const second = new OutboxRelay({
      dataSource: registryDs,
      bus: { publishEncoded: async (messages) => void published.push(names(messages)) },
      schema: 'registry',
      batchSize: 10,
      logger: silentLogger,
      listen: false,
    });
    const firstBatch = first.relayOnce();
    await firstClaimed;
    expect(await second.relayOnce()).toBe(1);
    expect(published).toEqual([['L1']]); // K2 waits for K1
    release();
    expect(await firstBatch).toBe(1);
    expect(await second.relayOnce()).toBe(1);
    expect(published).toEqual([['L1'], ['K1'], ['K2']]);
    expect(await first.pending()).toBe(0);
  });

  it('wakes on NOTIFY at commit instead of waiting for the poll', async () => {
    const broker = new InProcessBroker();
    const bus = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    const received: string[] = [];
    await bus.subscribe('recorder', ['registry.area.upserted'], (event) => void received.push(event.id));
    const relay = new OutboxRelay({
      dataSource: registryDs,
      bus,
      schema: 'registry',
      pollIntervalMs: 60_000,
      logger: silentLogger,
    });
    relay.start();
    await until(
      async () =>
        (
          await registryDs.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN%'`)
        )[0].n > 0,
      5000,
      'LISTEN',
    );
    const started = Date.now();
    const event = await appendArea('Moabit');
    await until(() => received.includes(event.id), 5000, 'notified delivery');
    expect(Date.now() - started).toBeLessThan(2000);
    await relay.stop();
    await bus.close();
  });

  describe('inbox', () => {
    const inbox = new Inbox({ schema: 'survey' });
    const project = (event: EventEnvelope<{ id: string; name: string }>) =>
      inbox.handleOnce(surveyDs, 'area-ref', event, async (manager) => {
        await manager.query(
          'INSERT INTO survey.area_ref (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $2, updates = area_ref.updates + 1',
          [event.payload.id, event.payload.name],
        );
        return event.payload.name;
      });

    it('applies an event once however often it is delivered, even concurrently', async () => {
      const event = await appendArea('Wedding');
      const typed = event as unknown as EventEnvelope<{ id: string; name: string }>;
      expect(await project(typed)).toEqual({ duplicate: false, result: 'Wedding' });
      expect(await project(typed)).toEqual({ duplicate: true });
      const other = { ...typed, id: randomUUID() };
      const results = await Promise.all([project(other), project(other), project(other)]);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(
        await surveyDs.query('SELECT name, updates FROM survey.area_ref WHERE id = $1', [typed.payload.id]),
      ).toEqual([{ name: 'Wedding', updates: 2 }]);
      expect(await inbox.processed(surveyDs, 'area-ref', typed.id)).toBe(true);
      expect(await inbox.processed(surveyDs, 'other-consumer', typed.id)).toBe(false);
    });

    it('records nothing when the effect fails, so a retry applies it', async () => {
      const event = (await appendArea('Gesundbrunnen')) as unknown as EventEnvelope<{
        id: string;
        name: string;
      }>;
      await expect(
        inbox.handleOnce(surveyDs, 'area-ref', event, async (manager) => {
          await manager.query('INSERT INTO survey.area_ref (id, name) VALUES ($1, $2)', [
            event.payload.id,
            event.payload.name,
          ]);
          throw new Error('deadlock detected');
        }),
      ).rejects.toThrow('deadlock detected');
      expect(await inbox.processed(surveyDs, 'area-ref', event.id)).toBe(false);
      expect(await project(event)).toEqual({ duplicate: false, result: 'Gesundbrunnen' });
      await surveyDs.query(
        `UPDATE survey.inbox SET processed_at = now() - interval '40 days' WHERE event_id = $1`,
        [event.id],
      );
      expect(await inbox.cleanup(surveyDs, 30 * 24 * 3600 * 1000)).toBe(1);
      expect(await inbox.processed(surveyDs, 'area-ref', event.id)).toBe(false);
    });
  });
});
