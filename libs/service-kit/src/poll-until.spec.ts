import { pollUntil } from './poll-until';

describe('pollUntil', () => {
  it('returns the first answer that is not null, without waiting after it', async () => {
    const answers = [null, null, 'found', 'later'];
    let calls = 0;
    const found = await pollUntil(async () => answers[calls++], { timeoutMs: 1000, intervalMs: 1 });
    expect(found).toBe('found');
    expect(calls).toBe(3);
  });

  it('keeps a falsy answer: only null means not yet', async () => {
    await expect(pollUntil(async () => 0, { timeoutMs: 0, intervalMs: 1 })).resolves.toBe(0);
  });

  it('answers null once the timeout has passed, having asked at least once', async () => {
    let calls = 0;
    const started = Date.now();
    const found = await pollUntil(
      async () => {
        calls += 1;
        return null;
      },
      { timeoutMs: 30, intervalMs: 5 },
    );
    expect(found).toBeNull();
    expect(calls).toBeGreaterThan(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
  });
});
