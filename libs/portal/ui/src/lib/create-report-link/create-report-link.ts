import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n } from '../i18n/i18n';

/** The navigation state key under which a page hands its report subject to the reports page. */
export const CREATE_REPORT_STATE = 'createReport';

/**
 * What a report is about, as the reporting service's request names it: `type` and the id field
 * of that type (`areaId`, `indexRunId`, `programmeId`, `evaluationId`). The reports page checks it against the
 * generated client's request type before it asks for the report.
 */
export type ReportSubject = { readonly type: string } & Readonly<Record<string, string>>;

/**
 * "Bericht erstellen" on an area, an index run, a programme, an evaluation: leads to the reports page, which
 * requests the report (PDF, in the portal's language) and shows its job with progress, download
 * and preview. The subject travels in the navigation state, not the URL, so a bookmark or a
 * reload never requests a report again.
 */
@Component({
  selector: 'q-create-report-link',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a
      class="create-report"
      routerLink="/reports"
      [state]="state()"
      [attr.title]="t('reports.createHint')"
      data-testid="create-report"
      >{{ t('reports.create') }}</a
    >
  `,
  styles: `
    .create-report {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0 1rem;
      border: 2px solid #1f5fa8;
      border-radius: 4px;
      color: #13294b;
      background: #fff;
      font-weight: 600;
      text-decoration: none;
    }
    .create-report:hover {
      background: #eef4fb;
    }
    .create-report:focus-visible {
      outline: 3px solid #1f5fa8;
      outline-offset: 2px;
    }
  `,
})
export class CreateReportLink {
  protected readonly t = inject(I18n).t;
  readonly subject = input.required<ReportSubject>();
  protected readonly state = computed(() => ({ [CREATE_REPORT_STATE]: this.subject() }));
}
