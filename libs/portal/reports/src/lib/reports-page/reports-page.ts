import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import { CREATE_REPORT_STATE, CreateSection, Notice, PageHeading } from '@quartier/portal-ui';
import { ReportCard } from '../report-card/report-card';
import { ReportForm } from '../report-form/report-form';
import { ReportList } from '../report-list/report-list';
import { reportRequestFromLink, type ReportRequest } from '../report-request';
import { ReportsStore } from '../reports-store';
import { ReportsTexts } from '../texts';

/**
 * `/reports`: request a report, follow its job, download and preview it; `?report=<id>` shows
 * one job in full. A "Bericht erstellen" link of another page arrives with its subject in the
 * navigation state: the report is requested at once and its job shown.
 */
@Component({
  selector: 'q-reports-page',
  imports: [PageHeading, Notice, CreateSection, ReportForm, ReportCard, ReportList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ReportsStore],
  template: `
    <q-page-heading [heading]="t('heading')" [intro]="t('intro')" />
    @if (linkError(); as error) {
      <q-notice kind="error">{{ error }}</q-notice>
    }
    @if (store.actionError(); as failure) {
      <q-notice kind="error">{{ failure.message }}</q-notice>
    }
    @if (store.selectedId()) {
      <section class="selected" [attr.aria-label]="t('selected')">
        @if (store.selected(); as report) {
          <q-report-card [report]="report" (opened)="show($event)" />
        } @else if (store.selectedError(); as error) {
          <q-notice kind="error">{{ error }}</q-notice>
        } @else {
          <p role="status">{{ t('loading') }}</p>
        }
      </section>
    }
    <div class="columns">
      <section qCreateSection [heading]="t('create')">
        <q-report-form [busy]="store.pending().has('')" (requested)="create($event)" />
      </section>
      <section aria-labelledby="jobs-heading" class="jobs">
        <h2 id="jobs-heading">{{ t('jobs') }}</h2>
        <q-report-list (opened)="show($event)" />
      </section>
    </div>
  `,
  styleUrl: '../reports.scss',
})
export class ReportsPage {
  protected readonly store = inject(ReportsStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly texts = inject(ReportsTexts);
  protected readonly t = this.texts.t;
  /** `?report=<id>`: the job shown in full. */
  readonly report = input<string | undefined>();
  protected readonly linkError = signal<string | null>(null);

  constructor() {
    effect(() => this.store.select(this.report() ?? null));
    const navigation = this.router.currentNavigation();
    const subject = (navigation?.extras.state as Record<string, unknown> | undefined)?.[CREATE_REPORT_STATE];
    // Back, forward and a reload (the portal's first navigation) restore a history entry's
    // state: only the link's own navigation within the running portal requests the report.
    if (subject !== undefined && navigation?.trigger === 'imperative' && navigation.previousNavigation)
      void this.createFromLink(subject);
    else void this.store.refresh();
  }

  protected async create(request: ReportRequest): Promise<void> {
    const id = await this.store.create(request);
    if (id) await this.show(id);
  }

  /** Shows a job in full (its id in the URL) and moves the focus to it for screen readers. */
  protected async show(id: string, replaceUrl = false): Promise<void> {
    await this.router.navigate(['/reports'], { queryParams: { report: id }, replaceUrl });
    afterNextRender(() => document.getElementById('selected-heading')?.focus(), { injector: this.injector });
  }

  private async createFromLink(subject: unknown): Promise<void> {
    const request = reportRequestFromLink(subject, this.texts.language());
    if (!request) {
      this.linkError.set(this.t('badLink'));
      void this.store.refresh();
      return;
    }
    const id = await this.store.create(request);
    // The entry that carried the request gives way to the job's own.
    if (id) await this.show(id, true);
    else void this.store.refresh();
  }
}
