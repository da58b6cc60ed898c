import { randomUUID } from 'node:crypto';
import { NonRetryableEventError } from '../errors';
import type { BatchContext, DeliveredEvent } from '../event-bus';
import { silentLogger } from '../logger';
import { areaPayload } from '../testing/fixtures';
import { encodeEnvelope } from '../wire';
import { createEnvelope } from '../envelope';
import { InProcessBroker } from './in-process-broker';
import { InProcessEventBus } from './in-process-event-bus';

const fastRetry = { attempts: 3, initialDelayMs: 5, maxDelayMs: 20, factor: 2 };
type Area = DeliveredEvent<'registry.area.upserted'>;

describe('InProcessEventBus batch subscriptions', () => {
  let broker: InProcessBroker;
  let registry: InProcessEventBus;
  let indicator: InProcessEventBus;

  beforeEach(() => {
    broker = new InProcessBroker();
    registry = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger, retry: fastRetry });
    indicator = new InProcessEventBus({
      service: 'indicator',
      broker,
      logger: silentLogger,
      retry: fastRetry,
    });
  });
  afterEach(async () => {
    await registry.close();
    await indicator.close();
  });

  const publishAreas = async (count: number, key: (i: number) => string = () => randomUUID()) => {
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const code = `A${String(i).padStart(3, '0')}`;
      codes.push(code);
      await registry.publish('registry.area.upserted', areaPayload({ code, population: i }), {
        tenantId: 'berlin-demo',
        key: key(i),
      });
    }
    return codes;
  };

  it('hands over what has arrived in batches of at most maxBatch, in publication order across keys', async () => {
    const batches: string[][] = [];
    const contexts: BatchContext[] = [];
    await indicator.subscribeBatch(
      'area-ref',
      ['registry.area.upserted'],
      (events, context) => {
        batches.push(events.map((e) => e.payload.code));
        contexts.push(context);
      },
      { maxBatch: 10 },
    );
    const codes = await publishAreas(25);
    expect(batches).toEqual([]); // never inside the publisher's call
    await broker.whenIdle();
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(codes);
    expect(contexts).toEqual([
      { consumer: 'area-ref', attempt: 1 },
      { consumer: 'area-ref', attempt: 1 },
      { consumer: 'area-ref', attempt: 1 },
    ]);
  });

  it('bounds a batch by bytes too: heavy events come in smaller batches, one too large alone', async () => {
    const sizes: number[] = [];
    const names: string[] = [];
    await indicator.subscribeBatch(
      'area-ref',
      ['registry.area.upserted'],
      (events) => {
        sizes.push(events.length);
        names.push(...events.map((e) => e.payload.name));
      },
      { maxBatch: 100, maxBatchBytes: 8_000 },
    );
    // ~2.5 kB each: three fit into 8 kB; the 20 kB one exceeds the limit on its own.
    const names_ = Array.from({ length: 7 }, (_, i) =>
      i === 4 ? 'B'.repeat(20_000) : `${i}${'a'.repeat(2_000)}`,
    );
    for (const name of names_)
      await registry.publish('registry.area.upserted', areaPayload({ name }), {
        tenantId: 'berlin-demo',
        key: 'k',
      });
    await broker.whenIdle();
    expect(sizes).toEqual([3, 1, 1, 2]);
    expect(names).toEqual(names_);
  });

  it('handles one batch at a time, and what arrives meanwhile forms the next batch', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    await indicator.subscribeBatch('area-ref', ['registry.area.upserted'], async (events) => {
      running++;
      most = Math.max(most, running);
      sizes.push(events.length);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
    });
    await publishAreas(1);
    await new Promise((resolve) => setImmediate(resolve));
    await publishAreas(7);
    await broker.whenIdle();
    expect(most).toBe(1);
    expect(sizes).toEqual([1, 7]);
  });

  it('handles at most two batches at a time across all subscriptions of the broker, in turn', async () => {
    let running = 0;
    let most = 0;
    const starts: string[] = [];
    const handled = new Map<string, string[]>();
    for (const consumer of ['a', 'b', 'c', 'd'])
      await indicator.subscribeBatch(
        consumer,
        ['registry.area.upserted'],
        async (events) => {
          running++;
          most = Math.max(most, running);
          starts.push(consumer);
          await new Promise((resolve) => setTimeout(resolve, 5));
          handled.set(consumer, [...(handled.get(consumer) ?? []), ...events.map((e) => e.payload.code)]);
          running--;
        },
        { maxBatch: 2 },
      );
    const codes = await publishAreas(6);
    await broker.whenIdle();
    expect(most).toBe(2);
    for (const consumer of ['a', 'b', 'c', 'd']) expect(handled.get(consumer)).toEqual(codes);
    // First come, first served: every subscription has its first batch before any has its second.
    expect([...starts.slice(0, 4)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(starts).toHaveLength(12);
  });

  it('retries a failing batch as a whole with backoff', async () => {
    const attempts: number[] = [];
    await indicator.subscribeBatch('flaky', ['registry.area.upserted'], (events, context) => {
      attempts.push(context.attempt);
      if (context.attempt < 3) throw new Error('database restarting');
      expect(events).toHaveLength(4);
    });
    await publishAreas(4);
    await broker.whenIdle();
    expect(attempts).toEqual([1, 2, 3]);
    expect(broker.deadLetters).toEqual([]);
  });

  it('after the retries, delivers the events one by one, so only the culprit is dead-lettered', async () => {
    const handled: string[] = [];
    await indicator.subscribeBatch('poisoned', ['registry.area.upserted'], (events) => {
      if (events.some((e) => e.payload.code === 'A002')) throw new Error('constraint violated by A002');
      handled.push(...events.map((e) => e.payload.code));
    });
    await publishAreas(5);
    await broker.whenIdle();
    expect(handled).toEqual(['A000', 'A001', 'A003', 'A004']);
    expect(broker.deadLetters).toHaveLength(1);
    expect(JSON.parse(broker.deadLetters[0].value).payload.code).toBe('A002');
    expect(broker.deadLetters[0].reason).toMatch(/poisoned failed 3 time\(s\): constraint violated by A002/);
  });

  it('goes event by event at once when the handler refuses the batch as non-retryable', async () => {
    const attempts: number[] = [];
    await indicator.subscribeBatch('strict', ['registry.area.upserted'], (events, context) => {
      attempts.push(events.length);
      if (events.some((e) => e.payload.code === 'A001'))
        throw new NonRetryableEventError('A001 cannot be applied');
      void context;
    });
    await publishAreas(3);
    await broker.whenIdle();
    expect(attempts).toEqual([3, 1, 1, 1]);
    expect(broker.deadLetters.map((d) => JSON.parse(d.value).payload.code)).toEqual(['A001']);
    expect(broker.deadLetters[0].reason).toMatch(/rejected by strict: A001 cannot be applied/);
  });

  it('dead-letters invalid messages and skips unrequested types without bothering the handler', async () => {
    const seen: Area[][] = [];
    await indicator.subscribeBatch('checked', ['registry.area.upserted'], (events) => {
      seen.push([...events]);
    });
    const valid = createEnvelope(
      'registry.area.upserted',
      areaPayload({ code: 'OK' }),
      { tenantId: 'berlin-demo', key: 'k' },
      'registry',
    );
    const invalid = { ...valid, id: randomUUID(), payload: { ...valid.payload, population: 'many' } };
    const other = createEnvelope(
      'registry.area.deleted',
      { id: randomUUID(), tenantId: 'berlin-demo' } as never,
      { tenantId: 'berlin-demo', key: 'k' },
      'registry',
    );
    broker.publish([invalid, other, valid].map((e) => encodeEnvelope(e as never)));
    await broker.whenIdle();
    expect(seen.map((batch) => batch.map((e) => e.payload.code))).toEqual([['OK']]);
    expect(broker.deadLetters).toHaveLength(1);
    expect(broker.deadLetters[0].consumer).toBe('checked');
  });

  it('refuses a second subscription under the same consumer name and a maxBatch below one', async () => {
    await indicator.subscribeBatch('once', ['registry.area.upserted'], () => undefined);
    await expect(
      indicator.subscribeBatch('once', ['registry.area.upserted'], () => undefined),
    ).rejects.toThrow(/already subscribed/);
    await expect(
      indicator.subscribeBatch('zero', ['registry.area.upserted'], () => undefined, { maxBatch: 0 }),
    ).rejects.toThrow(/maxBatch/);
  });

  it('on close, finishes what is queued within the grace period', async () => {
    const handled: string[] = [];
    await indicator.subscribeBatch(
      'closing',
      ['registry.area.upserted'],
      async (events) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        handled.push(...events.map((e) => e.payload.code));
      },
      { maxBatch: 2 },
    );
    const codes = await publishAreas(6);
    await indicator.close();
    expect(handled).toEqual(codes);
    await expect(
      indicator.subscribeBatch('late', ['registry.area.upserted'], () => undefined),
    ).rejects.toThrow(/closed/);
  });
});
