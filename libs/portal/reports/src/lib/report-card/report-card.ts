import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Notice } from '@quartier/portal-ui';
import { ReportActions } from '../report-actions/report-actions';
import { actionsOf, type ReportView } from '../report-jobs';
import type { ReportFormat, ReportLanguage } from '../report-request';
import { ReportsStore } from '../reports-store';
import { ReportOutput } from '../report-output/report-output';
import { ReportPreview } from '../report-preview/report-preview';
import { ReportStatus } from '../report-status/report-status';
import { ReportsTexts } from '../texts';

/** The chosen job in full: status and progress, as-of time, error, actions and the preview. */
@Component({
  selector: 'q-report-card',
  imports: [FormsModule, Notice, ReportActions, ReportOutput, ReportPreview, ReportStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = report();
    <article
      class="job"
      data-testid="selected-report"
      [attr.data-report-id]="r.id"
      [attr.data-status]="r.status"
      aria-labelledby="selected-heading"
    >
      <h2 id="selected-heading" tabindex="-1">{{ r.title }}</h2>
      <dl class="facts">
        <dt>{{ t('type') }}</dt>
        <dd>
          {{ texts.tk('type', r.type) }} · {{ texts.tk('format', r.format) }} ·
          {{ texts.tk('language', r.language) }}
        </dd>
        <dt>{{ t('status') }}</dt>
        <dd>
          <q-report-status [report]="r" detailed />
        </dd>
        <dt>{{ t('asOf') }}</dt>
        <dd data-testid="report-as-of">{{ texts.dateTime(r.asOf) }}</dd>
        <dt>{{ t('created') }}</dt>
        <dd>
          {{ texts.dateTime(r.createdAt) }} · {{ t('version', { version: r.version }) }}
          @if (r.regeneratedFrom) {
            · {{ t('regeneratedFrom') }}
          }
          @if (r.scheduleId) {
            · {{ t('scheduled') }}
          }
        </dd>
        @if (r.size !== undefined && r.status === 'done') {
          <dt>{{ t('size') }}</dt>
          <dd>{{ size() }}</dd>
        }
        @if (r.contentHash) {
          <dt>{{ t('contentHash') }}</dt>
          <dd>
            <code data-testid="report-hash" [attr.data-hash]="r.contentHash"
              >{{ r.contentHash.slice(0, 19) }}…</code
            >
          </dd>
        }
      </dl>
      @if (r.error && r.status !== 'cancelled') {
        <q-notice kind="error"
          ><span data-testid="report-error">{{ error() }}</span></q-notice
        >
      }
      <q-report-actions
        [report]="r"
        [showPreviewToggle]="true"
        [previewOpen]="previewOpen()"
        (togglePreview)="previewOpen.set(!previewOpen())"
        (opened)="opened.emit($event)"
      />
      @if (actions().regenerate) {
        <form class="rerender" (ngSubmit)="regenerateAs()" [attr.aria-label]="t('regenerateIn')">
          <span class="rerender-label">{{ t('regenerateAs') }}</span>
          <q-report-output
            idPrefix="rerender"
            [hiddenLabels]="true"
            [(format)]="format"
            [(language)]="language"
          />
          <button type="submit" [disabled]="store.pending().has(r.id)" data-testid="report-regenerate-as">
            {{ t('regenerate') }}
          </button>
        </form>
      }
      @if (r.status === 'done' && r.contentType === 'application/pdf' && previewOpen()) {
        <q-report-preview [report]="r" />
      }
    </article>
  `,
  styleUrl: '../reports.scss',
})
export class ReportCard {
  protected readonly store = inject(ReportsStore);
  protected readonly texts = inject(ReportsTexts);
  protected readonly t = this.texts.t;
  readonly report = input.required<ReportView>();
  readonly opened = output<string>();
  /** The first page is shown as soon as a PDF is done; it can be closed. */
  protected readonly previewOpen = signal(true);
  protected readonly actions = computed(() => actionsOf(this.report()));
  /** "Make again as": starts at the report's own format and language. */
  protected format: ReportFormat = 'pdf';
  protected language: ReportLanguage = 'de';
  private readonly reportId = computed(() => this.report().id);

  constructor() {
    effect(() => {
      this.reportId();
      untracked(() => {
        this.format = this.report().format;
        this.language = this.report().language;
      });
    });
  }

  protected async regenerateAs(): Promise<void> {
    const id = await this.store.regenerate(this.report(), { format: this.format, language: this.language });
    if (id) this.opened.emit(id);
  }
  protected readonly size = computed(() => this.texts.fileSize(this.report().size ?? 0));
  protected readonly error = computed(() => this.texts.jobError(this.report()));
}
