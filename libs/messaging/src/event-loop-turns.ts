/**
 * For long synchronous loops in a process that also answers requests: call the returned
 * function once per item and await it; once more than `sliceMs` have passed since the last
 * turn, it lets the event loop take one (timers, I/O, other requests) before going on.
 */
export function eventLoopTurns(sliceMs: number): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart <= sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        sliceStart = performance.now();
        resolve();
      }),
    );
  };
}
