import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../runtime';
import { CacheStore, createCacheStore } from './cache-store';

@Injectable()
class CacheLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CacheStore) private readonly cache: CacheStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }
}

/** One cache per process (Redis at REDIS_URL, or in memory), injected as `CacheStore`. */
@Global()
@Module({
  providers: [
    {
      provide: CacheStore,
      inject: [RUNTIME_CONFIG],
      useFactory: (runtime: RuntimeConfig) => createCacheStore(runtime.redisUrl),
    },
    CacheLifecycle,
  ],
  exports: [CacheStore],
})
export class CacheModule {}
