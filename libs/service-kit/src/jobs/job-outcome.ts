import { storableText } from '@quartier/contracts';
import { messageOf, storable } from './storable';
import { JobFailure, type JobErrorReport, type JobStatus } from './job.types';

/** Why a running job's signal was aborted. */
export type StopReason = 'cancel' | 'shutdown' | 'claim-lost';

export class JobStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(reason === 'cancel' ? 'the job was cancelled' : 'the job was stopped');
    this.name = 'JobStopped';
  }
}

export type JobOutcome =
  | { status: 'done'; result: unknown }
  | { status: 'failed' | 'cancelled' | 'interrupted'; error: JobErrorReport }
  /** Failed, but the kind retries: back to the queue with the error kept for the record. */
  | { status: 'queued'; error: JobErrorReport };

const STOPPED_MESSAGES: Record<StopReason, JobErrorReport> = {
  cancel: { code: 'Cancelled', message: 'cancelled; nothing of this job was kept' },
  shutdown: {
    code: 'Interrupted',
    message: 'the service stopped while this job was running; nothing of it was kept, start it again',
  },
  'claim-lost': {
    code: 'Interrupted',
    message: 'the job lost its claim (it was stopped elsewhere); start it again',
  },
};

/**
 * The end of one run, decided at the job boundary: whatever the handler threw becomes a stored
 * report (never an exception that escapes), a stopped signal wins over the error it caused (but
 * not over a result the handler completed), and
 * only kinds that retry put a failed job back in the queue.
 */
export function outcomeOf(
  run: { ok: true; result: unknown } | { ok: false; error: unknown },
  stopReason: StopReason | null,
  attempt: number,
  retries: number,
): JobOutcome {
  // Work the handler completed stays done: a stop that came after its last checkpoint is too late.
  if (run.ok) return { status: 'done', result: storable(run.result ?? null) };
  if (stopReason) {
    const report = STOPPED_MESSAGES[stopReason];
    return { status: stopReason === 'cancel' ? 'cancelled' : 'interrupted', error: { ...report } };
  }
  const error = reportOf(run.error);
  return attempt <= retries ? { status: 'queued', error } : { status: 'failed', error };
}

export function reportOf(error: unknown): JobErrorReport {
  if (error instanceof JobFailure) {
    return {
      code: storableText(error.code),
      message: messageOf(error),
      ...(error.details === undefined ? {} : { details: storable(error.details) }),
    };
  }
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(code) ? code : 'JobFailed',
    message: messageOf(error),
  };
}

export function isTerminal(status: JobStatus): boolean {
  return status !== 'queued' && status !== 'running';
}
