import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Notice, pageRange } from '@quartier/portal-ui';
import { ReportActions } from '../report-actions/report-actions';
import { PAGE_SIZE, ReportsStore } from '../reports-store';
import { ReportStatus } from '../report-status/report-status';
import { ReportsTexts } from '../texts';

/** The caller's report jobs, newest first, a page at a time, with their state and actions. */
@Component({
  selector: 'q-report-list',
  imports: [Notice, RouterLink, ReportActions, ReportStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.listError(); as error) {
      <q-notice kind="error">{{ error }}</q-notice>
    }
    @if (store.page(); as page) {
      @if (page.items.length === 0) {
        <p>{{ t('noJobs') }}</p>
      } @else {
        <table class="table" data-testid="report-jobs">
          <caption class="visually-hidden">
            {{
              t('jobs')
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ t('title') }}</th>
              <th scope="col">{{ t('format') }}</th>
              <th scope="col">{{ t('status') }}</th>
              <th scope="col">{{ t('asOf') }}</th>
              <th scope="col">{{ t('actions') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of page.items; track r.id) {
              <tr
                [attr.data-report-id]="r.id"
                [attr.data-status]="r.status"
                [class.chosen]="r.id === store.selectedId()"
              >
                <td>
                  <a
                    routerLink="/reports"
                    [queryParams]="{ report: r.id }"
                    [attr.aria-current]="r.id === store.selectedId() ? 'true' : null"
                    >{{ r.title }}</a
                  >
                  <div class="muted">
                    {{ texts.tk('type', r.type) }} · {{ t('version', { version: r.version }) }}
                  </div>
                </td>
                <td>{{ texts.tk('format', r.format) }}</td>
                <td>
                  <q-report-status [report]="r" />
                  @if (r.error && r.status === 'failed') {
                    <div class="error-text">{{ texts.jobError(r) }}</div>
                  }
                </td>
                <td>{{ texts.dateTime(r.asOf) }}</td>
                <td><q-report-actions [report]="r" (opened)="opened.emit($event)" /></td>
              </tr>
            }
          </tbody>
        </table>
        @if (range(); as range) {
          <nav class="pager" [attr.aria-label]="t('jobs')">
            <button
              type="button"
              [disabled]="store.offset() === 0"
              (click)="store.showPage(store.offset() - pageSize)"
            >
              {{ t('previous') }}
            </button>
            <span>{{
              t('pageOf', {
                from: texts.count(range.from),
                to: texts.count(range.to),
                total: texts.count(page.total),
              })
            }}</span>
            <button
              type="button"
              [disabled]="store.offset() + pageSize >= page.total"
              (click)="store.showPage(store.offset() + pageSize)"
            >
              {{ t('next') }}
            </button>
          </nav>
        }
      }
    } @else if (!store.listError()) {
      <p role="status">{{ t('loading') }}</p>
    }
  `,
  styleUrl: '../reports.scss',
})
export class ReportList {
  protected readonly store = inject(ReportsStore);
  protected readonly texts = inject(ReportsTexts);
  protected readonly t = this.texts.t;
  protected readonly pageSize = PAGE_SIZE;
  readonly opened = output<string>();
  protected readonly range = computed(() => {
    const page = this.store.page();
    return page ? pageRange(this.store.offset(), page.items.length, page.total) : null;
  });
}
