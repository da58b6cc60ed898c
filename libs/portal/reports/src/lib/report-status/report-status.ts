import { booleanAttribute, ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ReportView } from '../report-jobs';
import { ReportsTexts } from '../texts';
import { runningPercent } from './running-percent';

/**
 * A report job's state: its status badge and, while it is queued or running, its progress bar.
 * The chosen job's card (`detailed`) also announces status changes (role status), writes the
 * percentage out and carries the test ids; a row of the job list only shows both.
 */
@Component({
  selector: 'q-report-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    @let r = report();
    <span
      [attr.role]="detailed() ? 'status' : null"
      [class]="'status status--' + r.status"
      [attr.data-testid]="detailed() ? 'report-status' : null"
      >{{ texts.tk('status', r.status) }}</span
    >
    @if (percent() !== null) {
      <progress
        max="100"
        [value]="percent()"
        [attr.aria-label]="texts.t('progressOf', { title: r.title })"
        [attr.data-testid]="detailed() ? 'report-progress' : null"
      ></progress>
      @if (detailed()) {
        <span class="percent">{{ percent() }} %</span>
      }
    }
  `,
  styles: `
    .status {
      display: inline-block;
      padding: 0.125rem 0.5rem;
      border-radius: 1rem;
      border: 1px solid currentColor;
      font-size: 0.875rem;
      font-weight: 600;
      margin-right: 0.5rem;
    }
    .status--done {
      color: #1e7a34;
    }
    .status--failed {
      color: #b3261e;
    }
    .status--queued,
    .status--running,
    .status--cancelled {
      color: #4a5561;
    }
    progress {
      width: 8rem;
      vertical-align: middle;
    }
  `,
})
export class ReportStatus {
  protected readonly texts = inject(ReportsTexts);
  readonly report = input.required<Pick<ReportView, 'status' | 'progress' | 'title'>>();
  /** The chosen job's card: a live status, the percentage in words and the test ids. */
  readonly detailed = input(false, { transform: booleanAttribute });
  protected readonly percent = computed(() => runningPercent(this.report()));
}
