import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { actionsOf, type ReportView } from '../report-jobs';
import { ReportsStore } from '../reports-store';
import { ReportsTexts, type ReportsTextKey } from '../texts';

/**
 * The actions that make a new job from this one, in the order shown: the same data again
 * (regenerate) or the data collected anew (update). Each button names the job it acts on.
 */
const NEW_JOB_ACTIONS = [
  { key: 'regenerate', hint: 'regenerateHint', named: 'regenerateNamed' },
  { key: 'update', hint: 'updateHint', named: 'updateNamed' },
] as const satisfies readonly { key: ReportsTextKey; hint: ReportsTextKey; named: ReportsTextKey }[];
type NewJobAction = (typeof NEW_JOB_ACTIONS)[number]['key'];

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
      @for (action of newJobActions; track action.key) {
        @if (actions()[action.key]) {
          <button
            type="button"
            [attr.data-testid]="'report-' + action.key"
            [disabled]="busy()"
            [attr.title]="t(action.hint)"
            [attr.aria-label]="t(action.named, { title: report().title })"
            (click)="open(action.key)"
          >
            {{ t(action.key) }}
          </button>
        }
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
  protected readonly newJobActions = NEW_JOB_ACTIONS;

  protected async open(action: NewJobAction): Promise<void> {
    const id = await this.store[action](this.report());
    if (id) this.opened.emit(id);
  }
}
