import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let now = 0;
  const throttle = () => new LoginThrottle(3, 60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows attempts until the failure limit is reached within the window', () => {
    const t = throttle();
    t.recordFailure('admin|127.0.0.1');
    t.recordFailure('admin|127.0.0.1');
    expect(t.retryAfterMs('admin|127.0.0.1')).toBe(0);
    t.recordFailure('admin|127.0.0.1');
    expect(t.retryAfterMs('admin|127.0.0.1')).toBe(60_000);
  });

  it('frees the key when the oldest failure leaves the window', () => {
    const t = throttle();
    t.recordFailure('k');
    now += 10_000;
    t.recordFailure('k');
    t.recordFailure('k');
    expect(t.retryAfterMs('k')).toBe(50_000);
    now += 50_000;
    expect(t.retryAfterMs('k')).toBe(0);
  });

  it('keeps keys apart and clears a key on success', () => {
    const t = throttle();
    for (let i = 0; i < 3; i += 1) t.recordFailure('admin|10.0.0.1');
    expect(t.retryAfterMs('admin|10.0.0.2')).toBe(0);
    t.recordSuccess('admin|10.0.0.1');
    expect(t.retryAfterMs('admin|10.0.0.1')).toBe(0);
  });
});
