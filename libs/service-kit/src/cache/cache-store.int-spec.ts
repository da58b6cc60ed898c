import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MemoryCacheStore, RedisCacheStore, type CacheStore } from './cache-store';

/** Without an offline queue a command sent before Redis answers is a miss: wait until it does. */
async function connectedRedisStore(): Promise<CacheStore> {
  const cache = new RedisCacheStore(process.env['REDIS_URL'] as string, `test:${randomUUID()}:`);
  while ((await cache.generation('connected')) < 0) await new Promise((r) => setTimeout(r, 10));
  return cache;
}

describe.each([
  ['memory', async () => new MemoryCacheStore(3), false],
  ['redis', connectedRedisStore, true],
])('%s cache store', (_name, create: () => Promise<CacheStore>, shared: boolean) => {
  let cache: CacheStore;
  beforeEach(async () => {
    cache = await create();
  });
  afterEach(() => cache.close());

  it('stores, expires and invalidates by prefix', async () => {
    await cache.set('t1:map:a', 'A', 60);
    await cache.set('t1:map:b', 'B', 60);
    await cache.set('t2:map:a', 'C', 60);
    expect(await cache.get('t1:map:a')).toBe('A');
    expect(await cache.deletePrefix('t1:')).toBe(2);
    expect(await cache.get('t1:map:b')).toBeNull();
    expect(await cache.get('t2:map:a')).toBe('C');
    await cache.set('short', 'x', 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await cache.get('short')).toBeNull();
  });

  it('computes once in getOrSet', async () => {
    let calls = 0;
    const compute = async () => `v${++calls}`;
    expect(await cache.getOrSet('k', 60, compute)).toBe('v1');
    expect(await cache.getOrSet('k', 60, compute)).toBe('v1');
    expect(calls).toBe(1);
  });

  it('counts generations per key from 0, also past the entries it evicts', async () => {
    expect(await cache.generation('gen:t1')).toBe(0);
    await cache.bumpGeneration('gen:t1');
    await cache.bumpGeneration('gen:t1');
    for (const key of ['a', 'b', 'c', 'd']) await cache.set(key, key, 60);
    expect(await cache.generation('gen:t1')).toBe(2);
    expect(await cache.generation('gen:t2')).toBe(0);
  });

  it(`is ${shared ? '' : 'not '}shared with other processes`, () => {
    expect(cache.shared).toBe(shared);
  });
});

it('the memory store evicts the least recently used entry beyond its size', async () => {
  const cache = new MemoryCacheStore(2);
  await cache.set('a', '1', 60);
  await cache.set('b', '2', 60);
  await cache.get('a');
  await cache.set('c', '3', 60);
  expect(await cache.get('b')).toBeNull();
  expect(await cache.get('a')).toBe('1');
});

it('the redis store answers a miss instead of failing when Redis is unreachable, and logs it', async () => {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  const cache = new RedisCacheStore('redis://127.0.0.1:1', 'down:');
  expect(await cache.get('x')).toBeNull();
  await expect(cache.set('x', 'y', 10)).resolves.toBeUndefined();
  await expect(cache.bumpGeneration('gen')).resolves.toBeUndefined();
  // A generation no key was built with: whatever was cached is not trusted.
  expect(await cache.generation('gen')).toBeLessThan(0);
  expect(warn.mock.calls.map(([message]) => String(message).split(':')[0])).toEqual([
    'cache read failed',
    'cache write failed',
  ]);
  expect(error).toHaveBeenCalledWith(expect.stringMatching(/^cache invalidation failed for gen: /));
  await cache.close();
  jest.restoreAllMocks();
});
