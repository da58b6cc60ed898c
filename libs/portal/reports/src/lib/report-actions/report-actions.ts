import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { actionsOf, type ReportActions as ReportActionSet, type ReportView } from '../report-jobs';
import { ReportsStore } from '../reports-store';
import { ReportsTexts, type ReportsTextKey } from '../texts';

/**
 * The buttons that act on one job, in the order shown; the preview toggle stands after download.
 * Each button names the job it acts on (download by its file, the others by its title);
 * regenerate (the same data again) and update (the data collected anew) make a new job.
 */
const JOB_ACTIONS = [
  { key: 'download', named: 'downloadNamed' },
  { key: 'preview' },
  { key: 'cancel', named: 'cancelNamed' },
  { key: 'regenerate', named: 'regenerateNamed', hint: 'regenerateHint' },
  { key: 'update', named: 'updateNamed', hint: 'updateHint' },
] as const satisfies readonly { key: keyof ReportActionSet; named?: ReportsTextKey; hint?: ReportsTextKey }[];
type JobAction = Exclude<(typeof JOB_ACTIONS)[number]['key'], 'preview'>;

/**
 * What can be done with one job: download, preview (PDF), cancel, regenerate, update. A new job
 * (regenerate, update) is announced through `opened`, so the page can show it.
 */
@Component({
  selector: 'q-report-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="actions">
      @for (action of jobActions; track action.key) {
        @if (action.key === 'preview') {
          @if (actions().preview && showPreviewToggle()) {
            <button type="button" [attr.aria-expanded]="previewOpen()" (click)="togglePreview.emit()">
              {{ previewOpen() ? t('hidePreview') : t('preview') }}
            </button>
          }
        } @else if (actions()[action.key]) {
          <button
            type="button"
            [class.primary]="action.key === 'download'"
            [attr.data-testid]="'report-' + action.key"
            [disabled]="busy()"
            [attr.title]="'hint' in action ? t(action.hint) : null"
            [attr.aria-label]="t(action.named, { fileName: report().fileName, title: report().title })"
            (click)="run(action.key)"
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
  protected readonly jobActions = JOB_ACTIONS;

  protected async run(action: JobAction): Promise<void> {
    const id = await this.store[action](this.report());
    if (id && (action === 'regenerate' || action === 'update')) this.opened.emit(id);
  }
}
