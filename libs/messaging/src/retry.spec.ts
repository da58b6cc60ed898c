import { DEFAULT_RETRY_POLICY, backoffDelay, retryPolicy, sleep } from './retry';

describe('retry policy', () => {
  it('grows exponentially from the initial delay up to the cap', () => {
    const policy = retryPolicy({ initialDelayMs: 100, factor: 2, maxDelayMs: 1000 });
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n))).toEqual([
      0, 100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('defaults to five attempts starting at 200 ms', () => {
    expect(retryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 5, initialDelayMs: 200, maxDelayMs: 30_000, factor: 2 });
  });

  it('rejects nonsensical settings', () => {
    expect(() => retryPolicy({ attempts: 0 })).toThrow('retry attempts must be an integer ≥ 1, got 0');
    expect(() => retryPolicy({ attempts: 1.5 })).toThrow(RangeError);
    expect(() => retryPolicy({ initialDelayMs: -1 })).toThrow('retry initialDelayMs must be ≥ 0, got -1');
    expect(() => retryPolicy({ initialDelayMs: 500, maxDelayMs: 100 })).toThrow(
      'retry maxDelayMs must be ≥ initialDelayMs',
    );
    expect(() => retryPolicy({ factor: 0.5 })).toThrow('retry factor must be ≥ 1, got 0.5');
  });

  it('sleeps, and a stop cuts the sleep short', async () => {
    expect(await sleep(5)).toBe(true);
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    expect(await pending).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await sleep(10, controller.signal)).toBe(false);
  });
});
