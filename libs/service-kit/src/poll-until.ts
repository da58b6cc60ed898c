/**
 * Asks `probe` every `intervalMs` until it answers something other than null, and returns that;
 * null once `timeoutMs` have passed. Demo seeders wait so for the facts other services publish to
 * reach their read models. The timeout is wall time: a fixed service clock does not stop the wait.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | null>,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number },
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
