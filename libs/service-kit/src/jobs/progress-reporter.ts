import { storable, storableText } from './storable';
import type { Clock } from '../clock';
import type { ProgressReport } from './job.types';

export interface ProgressState {
  progress: number;
  message: string | null;
  rows: number;
  detail: Record<string, unknown>;
}

/**
 * Throttles a job's progress to one write per interval (the portal polls about once a second),
 * serialises the writes so an older state never lands after a newer one, and never throws: a
 * progress write that fails is logged and the job goes on.
 */
export class ProgressReporter {
  private state: ProgressState = { progress: 0, message: null, rows: 0, detail: {} };
  private lastWrite: number | null = null;
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly write: (state: ProgressState) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  get current(): ProgressState {
    return this.state;
  }

  report(fraction: number, report: ProgressReport = {}): void {
    const progress = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : this.state.progress;
    this.state = {
      progress,
      message: report.message === undefined ? this.state.message : storableText(report.message),
      rows: report.rows === undefined || !Number.isFinite(report.rows) ? this.state.rows : report.rows,
      detail:
        report.detail === undefined
          ? this.state.detail
          : (storable({ ...this.state.detail, ...report.detail }) as Record<string, unknown>),
    };
    this.dirty = true;
    const now = this.clock.now().getTime();
    if (this.lastWrite !== null && now - this.lastWrite < this.intervalMs) return;
    this.lastWrite = now;
    this.enqueueWrite();
  }

  /** Writes the last state if it has not been written yet; resolves when every write is done. */
  async flush(): Promise<void> {
    if (this.dirty) this.enqueueWrite();
    await this.chain;
  }

  private enqueueWrite(): void {
    this.dirty = false;
    const state = this.state;
    this.chain = this.chain.then(() => this.write(state)).catch((error: unknown) => this.onError(error));
  }
}
