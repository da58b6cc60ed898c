import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { actionsOf, type ReportView } from '../report-jobs';
import { ReportsStore } from '../reports-store';
import { ReportsTexts } from '../texts';

/**
 * What can be done with one job: download, preview (PDF), cancel, regenerate, update. A new job
 * (regenerate, update) is announced through `opened`, so the page can show it.
 */
@Component({
  selector: 'q-report-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="actions">
      @if (actions().download) {
        <button
          type="button"
          class="primary"
          data-testid="report-download"
          [disabled]="busy()"
          [attr.aria-label]="t('downloadNamed', { fileName: report().fileName })"
          (click)="store.download(report())"
        >
          {{ t('download') }}
        </button>
      }
      @if (actions().preview && showPreviewToggle()) {
        <button type="button" [attr.aria-expanded]="previewOpen()" (click)="togglePreview.emit()">
          {{ previewOpen() ? t('hidePreview') : t('preview') }}
        </button>
      }
      @if (actions().cancel) {
        <button
          type="button"
          data-testid="report-cancel"
          [disabled]="busy()"
          [attr.aria-label]="t('cancelNamed', { title: report().title })"
          (click)="store.cancel(report())"
        >
          {{ t('cancel') }}
        </button>
      }
      @if (actions().regenerate) {
        <button
          type="button"
          data-testid="report-regenerate"
          [disabled]="busy()"
          [attr.title]="t('regenerateHint')"
          [attr.aria-label]="t('regenerateNamed', { title: report().title })"
          (click)="open(store.regenerate(report()))"
        >
          {{ t('regenerate') }}
        </button>
      }
      @if (actions().update) {
        <button
          type="button"
          data-testid="report-update"
          [disabled]="busy()"
          [attr.title]="t('updateHint')"
          [attr.aria-label]="t('updateNamed', { title: report().title })"
          (click)="open(store.update(report()))"
        >
          {{ t('update') }}
        </button>
      }
    </div>
  `,
  styleUrl: '../reports.scss',
})
export class ReportActions {
  protected readonly store = inject(ReportsStore);
  protected readonly t = inject(ReportsTexts).t;
  readonly report = input.required<ReportView>();
  readonly showPreviewToggle = input(false);
  readonly previewOpen = input(false);
  readonly togglePreview = output();
  /** A new job was made from this one (its id). */
  readonly opened = output<string>();
  protected readonly actions = computed(() => actionsOf(this.report()));
  protected readonly busy = computed(() => this.store.pending().has(this.report().id));

  protected async open(job: Promise<string | null>): Promise<void> {
    const id = await job;
    if (id) this.opened.emit(id);
  }
}
