import { PublicRateLimiter } from './rate-limiter';

describe('PublicRateLimiter', () => {
  it('allows `limit` requests per address and window, then refuses with the seconds to wait', () => {
    let now = 1_000_000;
    const limiter = new PublicRateLimiter(3, 60_000, 100, () => now);
    expect([1, 2, 3].map(() => limiter.check('203.0.113.7').allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(limiter.check('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 45, remaining: 0 });
    expect(limiter.check('198.51.100.1')).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
    now += 45_000;
    expect(limiter.check('203.0.113.7')).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
  });

  it('stays bounded: expired windows are swept first, then the oldest entries', () => {
    let now = 0;
    const limiter = new PublicRateLimiter(1, 1000, 3, () => now);
    ['a', 'b', 'c'].forEach((ip) => limiter.check(ip));
    expect(limiter.size).toBe(3);
    limiter.check('d');
    expect(limiter.size).toBe(3);
    // 'a' was the oldest and went; it starts a fresh window.
    expect(limiter.check('a').allowed).toBe(true);
    now = 5000;
    limiter.check('e');
    expect(limiter.size).toBe(1);
  });

  it('never keeps the address itself', () => {
    const limiter = new PublicRateLimiter(1, 1000);
    limiter.check('192.0.2.55');
    const keys = [...(limiter as unknown as { windows: Map<string, unknown> }).windows.keys()];
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('192.0.2.55');
  });
});
