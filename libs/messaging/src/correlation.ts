import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/**
 * The correlation id of the work in progress (HTTP request → events → logs). AsyncLocalStorage
 * carries it through awaits, so publishing an event inside a request or a handler inherits it
 * without threading it through every call.
 */
export const correlation = {
  run<T>(correlationId: string, fn: () => T): T {
    return storage.run({ correlationId }, fn);
  },
  current(): string | undefined {
    return storage.getStore()?.correlationId;
  },
  /** The current id, or a fresh one where the work did not start from a correlated source. */
  currentOrNew(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
};
