import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * A small cache port: Redis when REDIS_URL is configured (shared by all replicas, so an
 * invalidation on one is seen by all), an in-process map otherwise (embedded mode). Values are
 * strings: callers cache serialised responses and skip JSON work on hits.
 */
export abstract class CacheStore {
  /**
   * Whether other processes read what this one writes. The in-process store is not: a caller that
   * keeps its values parsed in memory anyway need not serialise them into it and hold them twice.
   */
  abstract readonly shared: boolean;
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Removes every key starting with `prefix` (invalidation by tenant, indicator, …). */
  abstract deletePrefix(prefix: string): Promise<number>;
  /**
   * The counter at `key` (0 before its first bump). Keys that carry it are all retired at once by
   * `bumpGeneration`, without scanning (old entries expire by their TTL).
   */
  abstract generation(key: string): Promise<number>;
  /** Moves the counter at `key` on by one, atomically across replicas. */
  abstract bumpGeneration(key: string): Promise<void>;
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
  readonly shared = false;
  private readonly entries: LRUCache<string, string>;
  // Apart from the entries: an evicted generation would start again at 0 and revive old keys.
  private readonly generations = new Map<string, number>();

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

  async generation(key: string): Promise<number> {
    return this.generations.get(key) ?? 0;
  }

  async bumpGeneration(key: string): Promise<void> {
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

/**
 * A Redis that fails or is down must not fail a request: reads then miss (the caller computes the
 * value), writes are dropped, and each failure is logged.
 */
export class RedisCacheStore extends CacheStore {
  readonly shared = true;
  private readonly redis: Redis;
  private readonly logger = new Logger('CacheStore');

  constructor(
    url: string,
    private readonly namespace = 'quartier:',
  ) {
    super();
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      // Without Redis a command fails at once instead of waiting for a reconnection: a miss now
      // is cheaper than a request held up for seconds.
      enableOfflineQueue: false,
      // Reconnect with backoff up to 5 s forever: Redis may come back; misses are answered meanwhile.
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    this.redis.on('error', () => undefined);
  }

  async get(key: string): Promise<string | null> {
    try {
      return await this.redis.get(this.namespace + key);
    } catch (error) {
      this.logger.warn(`cache read failed: ${(error as Error).message}`);
      return null;
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(this.namespace + key, value, 'EX', Math.max(1, Math.round(ttlSeconds)));
    } catch (error) {
      this.logger.warn(`cache write failed: ${(error as Error).message}`);
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

  async generation(key: string): Promise<number> {
    try {
      return Number((await this.redis.get(this.namespace + key)) ?? 0);
    } catch {
      // Without the generation no key is trustworthy: one never handed out guarantees a miss.
      return -Date.now();
    }
  }

  async bumpGeneration(key: string): Promise<void> {
    try {
      await this.redis.incr(this.namespace + key);
    } catch (error) {
      // Keys of the old generation are then served until their TTL ends.
      this.logger.error(`cache invalidation failed for ${key}: ${(error as Error).message}`);
    }
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
