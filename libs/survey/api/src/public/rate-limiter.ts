import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Seconds until the next request would be allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
  readonly remaining: number;
}

/**
 * Fixed-window counter per client address, held in this process's memory only: nothing about
 * respondents' addresses is ever written to the database, a log or a cache server. Even in
 * memory the address is kept as an HMAC under a key drawn at start-up, so a heap dump does not
 * list addresses either. The map is bounded: when full, expired windows are swept, then the
 * oldest entries go (Map keeps insertion order).
 *
 * One household or a community centre's tablet shares an address, so the default allows a
 * few dozen submissions per address and window rather than one.
 */
export class PublicRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  // A KeyObject made once: hashing with a raw Buffer key would rebuild one per request.
  private readonly key: KeyObject = createSecretKey(randomBytes(32));

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  check(address: string): RateLimitDecision {
    const id = createHmac('sha256', this.key).update(address).digest('base64');
    const now = this.now();
    let window = this.windows.get(id);
    if (!window || now - window.start >= this.windowMs) {
      if (!window && this.windows.size >= this.maxEntries) this.evict(now);
      window = { start: now, count: 0 };
      this.windows.delete(id);
      this.windows.set(id, window);
    }
    if (window.count >= this.limit) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)),
        remaining: 0,
      };
    }
    window.count += 1;
    return { allowed: true, retryAfterSeconds: 0, remaining: this.limit - window.count };
  }

  get size(): number {
    return this.windows.size;
  }

  private evict(now: number): void {
    for (const [id, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(id);
    const excess = this.windows.size - this.maxEntries + 1;
    if (excess <= 0) return;
    let removed = 0;
    for (const id of this.windows.keys()) {
      if (removed++ >= excess) break;
      this.windows.delete(id);
    }
  }
}
