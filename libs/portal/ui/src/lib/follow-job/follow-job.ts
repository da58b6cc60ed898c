/** A background job as the services report it: queued and running are the states before its end. */
export interface FollowedJob {
  readonly status: string;
}

export interface FollowJobOptions<J extends FollowedJob> {
  /** How long to wait before asking for the n-th time (0-based). */
  readonly delay: (attempt: number) => number;
  /** Each answer while following, the last one (the job's end) included. */
  readonly seen?: (job: J) => void;
  /** Stops following: no further request, and no answer is passed on after it. */
  readonly stop?: AbortSignal;
}

/** Whether a job in this state is still to end (queued or running); every other state is an end. */
export function jobActive(status: string): boolean {
  return status === 'queued' || status === 'running';
}

/**
 * A job's progress (0…1) as a whole percentage within 0…100, for `<progress>` and the texts that
 * say how far it is; 0 while the service has no number for it.
 */
export function progressPercent(progress: number | null | undefined): number {
  if (progress === null || progress === undefined || !Number.isFinite(progress)) return 0;
  return Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

/**
 * Asks for a job again, after each delay, until it has ended: resolves to the ended job, or to
 * null when `stop` aborted first. A failed request rejects (the caller says what went wrong).
 */
export async function followJob<J extends FollowedJob>(
  job: J,
  ask: (job: J) => Promise<J>,
  options: FollowJobOptions<J>,
): Promise<J | null> {
  const { delay, seen, stop } = options;
  for (let attempt = 0; jobActive(job.status); attempt++) {
    await pause(delay(attempt), stop);
    if (stop?.aborted) return null;
    job = await ask(job);
    if (stop?.aborted) return null;
    seen?.(job);
  }
  return job;
}

function pause(ms: number, stop: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (stop?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    stop?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      stop?.removeEventListener('abort', done);
      resolve();
    }
  });
}
