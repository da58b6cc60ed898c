import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { ReportingClient, type DownloadedFile, type ReportingSchemas } from '@quartier/portal-data-access';
import { jobActive, saveBlob } from '@quartier/portal-ui';
import { pollDelay, type ReportView } from './report-jobs';
import type { ReportRequest } from './report-request';
import { ReportsTexts } from './texts';

export const PAGE_SIZE = 20;
/** Another format or language for a report made again from its pinned data. */
export type RerenderOptions = ReportingSchemas['RerenderDto'];
/** Files kept for preview and download (PDFs only: a batch ZIP may be very large). */
const KEPT_FILES = 4;

/**
 * The reports page's state (provided by ReportsPage): one page of the job list, the chosen job,
 * and the actions on jobs. While any job shown is queued or running, status is asked again —
 * quickly at first, more slowly later (pollDelay) — and not at all once every job has ended.
 */
@Injectable()
export class ReportsStore {
  private readonly api = inject(ReportingClient);
  private readonly texts = inject(ReportsTexts);

  readonly offset = signal(0);
  readonly page = signal<{ items: readonly ReportView[]; total: number } | null>(null);
  readonly listError = signal<string | null>(null);
  readonly selectedId = signal<string | null>(null);
  private readonly selectedView = signal<ReportView | null>(null);
  readonly selectedError = signal<string | null>(null);
  /** An action that failed (cancel, regenerate, …), with the job it was about. */
  readonly actionError = signal<{ id: string | null; message: string } | null>(null);
  /** Jobs with an action in flight: their buttons wait. */
  readonly pending = signal<ReadonlySet<string>>(new Set());

  /** The chosen job: the list's copy when it is on this page (one source of truth per refresh). */
  readonly selected = computed(() => {
    const id = this.selectedId();
    if (!id) return null;
    return (
      this.page()?.items.find((r) => r.id === id) ??
      (this.selectedView()?.id === id ? this.selectedView() : null)
    );
  });

  private timer: ReturnType<typeof setTimeout> | null = null;
  private polls = 0;
  private generation = 0;
  private destroyed = false;
  private readonly files = new Map<string, Promise<DownloadedFile>>();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stopPolling();
      this.files.clear();
    });
  }

  select(id: string | null): void {
    if (id === this.selectedId()) return;
    this.selectedId.set(id);
    this.selectedView.set(null);
    this.selectedError.set(null);
    void this.refresh();
  }

  showPage(offset: number): void {
    this.offset.set(Math.max(0, offset));
    void this.refresh();
  }

  /** Loads the list page and the chosen job, then asks again while any of them is active. */
  async refresh(): Promise<void> {
    this.stopPolling();
    const generation = ++this.generation;
    const id = this.selectedId();
    const [list, one] = await Promise.allSettled([
      this.api.get('/api/reporting/reports', { query: { limit: PAGE_SIZE, offset: this.offset() } }),
      id ? this.api.get('/api/reporting/reports/{id}', { path: { id } }) : Promise.resolve(null),
    ]);
    // A newer refresh (after an action, a page change) has started: its answers count.
    if (this.destroyed || generation !== this.generation) return;
    if (list.status === 'fulfilled') {
      this.page.set(list.value);
      this.listError.set(null);
    } else this.listError.set(this.texts.problem(list.reason));
    if (one.status === 'fulfilled') {
      this.selectedView.set(one.value);
      this.selectedError.set(null);
    } else if (id) this.selectedError.set(this.texts.problem(one.reason));
    const active =
      (this.page()?.items ?? []).some((r) => jobActive(r.status)) ||
      (one.status === 'fulfilled' && one.value !== null && jobActive(one.value.status));
    if (!active) {
      this.polls = 0;
      return;
    }
    this.timer = setTimeout(() => void this.refresh(), pollDelay(this.polls++));
  }

  /**
   * Requests a report; resolves to the new job's id (null when the service refused). The new
   * job's own refresh comes with showing it (select), as after regenerate and update.
   */
  create(request: ReportRequest): Promise<string | null> {
    return this.startJob(null, () => this.api.post('/api/reporting/reports', { body: request }));
  }

  cancel(report: ReportView): Promise<string | null> {
    return this.act(report.id, async () => {
      await this.api.delete('/api/reporting/reports/{id}', { path: { id: report.id } });
      return report.id;
    });
  }

  /**
   * The same pinned data rendered again, optionally in another format or language: a new job
   * with the same numbers.
   */
  regenerate(report: ReportView, as: RerenderOptions = {}): Promise<string | null> {
    return this.startJob(report.id, () =>
      this.api.post('/api/reporting/reports/{id}/regenerate', { path: { id: report.id }, body: as }),
    );
  }

  /** The data gathered again with the caller's permissions: the report's next version. */
  update(report: ReportView): Promise<string | null> {
    return this.startJob(report.id, () =>
      this.api.post('/api/reporting/reports/{id}/update', { path: { id: report.id } }),
    );
  }

  /** Downloads the finished file under the German name the server gives it. */
  download(report: ReportView): Promise<string | null> {
    return this.act(
      report.id,
      async () => {
        const file = await this.fileOf(report);
        saveBlob(file.blob, file.fileName ?? report.fileName);
        return report.id;
      },
      false,
    );
  }

  /** The finished file; PDFs are kept a while, so a preview and a download fetch it once. */
  fileOf(report: ReportView): Promise<DownloadedFile> {
    const kept = this.files.get(report.id);
    if (kept) return kept;
    const loading = this.api.file('/api/reporting/reports/{id}/file', { path: { id: report.id } });
    if (report.contentType === 'application/pdf') {
      this.files.set(report.id, loading);
      loading.catch(() => this.files.delete(report.id));
      while (this.files.size > KEPT_FILES) this.files.delete(this.files.keys().next().value as string);
    }
    return loading;
  }

  /**
   * An action that starts a new job (`id`: the report it acts on, null for a new request):
   * resolves to the new job's id; the list goes back to its first page and asks quickly again.
   */
  private startJob(id: string | null, request: () => Promise<{ id: string }>): Promise<string | null> {
    return this.act(
      id,
      async () => {
        const accepted = await request();
        this.offset.set(0);
        this.polls = 0;
        return accepted.id;
      },
      false,
    );
  }

  private async act(
    id: string | null,
    action: () => Promise<string>,
    refreshAfter = true,
  ): Promise<string | null> {
    const key = id ?? '';
    this.pending.update((set) => new Set(set).add(key));
    this.actionError.set(null);
    try {
      const result = await action();
      if (refreshAfter) void this.refresh();
      return result;
    } catch (error) {
      this.actionError.set({ id, message: this.texts.problem(error) });
      return null;
    } finally {
      this.pending.update((set) => {
        const next = new Set(set);
        next.delete(key);
        return next;
      });
    }
  }

  private stopPolling(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
