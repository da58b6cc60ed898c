/** How often and how patiently a failing handler is retried before its event is dead-lettered. */
export interface RetryPolicy {
  /** Total handler invocations, the first one included (1 = no retry). */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  factor: 2,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1)
    throw new RangeError(`retry attempts must be an integer ≥ 1, got ${policy.attempts}`);
  if (!(policy.initialDelayMs >= 0))
    throw new RangeError(`retry initialDelayMs must be ≥ 0, got ${policy.initialDelayMs}`);
  if (!(policy.maxDelayMs >= policy.initialDelayMs))
    throw new RangeError('retry maxDelayMs must be ≥ initialDelayMs');
  if (!(policy.factor >= 1)) throw new RangeError(`retry factor must be ≥ 1, got ${policy.factor}`);
  return policy;
}

/** Delay before retry number `retry` (1 = the first retry): exponential, capped. */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs' | 'factor'>,
  retry: number,
): number {
  if (retry < 1) return 0;
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (retry - 1));
}

/** A sleep that a stop can cut short (resolves false when aborted). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
