import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@quartier/contracts';
import { createEnvelope } from '../envelope';
import { silentLogger } from '../logger';
import { areaPayload } from '../testing/fixtures';
import { encodeEnvelope } from '../wire';
import { InProcessBroker } from './in-process-broker';
import { InProcessEventBus } from './in-process-event-bus';

/** A gate a handler waits at, opened by the test. */
function gate(): { wait: () => Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => opened, open };
}

function areaEvents(count: number): EventEnvelope[] {
  return Array.from({ length: count }, (_, i) => {
    const payload = areaPayload({ code: `A${i}` });
    return createEnvelope('registry.area.upserted', payload, { tenantId: 'berlin-demo', key: randomUUID() });
  });
}

/** Whether the promise has settled after the event loop has had its turn. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('InProcessBroker backpressure', () => {
  const events = areaEvents(6);
  const eventBytes = Math.max(...events.map((e) => encodeEnvelope(e).value.length));
  let broker: InProcessBroker;
  let registry: InProcessEventBus;
  let indicator: InProcessEventBus;

  beforeEach(() => {
    // Room for about two events per subscriber.
    broker = new InProcessBroker(2 * eventBytes);
    registry = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    indicator = new InProcessEventBus({ service: 'indicator', broker, logger: silentLogger });
  });
  afterEach(async () => {
    await registry.close();
    await indicator.close();
  });

  it.each(['single', 'batch'] as const)(
    'holds a publisher while a %s subscriber is over its mark, and lets it go once it has caught up',
    async (kind) => {
      const handling = gate();
      const seen: string[] = [];
      const handle = async (ids: string[]) => {
        await handling.wait();
        seen.push(...ids);
      };
      if (kind === 'single')
        await indicator.subscribe('area-ref', ['registry.area.upserted'], (e) => handle([e.id]));
      else
        await indicator.subscribeBatch('area-ref', ['registry.area.upserted'], (batch) =>
          handle(batch.map((e) => e.id)),
        );

      const publishing = registry.publishRaw(events);
      expect(await settled(publishing)).toBe(false);
      handling.open();
      await publishing;
      await broker.whenIdle();
      expect(seen.sort()).toEqual(events.map((e) => e.id).sort());
    },
  );

  it('does not hold a publisher below the mark, nor for subscribers of other events', async () => {
    const handling = gate();
    await indicator.subscribe('deleted', ['registry.area.deleted'], () => handling.wait());
    await indicator.subscribe('one', ['registry.area.upserted'], () => handling.wait());
    // Six events to a subscriber of other events, one to a blocked subscriber: within the mark.
    expect(await settled(registry.publishRaw(events.slice(0, 1)))).toBe(true);
    handling.open();
  });

  it('lets a publisher go when the subscriber that held it stops', async () => {
    const handling = gate();
    const subscription = await indicator.subscribe('slow', ['registry.area.upserted'], () => handling.wait());
    const publishing = registry.publishRaw(events);
    expect(await settled(publishing)).toBe(false);
    const stopping = subscription.stop();
    await publishing;
    handling.open();
    await stopping;
  });
});
