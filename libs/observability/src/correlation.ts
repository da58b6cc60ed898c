import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/**
 * The correlation id follows one piece of work across processes: HTTP header
 * `x-correlation-id` → outbox event envelope → Kafka header → consumer → logs.
 */
export const correlation = {
  run<T>(correlationId: string | undefined, fn: () => T): T {
    return storage.run({ correlationId: sanitize(correlationId) ?? randomUUID() }, fn);
  },
  current(): string | undefined {
    return storage.getStore()?.correlationId;
  },
  /** The current id, or a new one for work that starts outside any request or event. */
  currentOrNew(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
};

/** Accepts caller-supplied ids only when they are short and harmless in logs and headers. */
function sanitize(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return /^[A-Za-z0-9._:-]{1,128}$/.test(id) ? id : undefined;
}
