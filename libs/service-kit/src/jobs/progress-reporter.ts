import { performance } from 'node:perf_hooks';
import { storableText } from '@quartier/contracts';
import { storable } from './storable';
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
 *
 * The interval is real elapsed time (`elapsedMs`, monotonic), not the service's injected Clock:
 * the Clock says what time it is for what gets stored, and a fixed test clock stands still, so a
 * throttle on it let the first write through and no other while the job ran.
 */
export class ProgressReporter {
  private state: ProgressState = { progress: 0, message: null, rows: 0, detail: {} };
  private lastWrite: number | null = null;
  private settled = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly write: (state: ProgressState) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly elapsedMs: () => number = () => performance.now(),
  ) {}

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
    if (this.settled) return;
    const now = this.elapsedMs();
    if (this.lastWrite !== null && now - this.lastWrite < this.intervalMs) return;
    this.lastWrite = now;
    this.enqueueWrite();
  }

  /**
   * Waits for the writes under way and answers the last state, written or not: whoever ends the
   * job records it with the outcome, in one statement rather than a progress write followed by
   * the finish (one commit less per job). No write starts after this.
   */
  async settle(): Promise<ProgressState> {
    this.settled = true;
    await this.chain;
    return this.state;
  }

  private enqueueWrite(): void {
    const state = this.state;
    this.chain = this.chain.then(() => this.write(state)).catch((error: unknown) => this.onError(error));
  }
}
