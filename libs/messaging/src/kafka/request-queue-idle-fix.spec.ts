import { fixIdleRequestQueue, kafkaRequestQueue } from './request-queue-idle-fix';

// kafkajs's own RequestQueue, with the fix installed; the requests are kafkajs's request entries
// without a socket behind them (the queue only calls `sendRequest`).
interface Queue {
  pending: unknown[];
  throttleCheckTimeoutId: unknown;
  maybeThrottle(ms: number): void;
  push(request: object): void;
  fulfillRequest(answer: { correlationId: number; payload: Buffer | null; size: number }): void;
  checkPendingRequests(): void;
  destroy(): void;
}

const logger = {
  debug: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  error: () => undefined,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function queue(): Queue {
  const RequestQueue = kafkaRequestQueue() as unknown as new (options: object) => Queue;
  return new RequestQueue({
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: 'test:9092',
    logger,
  });
}

function request(correlationId: number, sent: number[], answers: unknown[]) {
  return {
    entry: {
      correlationId,
      apiKey: 3,
      apiName: 'Metadata',
      apiVersion: 6,
      resolve: (answer: unknown) => answers.push(answer),
      reject: (error: unknown) => answers.push(error),
    },
    expectResponse: true,
    sendRequest: () => sent.push(correlationId),
  };
}

describe('kafkajs RequestQueue idle fix', () => {
  beforeAll(() => expect(fixIdleRequestQueue()).toBe(true));

  it('installs on the installed kafkajs, once', () => {
    // False would mean kafkajs changed the method: see whether it still spins before removing the fix.
    expect(fixIdleRequestQueue()).toBe(true);
  });

  it('leaves an idle queue without a timer (kafkajs re-armed a 1 ms one for as long as the connection lived)', async () => {
    const q = queue();
    let checks = 0;
    const check = q.checkPendingRequests.bind(q);
    q.checkPendingRequests = () => {
      checks++;
      check();
    };
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
    // Unfixed, kafkajs checks about 500 times a second here.
    await sleep(100);
    expect(checks).toBe(1);
    q.destroy();
  });

  it('sends a request held back by a throttle once the throttle ends, then goes idle', async () => {
    const q = queue();
    const sent: number[] = [];
    const answers: unknown[] = [];
    q.maybeThrottle(40);
    q.push(request(1, sent, answers));
    expect(sent).toEqual([]);
    expect(q.pending).toHaveLength(1);
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    await sleep(80);
    expect(sent).toEqual([1]);
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(answers).toHaveLength(1);
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.destroy();
  });

  it('sends at once what no throttle holds back, arming nothing', () => {
    const q = queue();
    const sent: number[] = [];
    q.push(request(7, sent, []));
    expect(sent).toEqual([7]);
    q.fulfillRequest({ correlationId: 7, payload: null, size: 0 });
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.destroy();
  });
});
