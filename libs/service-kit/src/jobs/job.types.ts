/** Where a job stands, as every service reports it. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** A job in these states still holds its spooled files and its singleton key. */
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ['queued', 'running'];

export interface JobKindOptions {
  /**
   * How often a failed job is tried again (with exponential backoff). 0 for imports: bad input
   * never heals. Default 0.
   */
  retries?: number;
  /** First retry delay in seconds (doubling with jitter, capped by `retryDelayMaxSeconds`). Default 5. */
  retryDelaySeconds?: number;
  retryDelayMaxSeconds?: number;
  /** Jobs of this kind running at once in one process. Default 1. */
  concurrency?: number;
  /** A run longer than this is stopped and failed by the queue. Default 6 hours. */
  timeoutSeconds?: number;
  /**
   * The job's input is a file on the disk of the process that enqueued it (a spooled upload), so
   * only processes on that host claim it. Other kinds are claimed by any replica.
   */
  local?: boolean;
}

/** A kind of job: its name (the queue) and options; the type parameters tie payload and result to it. */
export interface JobKind<P extends object, R> {
  readonly name: string;
  readonly options: Readonly<JobKindOptions>;
  /** Never set: carries the payload and result types. */
  readonly types?: { payload: P; result: R };
}

export function defineJobKind<P extends object, R = unknown>(
  name: string,
  options: JobKindOptions = {},
): JobKind<P, R> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`job kind "${name}" must be kebab-case`);
  return { name, options };
}

export interface ProgressReport {
  /** What the job is doing now ("reading", "storing"). */
  message?: string;
  /** Rows (features, observations) reached so far; kept when the job is interrupted. */
  rows?: number;
  /** Kind-specific counters the owning service shows (bytes read, phase, actors…). */
  detail?: Record<string, unknown>;
}

/** What a handler gets besides its payload. */
export interface JobContext {
  readonly id: string;
  readonly tenantId: string;
  readonly createdBy: string;
  /** 1 on the first run, 2 on the first retry… */
  readonly attempt: number;
  /** Aborted when the job is cancelled or the process stops: stop at the next checkpoint. */
  readonly signal: AbortSignal;
  /** Progress 0…1; written at most every few hundred milliseconds (the last one always). */
  progress(fraction: number, report?: ProgressReport): void;
  /** Throws when the job should stop (cancelled or stopping), so the handler unwinds and rolls back. */
  checkpoint(): void;
}

export type JobHandler<P extends object, R> = (payload: P, context: JobContext) => Promise<R>;

export interface EnqueueOptions {
  tenantId: string;
  createdBy: string;
  /** While a queued or running job of the kind has this key, enqueue answers that job's id instead. */
  singletonKey?: string;
  /** Spooled files the job consumes; deleted when the job ends, however it ends. */
  files?: readonly string[];
}

export interface JobErrorReport {
  code: string;
  message: string;
  details?: unknown;
}

/** The public read model of a job. */
export interface JobView<P = unknown, R = unknown> {
  id: string;
  kind: string;
  tenantId: string;
  createdBy: string;
  status: JobStatus;
  /** 0…1 */
  progress: number;
  message: string | null;
  rows: number;
  detail: Record<string, unknown>;
  payload: P;
  result: R | null;
  error: JobErrorReport | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /**
   * The job's last sign of life (queued, claimed, progress, heartbeat, end) on the database's
   * clock — real time for liveness, where the other timestamps are the service's Clock.
   */
  heartbeatAt: string | null;
}

/** Thrown by a handler to fail its job with a code, a message and details (e.g. every bad row). */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

export type JobErrorCode = 'JobNotFound' | 'InvalidJobPayload' | 'UnknownJobKind' | 'JobRunnerNotStarted';

/** The runner's own refusals (mapped to HTTP by the service kit). */
export class JobError extends Error {
  constructor(
    readonly code: JobErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JobError';
  }
}

export const JOB_ERROR_STATUS: Record<JobErrorCode, number> = {
  JobNotFound: 404,
  InvalidJobPayload: 422,
  UnknownJobKind: 500,
  JobRunnerNotStarted: 503,
};
