import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@quartier/service-kit';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Cache of computed map data (one indicator, one period, every level). Keys carry a per-tenant
 * generation number; invalidation increments it, which retires every key of the tenant at once
 * without scanning (old entries expire by TTL). Redis when REDIS_URL is set — shared by all
 * replicas — else an in-process map (embedded mode, one process).
 */
export abstract class ValueCache {
  /**
   * Whether other processes read what this one writes. The in-process cache is not: the values
   * service keeps its parsed cells in memory anyway, so it neither serialises them into it (3 MB
   * of JSON per indicator and period at 50,000 areas) nor holds them twice.
   */
  abstract readonly shared: boolean;
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlSeconds: number): Promise<void>;
  abstract generation(tenantId: string): Promise<number>;
  abstract invalidate(tenantId: string): Promise<void>;
}

const MAX_MEMORY_ENTRIES = 500;

export class MemoryValueCache extends ValueCache {
  readonly shared = false;
  private readonly entries = new LRUCache<string, string>({ max: MAX_MEMORY_ENTRIES });
  private readonly generations = new Map<string, number>();

  async get(key: string): Promise<string | null> {
    return this.entries.get(key) ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async generation(tenantId: string): Promise<number> {
    return this.generations.get(tenantId) ?? 0;
  }

  async invalidate(tenantId: string): Promise<void> {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }
}

/**
 * Redis-backed cache. A failing Redis must not fail a map request: reads then miss and the
 * value is computed from PostgreSQL; a failed invalidation is logged (keys still expire).
 */
export class RedisValueCache extends ValueCache {
  readonly shared = true;
  private readonly logger = new Logger('ValueCache');

  constructor(private readonly redis: Redis) {
    super();
  }

  async get(key: string): Promise<string | null> {
    try {
      return await this.redis.get(key);
    } catch (error) {
      this.logger.warn(`cache read failed: ${(error as Error).message}`);
      return null;
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(key, value, 'EX', ttlSeconds);
    } catch (error) {
      this.logger.warn(`cache write failed: ${(error as Error).message}`);
    }
  }

  async generation(tenantId: string): Promise<number> {
    try {
      return Number((await this.redis.get(`quartier:indicator:gen:${tenantId}`)) ?? 0);
    } catch {
      // Without the generation no key is trustworthy: a random one guarantees a miss.
      return -Date.now();
    }
  }

  async invalidate(tenantId: string): Promise<void> {
    try {
      await this.redis.incr(`quartier:indicator:gen:${tenantId}`);
    } catch (error) {
      this.logger.error(`cache invalidation failed for ${tenantId}: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Injectable()
export class ValueCacheLifecycle implements OnApplicationShutdown {
  constructor(@Inject(ValueCache) private readonly cache: ValueCache) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.cache instanceof RedisValueCache) await this.cache.close();
  }
}

export const valueCacheProvider = {
  provide: ValueCache,
  inject: [RUNTIME_CONFIG],
  useFactory: (runtime: RuntimeConfig): ValueCache =>
    runtime.redisUrl
      ? new RedisValueCache(
          new Redis(runtime.redisUrl, {
            maxRetriesPerRequest: 1,
            enableOfflineQueue: false,
            lazyConnect: false,
          }),
        )
      : new MemoryValueCache(),
};
