import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * A small cache port: Redis when REDIS_URL is configured (shared by all replicas, so an
 * invalidation on one is seen by all), an in-process map otherwise (embedded mode). Values are
 * strings: callers cache serialised responses and skip JSON work on hits.
 */
export abstract class CacheStore {
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Removes every key starting with `prefix` (invalidation by tenant, indicator, …). */
  abstract deletePrefix(prefix: string): Promise<number>;
  abstract close(): Promise<void>;

  /** Returns the cached value or computes, stores and returns it. */
  async getOrSet(key: string, ttlSeconds: number, compute: () => Promise<string>): Promise<string> {
    const hit = await this.get(key);
    if (hit !== null) return hit;
    const value = await compute();
    await this.set(key, value, ttlSeconds);
    return value;
  }
}

/** Bounded: beyond `maxEntries` the least recently used entry goes. */
export class MemoryCacheStore extends CacheStore {
  private readonly entries: LRUCache<string, string>;

  constructor(maxEntries = 5000) {
    super();
    this.entries = new LRUCache({ max: maxEntries });
  }

  async get(key: string): Promise<string | null> {
    return this.entries.get(key) ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async deletePrefix(prefix: string): Promise<number> {
    let removed = 0;
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

export class RedisCacheStore extends CacheStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly namespace = 'quartier:',
  ) {
    super();
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      // Reconnect with backoff up to 5 s forever: Redis may come back; misses are answered meanwhile.
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    this.redis.on('error', () => undefined);
  }

  async get(key: string): Promise<string | null> {
    try {
      return await this.redis.get(this.namespace + key);
    } catch {
      // A cache that is down must not take the API down: answer as a miss.
      return null;
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(this.namespace + key, value, 'EX', Math.max(1, Math.round(ttlSeconds)));
    } catch {
      // Same reasoning as get: the value is simply not cached.
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${escapeGlob(this.namespace + prefix)}*`,
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) removed += await this.redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  }

  async close(): Promise<void> {
    // quit() waits for a connection that may never come; a client that is not ready just drops.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

export function createCacheStore(redisUrl: string | undefined, namespace?: string): CacheStore {
  return redisUrl ? new RedisCacheStore(redisUrl, namespace) : new MemoryCacheStore();
}
