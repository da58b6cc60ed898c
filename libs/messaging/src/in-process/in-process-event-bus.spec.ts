import { randomUUID } from 'node:crypto';
import { DEAD_LETTER_REASON_HEADER, type EventEnvelope } from '@quartier/contracts';
import { correlation } from '../correlation';
import { createEnvelope } from '../envelope';
import { InvalidEventError, NonRetryableEventError } from '../errors';
import type { DeliveredEvent, EventContext } from '../event-bus';
import { silentLogger } from '../logger';
import { areaPayload, until } from '../testing/fixtures';
import { DEAD_LETTER_CONSUMER_HEADER } from '../wire';
import { InProcessBroker } from './in-process-broker';
import { InProcessEventBus } from './in-process-event-bus';

const fastRetry = { attempts: 3, initialDelayMs: 5, maxDelayMs: 20, factor: 2 };

describe('InProcessEventBus', () => {
  let broker: InProcessBroker;
  let registry: InProcessEventBus;
  let reporting: InProcessEventBus;

  beforeEach(() => {
    broker = new InProcessBroker();
    registry = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger, retry: fastRetry });
    reporting = new InProcessEventBus({
      service: 'reporting',
      broker,
      logger: silentLogger,
      retry: fastRetry,
    });
  });
  afterEach(async () => {
    await registry.close();
    await reporting.close();
  });

  it("delivers another service's events asynchronously, typed, with correlation and context", async () => {
    const seen: {
      event: DeliveredEvent<'registry.area.upserted' | 'registry.area.deleted'>;
      context: EventContext;
      inScope?: string;
    }[] = [];
    await reporting.subscribe(
      'area-ref',
      ['registry.area.upserted', 'registry.area.deleted'],
      (event, context) => {
        seen.push({ event, context, inScope: correlation.current() });
        if (event.type === 'registry.area.upserted') expect(event.payload.population).toBe(3419);
      },
    );
    const payload = areaPayload();
    const published = await registry.publish('registry.area.upserted', payload, {
      tenantId: 'berlin-demo',
      key: payload.id,
      correlationId: 'req-1',
    });
    expect(seen).toHaveLength(0); // not inside the publisher's call
    await broker.whenIdle();
    expect(seen).toEqual([
      {
        event: published,
        context: {
          consumer: 'area-ref',
          topic: 'quartier.registry.events',
          attempt: 1,
          correlationId: 'req-1',
        },
        inScope: 'req-1',
      },
    ]);
  });

  it('keeps order per key while keys proceed independently', async () => {
    const order: string[] = [];
    await reporting.subscribe('ordered', ['registry.area.upserted'], async (event) => {
      // Early events of a key are the slowest: any reordering would show.
      await new Promise((resolve) => setTimeout(resolve, event.payload.population === 0 ? 15 : 1));
      order.push(`${event.payload.code}:${event.payload.population}`);
    });
    const a = randomUUID();
    const b = randomUUID();
    for (let n = 0; n < 5; n++) {
      await registry.publish('registry.area.upserted', areaPayload({ id: a, code: 'A', population: n }), {
        tenantId: 'berlin-demo',
        key: a,
      });
      await registry.publish('registry.area.upserted', areaPayload({ id: b, code: 'B', population: n }), {
        tenantId: 'berlin-demo',
        key: b,
      });
    }
    await broker.whenIdle();
    expect(order.filter((x) => x.startsWith('A'))).toEqual(['A:0', 'A:1', 'A:2', 'A:3', 'A:4']);
    expect(order.filter((x) => x.startsWith('B'))).toEqual(['B:0', 'B:1', 'B:2', 'B:3', 'B:4']);
  });

  it('retries a failing handler with backoff and succeeds', async () => {
    const attempts: number[] = [];
    await reporting.subscribe('flaky', ['registry.area.upserted'], (_event, context) => {
      attempts.push(context.attempt);
      if (context.attempt < 3) throw new Error('database busy');
    });
    await registry.publish('registry.area.upserted', areaPayload(), { tenantId: 'berlin-demo', key: 'k' });
    await broker.whenIdle();
    expect(attempts).toEqual([1, 2, 3]);
    expect(broker.deadLetters).toEqual([]);
  });

  it('dead-letters after the last attempt with the reason, consumer and original message', async () => {
    let calls = 0;
    await reporting.subscribe('broken', ['registry.area.upserted'], () => {
      calls++;
      throw new Error('column "x" does not exist');
    });
    const event = await registry.publish('registry.area.upserted', areaPayload(), {
      tenantId: 'berlin-demo',
      key: 'k',
    });
    await broker.whenIdle();
    expect(calls).toBe(3);
    expect(broker.deadLetters).toHaveLength(1);
    const [dead] = broker.deadLetters;
    expect(dead.topic).toBe('quartier.registry.events.dlq');
    expect(dead.reason).toBe('broken failed 3 time(s): column "x" does not exist');
    expect(dead.consumer).toBe('broken');
    expect(dead.headers[DEAD_LETTER_REASON_HEADER]).toBe(dead.reason);
    expect(dead.headers[DEAD_LETTER_CONSUMER_HEADER]).toBe('broken');
    expect(JSON.parse(dead.value)).toEqual(event);
  });

  it('dead-letters at once when the handler says retrying cannot help', async () => {
    let calls = 0;
    await reporting.subscribe('strict', ['registry.area.deleted'], () => {
      calls++;
      throw new NonRetryableEventError('area of an unknown tenant');
    });
    await registry.publish(
      'registry.area.deleted',
      { id: randomUUID(), tenantId: 'berlin-demo' },
      { tenantId: 'berlin-demo', key: 'k' },
    );
    await broker.whenIdle();
    expect(calls).toBe(1);
    expect(broker.deadLetters.map((d) => d.reason)).toEqual([
      'rejected by strict: area of an unknown tenant',
    ]);
  });

  it('dead-letters invalid payloads, unsupported versions and unknown types without calling the handler', async () => {
    const handled: string[] = [];
    await reporting.subscribe('checker', ['registry.area.upserted'], (event) => {
      handled.push(event.id);
    });
    const good = createEnvelope('registry.area.upserted', areaPayload(), {
      tenantId: 'berlin-demo',
      key: 'k',
    });
    const invalid = { ...good, id: randomUUID(), payload: { ...good.payload, population: 'viele' } };
    const future = { ...good, id: randomUUID(), version: 2 };
    const unknown = { ...good, id: randomUUID(), type: 'registry.area.exploded' };
    await registry.publishRaw([invalid, future, unknown, good] as EventEnvelope[]);
    await broker.whenIdle();
    expect(handled).toEqual([good.id]);
    expect(broker.deadLetters.map((d) => d.reason)).toEqual([
      expect.stringMatching(/^invalid registry.area.upserted payload at population: /),
      'unsupported version 2 of registry.area.upserted (known: 1)',
      'unknown event type registry.area.exploded',
    ]);
  });

  it('skips known event types the subscription did not ask for', async () => {
    const handled: string[] = [];
    await reporting.subscribe('only-deletes', ['registry.area.deleted'], (event) => {
      handled.push(event.type);
    });
    await registry.publish('registry.area.upserted', areaPayload(), { tenantId: 'berlin-demo', key: 'k' });
    await registry.publish(
      'registry.area.deleted',
      { id: randomUUID(), tenantId: 'berlin-demo' },
      { tenantId: 'berlin-demo', key: 'k' },
    );
    await broker.whenIdle();
    expect(handled).toEqual(['registry.area.deleted']);
    expect(broker.deadLetters).toEqual([]);
  });

  it('fans out to every consumer group, once each', async () => {
    const counts = { one: 0, two: 0 };
    await reporting.subscribe('one', ['registry.area.upserted'], () => void counts.one++);
    await reporting.subscribe('two', ['registry.area.upserted'], () => void counts.two++);
    await registry.publish('registry.area.upserted', areaPayload(), { tenantId: 'berlin-demo', key: 'k' });
    await broker.whenIdle();
    expect(counts).toEqual({ one: 1, two: 1 });
    await expect(reporting.subscribe('one', ['registry.area.upserted'], () => {})).rejects.toThrow(
      'consumer reporting.one is already subscribed',
    );
  });

  it("refuses to publish another service's events and anything after close", async () => {
    const event = createEnvelope('registry.area.upserted', areaPayload(), {
      tenantId: 'berlin-demo',
      key: 'k',
    });
    await expect(reporting.publishRaw([event])).rejects.toThrow(
      new InvalidEventError("reporting cannot publish registry's event registry.area.upserted"),
    );
    await expect(
      reporting.publish('registry.area.upserted', areaPayload(), { tenantId: 'berlin-demo', key: 'k' }),
    ).rejects.toThrow('registry.area.upserted is produced by registry, not by reporting');
    await registry.close();
    await expect(registry.publishRaw([event])).rejects.toThrow('event bus is closed');
  });

  it('stops retrying when the subscription stops, leaving the event undelivered', async () => {
    let calls = 0;
    const failing = () => {
      calls++;
      throw new Error('down');
    };
    const sub = await reporting.subscribe('stoppable', ['registry.area.upserted'], failing, {
      retry: { attempts: 10, initialDelayMs: 10_000, maxDelayMs: 10_000 },
    });
    await registry.publish('registry.area.upserted', areaPayload(), { tenantId: 'berlin-demo', key: 'k' });
    await until(() => calls === 1, 2000, 'first attempt');
    const started = Date.now();
    await sub.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBe(1);
    expect(broker.deadLetters).toEqual([]);
    await registry.publish('registry.area.upserted', areaPayload(), { tenantId: 'berlin-demo', key: 'k' });
    await broker.whenIdle();
    expect(calls).toBe(1);
  });

  it('lets queued events finish on close', async () => {
    const handled: number[] = [];
    await reporting.subscribe('slow', ['registry.area.upserted'], async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      handled.push(event.payload.population ?? -1);
    });
    for (let n = 0; n < 5; n++)
      await registry.publish('registry.area.upserted', areaPayload({ population: n }), {
        tenantId: 'berlin-demo',
        key: 'k',
      });
    await reporting.close();
    expect(handled).toEqual([0, 1, 2, 3, 4]);
  });
});
