import { loggableError, redactQuoted } from '@quartier/observability';
import type { Job } from 'pg-boss';
import type { Clock } from '../clock';
import { JobStopped, outcomeOf, type JobOutcome, type StopReason } from './job-outcome';
import type { JobStore } from './job-store';
import { ProgressReporter } from './progress-reporter';
import { messageOf } from './storable';
import type { JobContext, JobHandler, JobKind, JobView } from './job.types';

export interface RegisteredKind {
  kind: JobKind<object, unknown>;
  handler: JobHandler<object, unknown>;
  queue: string;
}

export interface ExecutorLogger {
  error(message: string): void;
  warn(message: string): void;
}

/** A job running in this process: how to stop it, and the promise of its end. */
export interface RunningJob {
  stop(reason: StopReason): void;
  done: Promise<void>;
}

export interface ExecutorDeps {
  store: JobStore;
  clock: Clock;
  runnerKey: () => number;
  progressIntervalMs: number;
  logger: ExecutorLogger;
  running: Map<string, RunningJob>;
  /** Called once a job reached an end (done, failed, cancelled, interrupted) in this process. */
  ended(view: JobView, files: readonly string[]): Promise<void>;
}

/**
 * Runs one claimed pg-boss job through its kind's handler, at the job boundary: every throw is
 * caught and recorded, progress is persisted, a cancel or shutdown aborts the handler's signal.
 * The only exception that leaves is the deliberate one that makes pg-boss schedule a retry.
 */
export async function executeJob(deps: ExecutorDeps, entry: RegisteredKind, job: Job<object>): Promise<void> {
  const runner = deps.runnerKey();
  const claimed = await deps.store.claim(job.id, runner, deps.clock.now());
  // Cancelled while queued, interrupted, or not ours to run: pg-boss may settle it.
  if (!claimed) return;
  const view = claimed.view;
  const controller = new AbortController();
  let stopReason: StopReason | null = null;
  const stop = (reason: StopReason) => {
    if (controller.signal.aborted) return;
    stopReason = reason;
    controller.abort(new JobStopped(reason));
  };
  // pg-boss aborts its signal when the job's claim is gone (cancelled from another replica).
  job.signal?.addEventListener('abort', () => stop('claim-lost'), { once: true });
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  deps.running.set(view.id, { stop, done });

  const reporter = new ProgressReporter(
    deps.progressIntervalMs,
    (state) => deps.store.progress(view.id, state),
    (error) => deps.logger.warn(`progress of job ${view.id} not stored: ${messageOf(error)}`),
  );
  const context: JobContext = {
    id: view.id,
    tenantId: view.tenantId,
    createdBy: view.createdBy,
    attempt: view.attempts,
    signal: controller.signal,
    progress: (fraction, report) => reporter.report(fraction, report),
    checkpoint: () => {
      if (controller.signal.aborted) throw new JobStopped(stopReason ?? 'cancel');
    },
  };
  let outcome: JobOutcome;
  try {
    const result = await entry.handler(view.payload as object, context);
    outcome = outcomeOf({ ok: true, result }, stopReason, view.attempts, entry.kind.options.retries ?? 0);
  } catch (error) {
    outcome = outcomeOf({ ok: false, error }, stopReason, view.attempts, entry.kind.options.retries ?? 0);
    if (outcome.status === 'failed' || outcome.status === 'queued') logUnexpected(deps.logger, view, error);
  }
  try {
    const state = await reporter.settle();
    // A cancel that arrived after the handler's last checkpoint does not undo a finished job.
    const after = await deps.store.finish(view.id, runner, outcome, state, deps.clock.now());
    if (after && after.view.status !== 'queued') await deps.ended(after.view, after.files);
  } catch (error) {
    // The database is gone: the job stays `running` until a runner finds its heartbeat stale.
    deps.logger.error(
      `job ${view.id} ended as ${outcome.status} but could not be recorded: ${messageOf(error)}`,
    );
  } finally {
    deps.running.delete(view.id);
    finished();
  }
  // pg-boss retries what throws; the message is already storable.
  if (outcome.status === 'queued') throw new Error(outcome.error.message);
}

function logUnexpected(logger: ExecutorLogger, view: JobView, error: unknown): void {
  // Coded errors (JobFailure, a service's domain error) are expected outcomes, reported on the job.
  if (typeof (error as { code?: unknown } | null)?.code === 'string') return;
  // An import's error quotes the cell or row it choked on: uploaded content, not for the log.
  const stack = error instanceof Error ? loggableError(error) : redactQuoted(messageOf(error));
  logger.error(`job ${view.id} (${view.kind}) failed: ${messageOf(stack)}`);
}
