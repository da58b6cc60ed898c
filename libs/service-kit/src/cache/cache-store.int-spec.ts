import { randomUUID } from 'node:crypto';
import { MemoryCacheStore, RedisCacheStore, type CacheStore } from './cache-store';

describe.each([
  ['memory', () => new MemoryCacheStore(3)],
  ['redis', () => new RedisCacheStore(process.env['REDIS_URL'] as string, `test:${randomUUID()}:`)],
])('%s cache store', (_name, create: () => CacheStore) => {
  let cache: CacheStore;
  beforeEach(() => {
    cache = create();
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

it('the redis store answers a miss instead of failing when Redis is unreachable', async () => {
  const cache = new RedisCacheStore('redis://127.0.0.1:1', 'down:');
  expect(await cache.get('x')).toBeNull();
  await expect(cache.set('x', 'y', 10)).resolves.toBeUndefined();
  await cache.close();
});
